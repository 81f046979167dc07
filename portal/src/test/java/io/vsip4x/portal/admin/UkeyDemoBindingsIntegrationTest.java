package io.vsip4x.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.ukey.UkeyBinding;
import io.vsip4x.simulator.ukey.IssuedUkey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo UKEYs are bound at every start of the embedded default: a key already bound stays as
 * it is, a revoked one stays revoked (the security admin decided), and a key without any binding
 * (an older demo database) is bound to its account.
 */
class UkeyDemoBindingsIntegrationTest extends PortalTestSupport {

    @Autowired
    DemoData demoData;

    @Test
    void aNewStartBindsOnlyTheKeysWithoutAnyBinding() {
        IssuedUkey dave = demoKey("dave");
        IssuedUkey erin = demoKey("erin");
        assertThat(demoData.bindDemoUkeys()).as("all bound at start already").isZero();

        UkeyBinding erinsBinding = ukeyBindings.active(erin.sid()).orElseThrow();
        ukeyBindings.revoke(erinsBinding.id(), null, "test");
        jdbc.sql("DELETE FROM ukey_binding WHERE sid = :sid").param("sid", dave.sid()).update();
        try {
            assertThat(demoData.bindDemoUkeys()).isEqualTo(1);
            UkeyBinding rebound = ukeyBindings.active(dave.sid()).orElseThrow();
            assertThat(rebound.username()).isEqualTo("dave");
            assertThat(rebound.platformUserId()).isEqualTo("pu-dave");
            assertThat(ukeyBindings.active(erin.sid())).as("a revocation stands").isEmpty();
        } finally {
            jdbc.sql("DELETE FROM ukey_binding WHERE sid = :sid").param("sid", erin.sid()).update();
            demoData.bindDemoUkeys();
        }
        assertThat(ukeyBindings.active(erin.sid())).isPresent();
    }

    private IssuedUkey demoKey(String username) {
        return simulator.simulator().demoUkeys().stream().filter(k -> k.certUser().equals(username)).findFirst()
                .orElseThrow();
    }
}
