package io.vsip4x.sdk.codes;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's result codes, each with its class (success or error), the spec's Chinese text and
 * the catalog's English text. The spec's table has gaps (catalog A19): a code the platform sends
 * that is not here is unknown, and counts as a failure (catalog A18).
 */
public enum ResultCode {
    SUCCESS("0", true, "成功", "Success"),
    USER_NOT_FOUND("1001", false, "用户不存在", "User does not exist"),
    USER_EXISTS("1002", false, "用户已存在", "User already exists"),
    BAD_CREDENTIALS("1003", false, "用户名或者密码错误", "Wrong user name or password"),
    VM_CREATE_FAILED("2000", false, "虚拟机创建错误", "VM creation error"),
    VM_ID_DUPLICATE("2001", false, "虚拟机 id 重复", "Duplicate VM ID"),
    VM_NO_RESOURCES("2002", false, "虚拟机创建资源不足", "Insufficient resources to create the VM"),
    INVALID_PARAMETERS("2003", false, "虚拟机参数错误", "Invalid VM parameters"),
    VM_NOT_FOUND("2004", false, "虚拟机不存在", "VM does not exist"),
    TEMPLATE_CREATE_FAILED("2005", false, "虚拟机模板创建错误", "VM template creation error"),
    TEMPLATE_NOT_FOUND("2006", false, "虚拟机模板不存在", "VM template does not exist"),
    VM_EXISTS("2007", false, "虚拟机已经存在", "VM already exists"),
    VM_STARTED("2010", true, "虚拟机成功启动", "VM started successfully"),
    VM_STOPPED("2011", true, "虚拟机成功停止", "VM stopped successfully"),
    VM_PAUSED("2012", true, "虚拟机成功暂停", "VM paused successfully"),
    VM_RESUMED("2013", true, "虚拟机成功恢复运行", "VM resumed successfully"),
    VM_DELETED("2014", true, "虚拟机成功删除", "VM deleted successfully"),
    VM_BACKED_UP("2015", true, "虚拟机成功备份", "VM backed up successfully"),
    VM_RESTORED("2016", true, "虚拟机成功还原", "VM restored successfully"),
    VM_MODIFIED("2017", true, "虚拟机变更成功", "VM modified successfully"),
    VM_MIGRATED("2018", true, "虚拟机迁移成功", "VM migrated successfully"),
    VM_START_FAILED("2040", false, "虚拟机启动失败", "VM start failed"),
    VM_STOP_FAILED("2041", false, "虚拟机停止失败", "VM stop failed"),
    VM_PAUSE_FAILED("2042", false, "虚拟机暂停失败", "VM pause failed"),
    VM_RESUME_FAILED("2043", false, "虚拟机恢复运行失败", "VM resume failed"),
    VM_DELETE_FAILED("2044", false, "虚拟机删除失败", "VM deletion failed"),
    VM_CONSOLE_FAILED("2045", false, "虚拟机远程监控失败", "VM remote monitoring (console) failed"),
    VM_WRONG_HOST("2046", false, "虚拟机所在的物理机编号错误", "Wrong host ID for the VM"),
    VM_NO_CONSOLE_PORT("2047", false, "虚拟机的远程访问端口为空", "VM remote access port is empty"),
    VM_NO_RESOURCES_TO_START("2048", false, "没有足够的资源启动虚拟机", "Not enough resources to start the VM"),
    VM_NOT_STOPPED("2049", false, "虚拟机是停止状态时才能执行该操作", "Operation allowed only when the VM is stopped"),
    VM_NOT_RUNNING("2050", false, "虚拟机是运行状态才能执行该操作", "Operation allowed only when the VM is running"),
    VM_NOT_PAUSED("2051", false, "虚拟机是暂停状态才能恢复运行", "VM can only be resumed when paused"),
    VM_STATE_FORBIDS("2052", false, "虚拟机在当前状态下不能进行该操作", "Operation not allowed in the VM's current state"),
    DISK_EXISTS("2054", false, "虚拟机虚拟磁盘已存在", "VM virtual disk already exists"),
    DISK_NOT_FOUND("2055", false, "虚拟机虚拟磁盘不存在", "VM virtual disk does not exist"),
    TEMPLATE_FORBIDS("2056", false, "不能对虚拟机模板进行该操作", "Operation not allowed on a VM template"),
    BACKUP_NOT_FOUND("2057", false, "指定的备份文件不存在", "Specified backup file does not exist"),
    VM_BACKUP_FAILED("2058", false, "虚拟机备份失败", "VM backup failed"),
    VM_RESTORE_FAILED("2059", false, "虚拟机还原失败", "VM restore failed"),
    NIC_NOT_FOUND("2060", false, "虚拟机的虚拟网卡不存在", "VM virtual NIC does not exist"),
    CDROM_NOT_FOUND("2061", false, "虚拟机的虚拟光驱不存在", "VM virtual CD-ROM does not exist"),
    IMAGE_NOT_FOUND("2062", false, "虚拟机的镜像不存在", "VM image does not exist"),
    VM_MODIFY_FAILED("2063", false, "虚拟机变更失败", "VM modification failed"),
    VM_OBJECT_FAILED("2064", false, "创建虚拟机对象失败", "Failed to create VM object"),
    DISK_OBJECT_FAILED("2065", false, "创建虚拟磁盘对象失败", "Failed to create virtual disk object"),
    NIC_OBJECT_FAILED("2066", false, "创建虚拟网卡对象失败", "Failed to create virtual NIC object"),
    CDROM_OBJECT_FAILED("2067", false, "创建虚拟光驱对象失败", "Failed to create virtual CD-ROM object"),
    CDROM_LIMIT("2068", false, "虚拟机最多只能 4 个虚拟光驱", "A VM can have at most 4 virtual CD-ROM drives"),
    VM_MIGRATE_FAILED("2069", false, "虚拟机迁移失败", "VM migration failed"),
    MOUNT_NO_CDROM("2070", false, "虚拟机没有虚拟光驱，挂载镜像失败", "VM has no virtual CD-ROM; mounting the image failed"),
    UNMOUNT_NO_CDROM("2071", false, "虚拟机没有指定的虚拟光驱，卸载镜像失败",
            "VM does not have the specified virtual CD-ROM; unmounting the image failed"),
    CREATE_APPROVED("2100", true, "申请单审批通过", "Application (request form) approved"),
    CREATE_NO_RESOURCES("2101", false, "没有足够的资源创建虚拟机", "Not enough resources to create the VM"),
    RESIZE_APPROVED("2200", true, "审批通过", "Approved"),
    RESIZE_NO_RESOURCES("2201", false, "没有足够的资源为虚拟机扩容", "Not enough resources to expand the VM"),
    HOST_STARTED("3000", true, "物理机启动成功", "Host started successfully"),
    HOST_STOPPED("3001", true, "物理机停止成功", "Host stopped successfully"),
    HOST_START_FAILED("3020", false, "物理机启动失败", "Host start failed"),
    HOST_STOP_FAILED("3021", false, "物理机停止失败", "Host stop failed"),
    HOST_NOT_FOUND("3022", false, "物理机不存在", "Host does not exist"),
    HOST_NOT_RUNNING("3023", false, "物理机必须是运行状态才能进行该操作", "Host must be running for this operation"),
    HOST_NO_MEMORY("3024", false, "物理机内存不足", "Host has insufficient memory"),
    HOST_NO_DISK("3025", false, "物理机磁盘空间不足", "Host has insufficient disk space"),
    HOST_NO_RESOURCES("3026", false, "物理机资源不足", "Host has insufficient resources"),
    HOST_NO_STORAGE("3027", false, "物理机不能连接到存储", "Host cannot connect to storage"),
    POOL_SAVED("4000", true, "资源池信息保存成功", "Resource pool info saved successfully"),
    POOL_NOT_FOUND("4020", false, "资源池不存在", "Resource pool does not exist"),
    SAVED("9001", true, "保存成功", "Saved successfully"),
    SAVE_FAILED("9002", false, "保存失败", "Save failed"),
    DONE("9003", true, "操作成功", "Operation succeeded"),
    FAILED("9004", false, "操作失败", "Operation failed"),
    FAILED_CONTACT_ADMIN("9999", false, "操作失败,请与管理员联系", "Operation failed, please contact the administrator");

    private static final Map<String, ResultCode> BY_CODE = Collections.unmodifiableMap(Arrays.stream(values())
            .collect(LinkedHashMap::new, (map, c) -> map.put(c.code, c), Map::putAll));

    private final String code;
    private final boolean success;
    private final String zh;
    private final String en;

    ResultCode(String code, boolean success, String zh, String en) {
        this.code = code;
        this.success = success;
        this.zh = zh;
        this.en = en;
    }

    /** The code as the platform sends it, e.g. {@code "2010"}. */
    public String code() {
        return code;
    }

    /** Whether the code reports success. */
    public boolean success() {
        return success;
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

    /** The code {@code code} (surrounding blanks ignored), if the spec lists it. */
    public static Optional<ResultCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code.trim()));
    }

    /** Every code, in the spec's order, by its code. */
    static Map<String, ResultCode> byCode() {
        return BY_CODE;
    }
}
