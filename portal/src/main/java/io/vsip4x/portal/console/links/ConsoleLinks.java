package io.vsip4x.portal.console.links;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.console.ConsoleButton;
import io.vsip4x.portal.console.ConsoleSettingsRepository;
import io.vsip4x.portal.console.TenantConsoleSettings;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.links.FastrapLink;
import io.vsip4x.sdk.links.LinkFormatException;
import io.vsip4x.sdk.links.RdpLink;
import io.vsip4x.sdk.links.UsbControl;
import io.vsip4x.sdk.model.RemoteControlInfo;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The native client's links of a VM (appendix 2): both {@code fastrap://} variants (the encrypted
 * one only when the VM's console has a TLS port) and the {@code rdp://} link, built from
 * {@code getRemoteControlInfo} with the fields in the spec's order. The USB control, USB
 * permission, smart-card and user-control fields are the tenant's console settings, the user the
 * signed-in person, the VM name the VM's. Each set of links gets a lease of its own, whose URL the
 * client calls to keep its session. By the spec's design a fastrap link carries the VNC password
 * (only Base64-encoded): the links are never logged, audited or cached.
 */
@Service
public class ConsoleLinks {

    /** Audit action: a set of links (and its lease) was issued, or refused. */
    static final String ISSUED = "CONSOLE_LINK_ISSUED";
    /** Audit action: a lease was revoked. */
    static final String REVOKED = "CONSOLE_LEASE_REVOKED";
    /** The path under which the portal answers lease renewals. */
    static final String LEASE_PATH = "/console/lease/";
    private static final String NO_CONSOLE = "2047";
    private static final Logger log = LoggerFactory.getLogger(ConsoleLinks.class);

    private final ConsoleTargets targets;
    private final PlatformClient platform;
    private final ConsoleSettingsRepository settings;
    private final ConsoleLeases leases;
    private final AuditService audit;
    private final TransactionTemplate transaction;

