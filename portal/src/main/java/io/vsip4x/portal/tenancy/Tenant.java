package io.vsip4x.portal.tenancy;

/** A department that owns VMs under a quota. */
public record Tenant(long id, String code, String name, Quota quota) {
}
