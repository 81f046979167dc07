package io.vsip4x.portal.tenancy;

import java.util.List;

/**
 * A tenant's settings as typed in the platform admin's form (or converted from the API's JSON):
 * numbers stay text until {@link TenantValidator} reads them, so a word where a number belongs
 * gets its own message. Empty caps and an empty lease maximum mean none.
 *
 * @param version the optimistic version the form was read at; empty for a new tenant
 */
public record TenantForm(
        String code,
        String name,
        String cpu,
        String memoryMb,
        String diskGb,
        String dataDiskGb,
        String vms,
        String snapshots,
        String backups,
        String vmMaxCpu,
        String vmMaxMemoryMb,
        String vmMaxDiskGb,
        String ceiling,
        String leaseMaxDays,
        List<String> templates,
        List<String> pools,
        List<String> networks,
        String version) {

    public TenantForm {
        templates = templates == null ? List.of() : List.copyOf(templates);
        pools = pools == null ? List.of() : List.copyOf(pools);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** An empty form for a new tenant. */
    public static TenantForm blank() {
        return new TenantForm("", "", "0", "0", "0", "0", "0", "0", "0", "", "", "", "0", "", List.of(), List.of(),
                List.of(), "");
    }

    /** The form showing {@code tenant} as it is. */
    public static TenantForm of(Tenant tenant, Grants grants, int version) {
        Quota q = tenant.quota();
        Tenant.VmCap cap = tenant.vmCap();
        return new TenantForm(tenant.code(), tenant.name(), text(q.cpu()), text(q.memoryMb()), text(q.diskGb()),
                text(q.dataDiskGb()), text(q.vms()), text(q.snapshots()), text(q.backups()), text(cap.cpu()),
                text(cap.memoryMb()), text(cap.diskGb()), text(tenant.ceiling()), text(tenant.leaseMaxDays()),
                List.copyOf(grants.templates()), List.copyOf(grants.pools()), List.copyOf(grants.networks()),
                text(version));
    }

    /** The text of one limit, by the resource's key. */
    public String limit(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY_MB -> memoryMb;
            case DISK_GB -> diskGb;
            case DATA_DISK_GB -> dataDiskGb;
            case VMS -> vms;
            case SNAPSHOTS -> snapshots;
            case BACKUPS -> backups;
        };
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