    ConsoleLinks(ConsoleTargets targets, PlatformClient platform, ConsoleSettingsRepository settings,
            ConsoleLeases leases, AuditService audit, PlatformTransactionManager transactions) {
        this.targets = targets;
        this.platform = platform;
        this.settings = settings;
        this.leases = leases;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The fastrap links.
     *
     * @param encrypted   over the console's TLS port; {@code null} when the VM has none
     * @param unencrypted over its plain port
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fastrap(String encrypted, String unencrypted) {

        @Override
        public String toString() {
            return "Fastrap[encrypted=" + (encrypted != null) + "]";
        }
    }

    /**
     * One issue of links: secrets all (they carry the console password and the lease token).
     *
     * @param leaseUrl  the renewal URL in every link
     * @param expiresAt when the lease ends unless the client renews it
     */
    public record Links(Fastrap fastrap, String rdp, String leaseUrl, Instant expiresAt) {

        @Override
        public String toString() {
            return "Links[" + fastrap + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Issues the links of VM {@code vmId} to {@code user}, with a new lease under {@code baseUrl}.
     *
     * @throws PortalException             404 when the VM is not theirs to see, 403 without an
     *                                     interactive console, 409 with the platform's code when
     *                                     the VM is not running or paused
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    public Links issue(CurrentUser user, String vmId, String baseUrl) {
        ConsoleTargets.Target target = targets.find(user, vmId, ISSUED);
        Vm vm = target.vm();
        if (!target.right().interactive()) {
            targets.denied(ISSUED, vmId, null, "no interactive console (" + target.right().basis() + ")");
            throw PortalException.forbidden("vm.links.forbidden", vm.name()).audited();
        }
        if (vm.lifecycle() != VmLifecycle.ACTIVE || !ConsoleButton.available(vm)) {
            throw notRunning(vm, NO_CONSOLE);
        }
        RemoteControlInfo info = remoteControlInfo(vm);
        TenantConsoleSettings tenant = settings.forTenant(vm.tenantId());
        return transaction.execute(status -> {
            ConsoleLeases.Issued lease = leases.issue(user, vm);
            String leaseUrl = stripSlash(baseUrl) + LEASE_PATH + lease.token();
            Links links = build(info, tenant, vm.name(), user.username(), leaseUrl, lease.expiresAt());
            audit.event(ISSUED)
                    .target("VM", vm.vmId())
                    .params("lease=" + lease.id() + ", encrypted=" + (links.fastrap().encrypted() != null)
                            + ", basis=" + target.right().basis())
                    .record();
            return links;
        });
    }

    /** The leases of the VM still in force; for those who may operate it. */
    public List<ConsoleLeases.ActiveLease> leases(CurrentUser user, String vmId) {
        targets.operable(user, vmId, null);
        return leases.active(vmId);
    }

    /**
     * Revokes lease {@code leaseId} of VM {@code vmId}: its URL answers 410 from now on.
     *
     * @throws PortalException 404 when the VM or the lease is not there (or revoked already),
     *                         403 unless {@code user} may operate the VM
     */
    public void revoke(CurrentUser user, String vmId, long leaseId) {
        ConsoleTargets.Target target = targets.operable(user, vmId, REVOKED);
        transaction.executeWithoutResult(status -> {
            if (!leases.revoke(vmId, leaseId, user.id())) {
                targets.denied(REVOKED, vmId, null, "no lease " + leaseId + " in force");
                throw PortalException.notFound("vm.links.noLease", leaseId).audited();
            }
            audit.event(REVOKED)
                    .target("VM", target.vm().vmId())
                    .params("lease=" + leaseId)
                    .record();
        });
    }

    private RemoteControlInfo remoteControlInfo(Vm vm) {
        RemoteControlInfo info;
        try {
            info = platform.call(c -> c.getRemoteControlInfo(vm.vmId()));
        } catch (Vsip4xException e) {
            log.info("Could not ask for the console of VM '{}': {}", vm.vmId(), e.getMessage());
            audit.event(ISSUED).target("VM", vm.vmId()).params("platform unreachable")
                    .result(AuditService.FAILURE, null, null).recordAlone();
            throw new PlatformUnavailableException(e);
        }
        if (!info.ok() || info.vncIpAddress() == null || info.vncPort() <= 0) {
            throw notRunning(vm, info.ok() ? NO_CONSOLE : info.result().code());
        }
        return info;
    }

    private Links build(RemoteControlInfo info, TenantConsoleSettings tenant, String vmName, String userName,
            String leaseUrl, Instant expiresAt) {
        UsbControl usb = tenant.usb();
        try {
            String plain = new FastrapLink(info.vncIpAddress(), info.vncPort(), null, info.password(), leaseUrl,
                    vmName, userName, usb, null, tenant.usbReadWrite(), tenant.smartcard(), tenant.userControl())
                    .encode();
            String tls = !info.encrypted() ? null
                    : new FastrapLink(info.vncIpAddress(), info.vncPort(), info.tlsPort(), info.password(),
                            leaseUrl, vmName, userName, usb,
                            info.serverCertParam() == null ? "" : info.serverCertParam(), tenant.usbReadWrite(),
                            tenant.smartcard(), tenant.userControl()).encode();
            String rdp = new RdpLink(info.vncIpAddress(), info.vncPort(), leaseUrl, vmName, userName).encode();
            return new Links(new Fastrap(tls, plain), rdp, leaseUrl, expiresAt);
        } catch (LinkFormatException e) {
            // The message names the field, never its value.
            log.warn("Could not write the console links of VM '{}': {}", vmName, e.getMessage());
            throw new PortalException(HttpStatus.CONFLICT, "vm.links.unencodable", null, vmName);
        }
    }

    /** 409 with the platform's code: 2047 (no console port) unless it said otherwise. */
    private PortalException notRunning(Vm vm, String code) {
        targets.denied(ISSUED, vm.vmId(), code, "no console: status " + vm.status());
        Object status = vm.status() == null
                ? new DefaultMessageSourceResolvable(new String[] {"vm.lifecycle." + vm.lifecycle().name()})
                : new DefaultMessageSourceResolvable(new String[] {"vm.status." + vm.status()}, null,
                        String.valueOf(vm.status()));
        String key = NO_CONSOLE.equals(code) ? "vm.links.notRunning" : "vm.links.refused";
        return new PortalException(HttpStatus.CONFLICT, key, code, vm.name(), status, code, codeText(code))
                .audited();
    }

    /** The meaning of a platform code in the asker's language (the request's locale). */
    static String codeText(String code) {
        return ResultCodes.find(code).map(c -> c.text(LocaleContextHolder.getLocale())).orElse(code);
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
