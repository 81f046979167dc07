package io.vsip4x.portal.admin;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: the demo data on the default run; elsewhere the {@code admin} platform
 * administrator and the {@code security} security admin, which need
 * {@code portal.admin.initial-password} (the portal refuses to start without it while no platform
 * administrator exists). Both accounts must change that password at their first sign-in. No UKEY
 * is bound yet, so the security admins' role policy is set to a password alone (audited, shown on
 * the sign-in policy page): {@code security} signs in, binds the keys and sets it back to both
 * factors (deploy/runbook.md). Everything happens before the web server opens, so nobody can sign
 * in to a half-seeded portal. Then it says where the portal is.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    static final int MIN_ADMIN_PASSWORD = 12;
    static final String ADMIN = "admin";
    static final String SECURITY = "security";

    private final DemoProperties demo;
    private final AdminProperties admin;
    private final DemoData demoData;
    private final UserService users;
    private final SignInPolicies policies;
    private final AuditService audit;
    private final Environment environment;

    Bootstrap(DemoProperties demo, AdminProperties admin, DemoData demoData, UserService users,
            SignInPolicies policies, AuditService audit, Environment environment) {
        this.demo = demo;
        this.admin = admin;
        this.demoData = demoData;
        this.users = users;
        this.policies = policies;
        this.audit = audit;
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
        firstAccounts(password);
    }

    /**
     * The first platform admin and, unless one exists, the first security admin with a
     * password-only policy for security admins (no key can be bound before one signs in).
     */
    private void firstAccounts(String password) {
        users.requirePasswordChange(users.create(ADMIN, password, "Administrator", null,
                Set.of(Role.PLATFORM_ADMIN)));
        log.info("Created the platform administrator account '{}'", ADMIN);
        if (users.anyWithRole(Role.SECURITY_ADMIN)) {
            return;
        }
        users.requirePasswordChange(users.create(SECURITY, password, "Security administrator", null,
                Set.of(Role.SECURITY_ADMIN)));
        log.info("Created the security administrator account '{}'", SECURITY);
        String role = Role.SECURITY_ADMIN.name();
        SignInPolicy before = policies.of(SignInPolicy.Scope.ROLE, role);
        if (before != null && before.method().needsUkey()) {
            policies.set(new SignInPolicy(SignInPolicy.Scope.ROLE, role, SignInMethod.PASSWORD, false), null);
            audit.event("SIGN_IN_POLICY_CHANGED")
                    .target("SIGN_IN_POLICY", SignInPolicy.Scope.ROLE + ":" + role)
                    .params("method=PASSWORD, endOnRemoval=false, before=" + before.method()
                            + ", beforeEndOnRemoval=" + before.endOnRemoval() + ", first start: no UKEY bound yet")
                    .recordAlone();
            log.warn("First start: security admins sign in with a password alone until one of them binds "
                    + "the keys and sets their sign-in policy back (deploy/runbook.md, first start)");
        }
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
                        erin   approver and tenant admin, 财务部 (fin)
                        paula  platform admin          sam    security admin
                        audrey auditor""", url);
        } else {
            log.info("The Vsip4x portal is ready at {}", url);
        }
    }
}
