package io.vsip4x.portal.tenancy;

/** Kinds of platform resources a tenant may be given. */
public enum ResourceKind {
    TEMPLATE,
    POOL,
    NETWORK
}
