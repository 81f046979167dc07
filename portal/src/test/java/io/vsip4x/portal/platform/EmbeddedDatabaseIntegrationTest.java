package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.tenancy.Quota;
import org.junit.jupiter.api.Test;

/** The embedded default's MariaDB: loopback only, utf8mb4 throughout. */
class EmbeddedDatabaseIntegrationTest extends PortalTestSupport {

    @Test
    void listensOnLoopbackOnly() {
        assertThat(variable("bind_address")).isEqualTo("127.0.0.1");
    }

    @Test
    void storesChineseAndEmojiUnchanged() {
        assertThat(variable("character_set_server")).isEqualTo("utf8mb4");
        long id = tenants.create("emoji" + port, "研发部 🚀 测试", new Quota(1, 512, 1, 1));
        assertThat(tenants.find(id).orElseThrow().name()).isEqualTo("研发部 🚀 测试");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM information_schema.tables
                 WHERE table_schema = DATABASE() AND table_collation NOT LIKE 'utf8mb4%'""")
                .query(Integer.class).single()).isZero();
    }

    private String variable(String name) {
        return jdbc.sql("SELECT @@" + name).query(String.class).single();
    }
}
