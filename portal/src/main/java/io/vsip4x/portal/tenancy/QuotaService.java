package io.vsip4x.portal.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotas: what a tenant (and a person inside it) may use, what its work uses and holds, and
 * whether more fits. Usage adds up every {@link UsageSource} plus the reservations held here
 * for approved changes to existing things (a resize, a larger disk).
 */
@Service
public class QuotaService {

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final List<UsageSource> sources;

    QuotaService(JdbcClient jdbc, TenantService tenants, List<UsageSource> sources) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.sources = List.copyOf(sources);
    }

    /**
     * A quota's limits with what is used and reserved of it.
     *
     * @param limits the limits; a {@code null} component of a personal cap is shown as unlimited
     */
    public record Report(Quota limits, Quota used, Quota reserved) {

        /** What is still free, never below zero. */
        public Quota free() {
            return limits.minus(used.plus(reserved));
        }
    }

    /** The tenant's limits, usage and reservations. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Report report(long tenantId) {
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        Usage usage = usage(tenantId, null);
        return new Report(tenant.quota(), usage.used(), usage.reserved());
    }

    /**
     * What {@code userId} may still ask for in their tenant: the tenant's free quota, lowered
     * where the person's own cap leaves less (advice, read without a lock).
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Quota left(long tenantId, long userId) {
        Quota free = report(tenantId).free();
        Optional<PersonalCap> cap = personalCap(userId);
        if (cap.isEmpty()) {
            return free;
        }
        Usage own = usage(tenantId, userId);
        Quota ownHeld = own.used().plus(own.reserved());
        long[] left = new long[Resource.values().length];
        for (Resource r : Resource.values()) {
            Long limit = cap.get().get(r);
            long tenantFree = free.get(r);
            left[r.ordinal()] = limit == null ? tenantFree : Math.min(tenantFree, Math.max(0, limit - ownHeld.get(r)));
        }
        return new Quota(left[0], left[1], left[2], left[3], left[4], left[5], left[6]);
    }

    /** What a tenant's work (or one person's, for a {@code userId}) uses and holds. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Usage usage(long tenantId, Long userId) {
        Usage total = new Usage(Quota.ZERO, reservations(tenantId, userId));
        for (UsageSource source : sources) {
            total = total.plus(source.usage(tenantId, userId));
        }
        return total;
    }

    /** A person's own caps inside their tenant, if any are set; {@code null} components mean no cap. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<PersonalCap> personalCap(long userId) {
        return jdbc.sql("""
                SELECT cpu, memory_mb, disk_gb, data_disk_gb, vms, snapshots, backups
                  FROM user_quota
                 WHERE user_id = :id""")
                .param("id", userId)
                .query((rs, n) -> new PersonalCap(
                        rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
                        rs.getObject(7, Long.class)))
                .optional();
    }

    /** A person's caps: each component a limit, or {@code null} for none of their own. */
    public record PersonalCap(Long cpu, Long memoryMb, Long diskGb, Long dataDiskGb, Long vms, Long snapshots,
            Long backups) {

        /** The cap on one resource, or {@code null}. */
        public Long get(Resource resource) {
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
    }

    /**
     * What of {@code asked} does not fit the tenant's quota or the person's cap, read without a
     * lock (advice, as at submission). Only increases are checked: a shrink always fits.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<QuotaExceeded.Excess> excesses(long tenantId, long userId, Quota asked) {
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        return excesses(tenant, userId, asked.increases());
    }

    /**
     * Locks the tenant's quota row to the end of the caller's transaction and checks that
     * {@code asked} fits; whoever then reserves does it under the same lock, so concurrent
     * approvals never exceed the quota together.
     *
     * @throws QuotaExceeded with the numbers when it does not fit
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAndCheck(long tenantId, long userId, Quota asked) {
        Tenant tenant = tenants.lockForQuota(tenantId);
        List<QuotaExceeded.Excess> excesses = excesses(tenant, userId, asked.increases());
        if (!excesses.isEmpty()) {
            throw new QuotaExceeded(excesses);
        }
    }

    /**
     * Holds {@code amount} of the tenant's quota for an approved change to something that
     * exists (the caller holds the lock of {@link #lockAndCheck}).
     *
     * @return the reservation's id, for {@link #release}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long reserve(long tenantId, long userId, Long requestId, Quota amount) {
        Quota held = amount.increases();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO quota_reservation (tenant_id, user_id, request_id, cpu, memory_mb, disk_gb,
                                               data_disk_gb, vms, snapshots, backups)
                VALUES (:tenant, :user, :request, :cpu, :mem, :disk, :data, :vms, :snaps, :backups)""")
                .param("tenant", tenantId)
                .param("user", userId)
                .param("request", requestId)
                .param("cpu", held.cpu())
                .param("mem", held.memoryMb())
                .param("disk", held.diskGb())
                .param("data", held.dataDiskGb())
                .param("vms", held.vms())
                .param("snaps", held.snapshots())
                .param("backups", held.backups())
                .update(keys);
        return keys.getKey().longValue();
    }

    /** Gives back a reservation; nothing happens when it was given back already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(long reservationId) {
        jdbc.sql("DELETE FROM quota_reservation WHERE id = :id").param("id", reservationId).update();
    }

    /** Gives back every reservation of a request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseForRequest(long requestId) {
        jdbc.sql("DELETE FROM quota_reservation WHERE request_id = :id").param("id", requestId).update();
    }

    private List<QuotaExceeded.Excess> excesses(Tenant tenant, long userId, Quota asked) {
        List<QuotaExceeded.Excess> found = new ArrayList<>();
        Usage tenantUsage = usage(tenant.id(), null);
        addExcesses(found, false, tenant.quota(), tenantUsage, asked, null);
        Optional<PersonalCap> cap = personalCap(userId);
        if (cap.isPresent()) {
            addExcesses(found, true, null, usage(tenant.id(), userId), asked, cap.get());
        }
        return found;
    }

    private static void addExcesses(List<QuotaExceeded.Excess> into, boolean personal, Quota limits, Usage usage,
            Quota asked, PersonalCap cap) {
        for (Resource r : Resource.values()) {
            long want = asked.get(r);
            if (want <= 0) {
                continue;
            }
            Long limit = personal ? cap.get(r) : Long.valueOf(limits.get(r));
            if (limit == null) {
                continue;
            }
            long used = usage.used().get(r);
            long reserved = usage.reserved().get(r);
            if (used + reserved + want > limit) {
                into.add(new QuotaExceeded.Excess(r, personal, limit, used, reserved, want));
            }
        }
    }

    private Quota reservations(long tenantId, Long userId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(cpu), 0), COALESCE(SUM(memory_mb), 0), COALESCE(SUM(disk_gb), 0),
                       COALESCE(SUM(data_disk_gb), 0), COALESCE(SUM(vms), 0), COALESCE(SUM(snapshots), 0),
                       COALESCE(SUM(backups), 0)
                  FROM quota_reservation
                 WHERE tenant_id = :tenant
                   AND (:user IS NULL OR user_id = :user)""")
                .param("tenant", tenantId)
                .param("user", userId)
                .query((rs, n) -> new Quota(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .single();
    }
}
