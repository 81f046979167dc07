package io.vsip4x.portal.cluster;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work that must run on one node at a time carries ShedLock's {@code @SchedulerLock}:
 * a node runs it only while it holds the job's row in {@code shedlock}, taken and timed in the
 * database's clock (nodes' clocks may differ). A node that dies holding a lock loses it at the
 * job's {@code lockAtMostFor}; the next node whose schedule comes round then runs it. A lock row names
 * the {@link ClusterNode#name() node} holding it.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulerLocks {

    @Bean
    LockProvider lockProvider(DataSource dataSource, ClusterNode node) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withLockedByValue(node.name())
                .usingDbTime()
                .build());
    }
}
