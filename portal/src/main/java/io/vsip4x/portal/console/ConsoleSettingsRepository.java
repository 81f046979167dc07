package io.vsip4x.portal.console;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code tenant_console_settings}: a tenant without a row has the defaults. */
@Repository
public class ConsoleSettingsRepository {

    private final JdbcClient jdbc;

    ConsoleSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's settings, or the defaults. */
    public TenantConsoleSettings forTenant(long tenantId) {
        return jdbc.sql("""
                SELECT tenant_id, usb_control, usb_read_write, smartcard, user_control, keyboard_layout,
                       recording, recording_retention_days
                  FROM tenant_console_settings WHERE tenant_id = :tenantId""")
                .param("tenantId", tenantId)
                .query((rs, n) -> new TenantConsoleSettings(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getBoolean(5), rs.getString(6), rs.getBoolean(7), rs.getInt(8)))
                .optional()
                .orElseGet(() -> TenantConsoleSettings.defaults(tenantId));
    }

    /** Writes the tenant's settings. */
    public void save(TenantConsoleSettings s, long updatedBy) {
        jdbc.sql("""
                INSERT INTO tenant_console_settings (tenant_id, usb_control, usb_read_write, smartcard, user_control,
                                                     keyboard_layout, recording, recording_retention_days,
                                                     updated_by)
                VALUES (:tenantId, :usb, :rw, :smartcard, :userControl, :layout, :recording, :retention, :by)
                ON DUPLICATE KEY UPDATE usb_control = VALUES(usb_control), usb_read_write = VALUES(usb_read_write),
                       smartcard = VALUES(smartcard), user_control = VALUES(user_control),
                       keyboard_layout = VALUES(keyboard_layout), recording = VALUES(recording),
                       recording_retention_days = VALUES(recording_retention_days),
                       updated_at = CURRENT_TIMESTAMP(3), updated_by = VALUES(updated_by)""")
                .param("tenantId", s.tenantId())
                .param("usb", s.usbControl())
                .param("rw", s.usbReadWrite())
                .param("smartcard", s.smartcard())
                .param("userControl", s.userControl())
                .param("layout", s.keyboardLayout())
                .param("recording", s.recording())
                .param("retention", s.recordingRetentionDays())
                .param("by", updatedBy)
                .update();
    }
}
