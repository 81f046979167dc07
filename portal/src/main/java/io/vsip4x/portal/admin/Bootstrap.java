package io.vsip4x.portal.admin;

import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: the demo data on the default run; elsewhere the {@code admin} account, which
 * needs {@code portal.admin.initial-password} (the portal refuses to start without it while no
 * platform administrator exists). Both happen before the web server opens, so nobody can sign in
 * to a half-seeded portal. Then it says where the portal is.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    static final int MIN_ADMIN_PASSWORD = 12;

    private final DemoProperties demo;
    private final AdminProperties admin;
    private final DemoData demoData;
    private final UserService users;
    private final Environment environment;

    Bootstrap(DemoProperties demo, AdminProperties admin, DemoData demoData, UserService users,
            Environment environment) {
        this.demo = demo;
        this.admin = admin;
        this.demoData = demoData;
        this.users = users;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (demo.enabled()) {
            demoData.seedOnce();
            demoData.bindDemoUkeys();
            return;
        }
        if (users.anyWithRole(Role.PLATFORM_ADMIN)) {
            return;
        }
        String password = admin.initialPassword();
        if (password == null || password.length() < MIN_ADMIN_PASSWORD) {
            throw new IllegalStateException("No platform administrator exists yet: set "
                    + "portal.admin.initial-password (at least " + MIN_ADMIN_PASSWORD + " characters) "
                    + "for the first start");
        }
        users.create("admin", password, "Administrator", null, Set.of(Role.PLATFORM_ADMIN));
        log.info("Created the platform administrator account 'admin'");
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", "8080");
        String address = environment.getProperty("server.address", "127.0.0.1");
        String url = "http://" + ("0.0.0.0".equals(address) ? "127.0.0.1" : address) + ":" + port + "/";
        if (demo.enabled()) {
            log.info("""
                    The Vsip4x portal is ready at {}
                      demo accounts (password as in README.md):
                        alice  user, 研发部 (rd)        dave   user, 财务部 (fin)
                        bob    approver and tenant admin, 研发部 (rd)
                        paula  platform admin          sam    security admin
                        audrey auditor""", url);
        } else {
            log.info("The Vsip4x portal is ready at {}", url);
        }
    }
}
