package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.platform.EmbeddedMariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The data-disk migration (V24) on a database holding disks from before it: each disk takes the
 * classification of its VM or of the request that asked for it, the higher of both, never 0 for
 * classified data. Runs on a schema of its own in the tests' MariaDB, dropped afterwards.
 */
class DataDiskMigrationIntegrationTest extends PortalTestSupport {

    @Autowired
    EmbeddedMariaDb db;

    @Test
    void disksRecordedBeforeV24TakeTheLevelOfTheirVmOrRequest() {
        String schema = "v24check_" + System.nanoTime();
        String url = "jdbc:mariadb://127.0.0.1:" + db.port() + "/" + schema
                + "?createDatabaseIfNotExist=true&useUnicode=true&characterEncoding=utf8mb4";
        try {
            Flyway.configure().dataSource(url, "root", "").locations("classpath:db/migration").target("23")
                    .load().migrate();
            SingleConnectionDataSource single = new SingleConnectionDataSource(url, "root", "", true);
            try {
                JdbcClient old = JdbcClient.create(single);
                old.sql("SET SESSION sql_mode = '', FOREIGN_KEY_CHECKS = 0").update();
                old.sql("INSERT INTO vm (vm_id, name, tenant_id, classification) VALUES ('vm-secret', 's', 1, 2)")
                        .update();
                old.sql("INSERT INTO vm_request (id, tenant_id, classification) VALUES (9001, 1, 3)").update();
                old.sql("""
                        INSERT INTO data_disk (disk_id, name, tenant_id, owner_id, vm_id, request_id, size_gb,
                                               lifecycle)
                        VALUES ('dd-on-vm', 'a', 1, 1, 'vm-secret', NULL, 1, 'ACTIVE'),
                               ('dd-asked', 'b', 1, 1, NULL, 9001, 1, 'ACTIVE'),
                               ('dd-both', 'c', 1, 1, 'vm-secret', 9001, 1, 'ACTIVE'),
                               ('dd-plain', 'd', 1, 1, NULL, NULL, 1, 'ACTIVE')""").update();
            } finally {
                single.destroy();
            }

            Flyway.configure().dataSource(url, "root", "").locations("classpath:db/migration").target("24")
                    .load().migrate();

            SingleConnectionDataSource after = new SingleConnectionDataSource(url, "root", "", true);
            try {
                assertThat(JdbcClient.create(after)
                        .sql("SELECT disk_id, classification FROM data_disk ORDER BY disk_id")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list())
                        .containsExactly("dd-asked=3", "dd-both=3", "dd-on-vm=2", "dd-plain=0");
            } finally {
                after.destroy();
            }
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + schema).update();
        }
    }
}
