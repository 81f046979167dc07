package io.vsip4x.sdk.codes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The spec's VM status codes (there is no 10), with the spec's Chinese and the catalog's English text. */
public enum VmStatus {
    STOPPED(0, false, "停止", "Stopped"),
    RUNNING(1, false, "运行中", "Running"),
    RECONFIGURING(2, true, "配置变更中", "Configuration change in progress"),
    PERSONALIZING(3, true, "个性化操作中", "Personalization in progress"),
    PAUSED(4, false, "暂停", "Paused"),
    CLONING(5, true, "克隆中", "Cloning"),
    CREATING(6, true, "创建中", "Creating"),
    MIGRATING(7, true, "迁移中", "Migrating"),
    BACKING_UP(8, true, "备份中", "Backing up"),
    RESTORING(9, true, "恢复中", "Restoring"),
    DEEP_DELETING(11, true, "深度删除中", "Secure deletion in progress"),
    ONLINE_BACKUP(12, true, "在线备份中", "Online backup in progress");

    private final int code;
    private final boolean transitional;
    private final String zh;
    private final String en;

    VmStatus(int code, boolean transitional, String zh, String en) {
        this.code = code;
        this.transitional = transitional;
        this.zh = zh;
        this.en = en;
    }

    /** The spec's Chinese text. */
    public String zh() {
        return zh;
    }

    /** The catalog's English text. */
    public String en() {
        return en;
    }

    /** The text in English when the locale's language is English, else in Chinese. */
    public String text(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }

    /** The numeric code as the platform sends it. */
    public int code() {
        return code;
    }

    /** Whether the VM is in the middle of an operation. */
    public boolean transitional() {
        return transitional;
    }

    /** The status of a numeric code, if the spec defines it. */
    public static Optional<VmStatus> of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }

    /** The status of a code as text ({@code "1"}), if it is a number the spec defines. */
    public static Optional<VmStatus> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return of(Integer.parseInt(code.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
