package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.TemplateSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** syncVmTemplate over HTTP: an existence check with the template's disk size. */
class TemplateSyncTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void answersStatus1WithTheDiskSizeForAKnownTemplate() {
        TemplateSync sync = platform.client.syncVmTemplate("tpl-kylin10");

        assertThat(sync.result().ok()).isTrue();
        assertThat(sync.exists()).isTrue();
        assertThat(sync.diskBytes()).isEqualTo(60 * TestPlatform.GIB);
        assertThat(sync.result().get("status")).isEqualTo("1");
    }

    @Test
    void answersStatus2WithoutInfoForAnUnknownTemplate() {
        TemplateSync sync = platform.client.syncVmTemplate("tpl-none");

        assertThat(sync.result().ok()).isTrue();
        assertThat(sync.exists()).isFalse();
        assertThat(sync.diskBytes()).isZero();
        assertThat(sync.result().get("status")).isEqualTo("2");
        assertThat(sync.result().raw()).doesNotContainKey("info");
    }
}
