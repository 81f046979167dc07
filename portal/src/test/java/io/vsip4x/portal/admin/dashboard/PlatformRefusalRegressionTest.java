package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests found by breaking issue 10: a platform that answers a refusal code to the pool
 * monitor read ({@code getRepositoryMonitor}) is not a platform without pools. The dashboard must
 * not show zero VMs and no pools as if that were the platform's state, and a listed pool's detail
 * must not answer 404 "no such pool".
 */
class PlatformRefusalRegressionTest extends DashboardTestSupport {

    private static final String MONITOR = "getRepositoryMonitor";

    @AfterEach
    void platformBack() {
        simulator.simulator().faults().clearMethod(MONITOR);
    }

    @Test
    void aRefusedPoolMonitorLeavesThePoolSectionUnavailableNotEmpty() {
        String admin = platformAdmin(newTenant());
        simulator.simulator().faults().answer(MONITOR, "1000", null);

        var dash = dashboard(admin);

        assertThat(dash.get("pools")).as("pools the platform would not describe are not 'no pools'").isNull();
        assertThat(dash.get("vms")).as("VM figures not read are not zero").isNull();
        assertThat(dash).containsEntry("platformAvailable", false);
    }

    @Test
    void aRefusedPoolMonitorIsNotANonexistentPool() {
        String admin = platformAdmin(newTenant());
        simulator.simulator().faults().answer(MONITOR, "1000", null);

        assertThat(status(admin, "/admin/pools/pool-prod")).as("pool-prod is listed by searchRepository")
                .isNotEqualTo(404);
    }
}
