package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.Role;
import java.util.List;

/**
 * One level of a tenant's approval chain.
 *
 * @param levelNo        its place in the chain, from 1
 * @param role           who decides: {@code APPROVER} or {@code TENANT_ADMIN} of the tenant, or
 *                       {@code PLATFORM_ADMIN} (platform-wide)
 * @param mode           whether one approval decides the level, or every approver's is needed
 * @param timeoutMinutes after how long the level decides itself, or {@code null} for never
 * @param timeoutAction  what it then decides; {@code null} exactly when there is no time-out
 */
public record ApprovalLevel(int levelNo, Role role, Mode mode, Integer timeoutMinutes, TimeoutAction timeoutAction) {

    /** The roles a level may name. */
    public static final List<Role> ROLES = List.of(Role.APPROVER, Role.TENANT_ADMIN,
            Role.PLATFORM_ADMIN);

    /** The chain of a tenant that configured none, and of quota requests: one approver decides. */
    static ApprovalLevel defaultLevel() {
        return new ApprovalLevel(1, Role.APPROVER, Mode.ANY, null, null);
    }

    /** How many of a level's approvers must approve. */
    public enum Mode {
        /** Any one approval decides the level. */
        ANY,
        /** Every approver must approve; any rejection rejects. */
        ALL
    }

    /** What a level decides by itself after its time-out. */
    public enum TimeoutAction {
        APPROVE,
        REJECT
    }
}
