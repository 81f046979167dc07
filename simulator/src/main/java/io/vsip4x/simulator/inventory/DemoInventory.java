package io.vsip4x.simulator.inventory;

import java.util.List;

/**
 * The demo inventory: a large HA pool and a small local pool, two hosts each, three templates
 * and two networks in both pools plus a lab network in the local pool only, one ISO image per
 * pool, and distributed storage for the HA pool: one cluster node and a storage node on each of
 * its hosts. Everything is of classification 0 but the Kylin template, of level 2. The module's
 * README lists it.
 */
public final class DemoInventory {

    /** Id of the large production pool. */
    public static final String POOL_PROD = "pool-prod";
    /** Id of the small test pool. */
    public static final String POOL_TEST = "pool-test";

    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;
    private static final String XEON = "Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz";
    private static final String HYGON = "Hygon C86 7285 32-core Processor";

    private DemoInventory() {
    }

    /** The demo inventory. */
    public static Inventory create() {
        return create(1);
    }

    /** The demo inventory with {@code hostScale} times the hosts' vCPUs and memory. */
    public static Inventory create(int hostScale) {
        return new Inventory(pools(), hosts(hostScale), templates(), networks(), images(), storageNodes());
    }

    private static List<Pool> pools() {
        return List.of(
                new Pool(POOL_PROD, "生产资源池", "生产业务高可用资源池", "ha", 40 * TIB, 0),
                new Pool(POOL_TEST, "测试资源池", "开发测试本地资源池", "local", 4 * TIB, 0));
    }

    private static List<Host> hosts(int scale) {
        return List.of(
                host("host-01", "prod-kvm-01", POOL_PROD, 64 * scale, 256 * scale, XEON, "GenuineIntel", 11),
                host("host-02", "prod-kvm-02", POOL_PROD, 64 * scale, 256 * scale, XEON, "GenuineIntel", 12),
                host("host-03", "test-kvm-01", POOL_TEST, 16 * scale, 32 * scale, HYGON, "HygonGenuine", 21),
                host("host-04", "test-kvm-02", POOL_TEST, 16 * scale, 32 * scale, HYGON, "HygonGenuine", 22));
    }

    private static Host host(String id, String name, String pool, int cores, int memGib, String model,
            String vendor, int octet) {
        String mac = String.format("3c:ec:ef:10:00:%02x", octet);
        return new Host(id, name, pool, cores, 2000, model, vendor, memGib * GIB, true,
                "192.168.100." + octet, mac, 2 * TIB);
    }

    private static List<StorageNode> storageNodes() {
        return List.of(
                new StorageNode("gfs-cluster-01", "192.168.100.31", false, null, POOL_PROD, 500 * GIB),
                new StorageNode("gfs-brick-01", "192.168.100.11", true, "host-01", POOL_PROD, 20 * TIB),
                new StorageNode("gfs-brick-02", "192.168.100.12", true, "host-02", POOL_PROD, 20 * TIB));
    }

    private static List<Template> templates() {
        List<String> both = List.of(POOL_PROD, POOL_TEST);
        return List.of(
                new Template("tpl-centos7", "CentOS 7 64-bit", "CentOS 7", "Linux", "64", "x86_64",
                        2, 4 * GIB, 40 * GIB, "Tpl#c7vnc", 0, both),
                new Template("tpl-kylin10", "Kylin V10", "Kylin V10", "Linux", "64", "x86_64",
                        2, 4 * GIB, 60 * GIB, "Tpl#k10vnc", 2, both),
                new Template("tpl-win2019", "Windows Server 2019", "Windows Server 2019", "Windows", "64",
                        "x86_64", 4, 8 * GIB, 80 * GIB, "Tpl#w19vnc", 0, both));
    }

    private static List<Network> networks() {
        List<String> both = List.of(POOL_PROD, POOL_TEST);
        return List.of(
                new Network("vnet-office", "办公网", both, "10.10.0.", "255.255.255.0", "10.10.0.1",
                        "10.10.0.2"),
                new Network("vnet-dmz", "DMZ", both, "172.16.10.", "255.255.255.0", "172.16.10.1",
                        "172.16.10.2"),
                new Network("vnet-lab", "实验网", List.of(POOL_TEST), "192.168.50.", "255.255.255.0",
                        "192.168.50.1", "192.168.50.2"));
    }

    private static List<Image> images() {
        return List.of(
                new Image("iso-centos7", "CentOS-7-x86_64-DVD-2009.iso", "CentOS 7.9 安装光盘", "64",
                        POOL_PROD, "CentOS 7", "Linux", "7.9.2009",
                        "/vsip4x/" + POOL_PROD + "/iso/CentOS-7-x86_64-DVD-2009.iso"),
                new Image("iso-kylin10", "Kylin-Server-V10-SP3-x86_64.iso",
                        "银河麒麟服务器 V10 SP3 安装光盘", "64", POOL_TEST, "Kylin V10", "Linux", "V10-SP3",
                        "/vsip4x/" + POOL_TEST + "/iso/Kylin-Server-V10-SP3-x86_64.iso"));
    }
}
