package io.vsip4x.portal.audit;

import org.springframework.jdbc.core.RowMapper;

/** Reads {@link AuditEntry#COLUMNS}. */
final class AuditRows {

    static final RowMapper<AuditEntry> MAPPER = (rs, n) -> new AuditEntry(rs.getLong(1),
            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getString(12), rs.getString(13), rs.getString(14));

    private AuditRows() {
    }
}
