package io.vsip4x.portal.tenancy;

/** A person's caps as typed: each an amount, or empty for no cap of their own on that resource. */
public record CapForm(String cpu, String memoryMb, String diskGb, String dataDiskGb, String vms, String snapshots,
        String backups) {

    /** The form showing {@code cap} (empty fields where there is none). */
    public static CapForm of(QuotaService.PersonalCap cap) {
        if (cap == null) {
            return new CapForm("", "", "", "", "", "", "");
        }
        return new CapForm(text(cap.cpu()), text(cap.memoryMb()), text(cap.diskGb()), text(cap.dataDiskGb()),
                text(cap.vms()), text(cap.snapshots()), text(cap.backups()));
    }

    /** The text typed for one resource. */
    public String get(Resource resource) {
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

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }
}
