package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The completion table of the binding, as the callback receiver applies it. */
class TransitionRulesTest {

    @Test
    void eventsTheBindingAllowsAreLetThrough() {
        assertThat(TransitionRules.impossible("createVm", "0", 6, "PENDING")).isNull();
        assertThat(TransitionRules.impossible("createVm", "0", 0, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("createVm", "2000", null, "PENDING")).isNull();
        assertThat(TransitionRules.impossible("startVm", "2010", 1, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("startVm", "2040", 0, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("shutdownVm", "2011", 0, "DELETING")).isNull();
        assertThat(TransitionRules.impossible("pauseVm", "2012", 4, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("resumeVm", "2013", 1, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("deleteVm", "2014", null, "DELETING")).isNull();
        assertThat(TransitionRules.impossible("deleteVm", "2014", null, "DELETED")).as("a repeat").isNull();
        assertThat(TransitionRules.impossible("migrateVm", "2018", 1, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("startVm", "2010", null, "ACTIVE")).as("no status").isNull();
        assertThat(TransitionRules.impossible("createSnap", "9003", 1, "ACTIVE")).isNull();
        assertThat(TransitionRules.impossible("createVm", "0", 0, "ACTIVE", 6)).as("created at last").isNull();
        assertThat(TransitionRules.impossible("createVm", "0", 6, "PENDING", null)).as("creating").isNull();
    }

    @Test
    void creationReportsOfAVmThatRunsAndUnknownMethodsAreRefused() {
        assertThat(TransitionRules.impossible("createVm", "2000", null, "ACTIVE", 1)).contains("created already");
        assertThat(TransitionRules.impossible("hackVm", "0", 5, "ACTIVE", 1)).contains("no method hackVm");
    }

    @Test
    void eventsThatCannotHaveHappenedAreRefusedWithAReason() {
        assertThat(TransitionRules.impossible("startVm", "2010", 0, "ACTIVE")).contains("cannot leave status 0");
        assertThat(TransitionRules.impossible("shutdownVm", "2010", 0, "ACTIVE")).contains("does not end");
        assertThat(TransitionRules.impossible("startVm", "2010", 1, "PENDING")).contains("not created");
        assertThat(TransitionRules.impossible("startVm", "2010", 1, "DELETED")).contains("deleted");
        assertThat(TransitionRules.impossible("createVm", "0", 6, "DELETED")).contains("deleted");
        assertThat(TransitionRules.impossible("createVm", "0", 1, "PENDING")).contains("cannot leave status 1");
        assertThat(TransitionRules.impossible("deleteVm", "2014", 0, "DELETING")).contains("cannot leave");
        assertThat(TransitionRules.impossible("pauseVm", "2012", 1, "ACTIVE")).contains("cannot leave status 1");
        assertThat(TransitionRules.impossible("startVm", "2010", 1, "FAILED")).contains("creation failed");
    }
}
