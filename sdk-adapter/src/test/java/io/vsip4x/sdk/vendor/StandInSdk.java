package io.vsip4x.sdk.vendor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A stand-in for the vendor's SDK jar: {@code com.wisersoft.sdk.IWSSdk} and {@code WSSdkImpl}
 * with the spec's method names and signatures, compiled at test time into a jar of its own and
 * loaded by a {@link URLClassLoader}. The class records the settings and calls it receives in
 * its static {@code SETTINGS} and {@code CALLS} and answers from a small fixed behaviour.
 *
 * <p>Two deliberate departures from the spec's signatures exercise our conversions:
 * {@code extendDataDisk} takes a {@code long} size, and {@code checkDataDiskSpace} answers a JSON text.
 */
final class StandInSdk {

    /** The spellings a stand-in uses for the methods the spec names two ways. */
    record Spellings(String connectUrl, String account, String password, String privateKey, String remoteControl) {

        /** The method table's names (the index's getRemoteControlInfo). */
        static final Spellings TABLE = new Spellings("setConnectUrl", "setAccountName", "setAccountPassword",
                "setPrivateKey", "getRemoteControlInfo");

        /** The example code's setters and the detailed section's spellings (catalog A01-A03). */
        static final Spellings OTHER = new Spellings("setPath", "setAccount", "setPassword", "setPrivatekey",
                "getRemoteControllInfo");
    }

    private static final String INTERFACE = """
            package com.wisersoft.sdk;

            import java.util.List;
            import java.util.Map;

            public interface IWSSdk {
                List<Map<String, Object>> searchVmList(Map<String, Object> params);
                Map<String, String> createVm(Map<String, Object> params);
                Map<String, String> startVm(String vmId);
                Map<String, String> deleteVm(String vmId, Boolean secureErase);
                Map<String, String> deleteVmBatch(List<String> vmIds, Boolean secureErase);
                Map<String, String> REMOTE(String vmId);
                Map<String, Object> getHostMonitorInfo(List<String> hostIds);
                Map<String, String> extendDataDisk(String diskId, long size);
                String checkDataDiskSpace();
            }
            """;

    private static final String IMPLEMENTATION = """
            package com.wisersoft.sdk;

            import java.util.*;

            public class WSSdkImpl implements IWSSdk {
                public static final Map<String, String> SETTINGS = Collections.synchronizedMap(new LinkedHashMap<>());
                public static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

                public void setIpAddress(String value) { SETTINGS.put("setIpAddress", value); }
                public void SET_URL(String value) { SETTINGS.put("SET_URL", value); }
                public void SET_ACCOUNT(String value) { SETTINGS.put("SET_ACCOUNT", value); }
                public void SET_PASSWORD(String value) { SETTINGS.put("SET_PASSWORD", value); }
                public void SET_KEY(String value) { SETTINGS.put("SET_KEY", value); }

                private static void record(String method, Object... args) {
                    StringJoiner text = new StringJoiner(", ", method + "(", ")");
                    for (Object arg : args) {
                        text.add(arg == null ? "null" : arg.getClass().getSimpleName() + ":" + arg);
                    }
                    CALLS.add(text.toString());
                }

                public List<Map<String, Object>> searchVmList(Map<String, Object> params) {
                    record("searchVmList", new TreeMap<>(params));
                    Map<String, Object> vm = new HashMap<>();
                    vm.put(" vmId ", "vm-1");
                    vm.put("vmName", "web");
                    vm.put("serverstatus ", "1");
                    vm.put(" repoName", params.get("repoName"));
                    vm.put("vmCPUNum", 2L);
                    return List.of(vm);
                }

                public Map<String, String> createVm(Map<String, Object> params) {
                    record("createVm", params.get("vmIDs"));
                    return Map.of(" result ", "2003", "resultinfo", "bad params");
                }

                public Map<String, String> startVm(String vmId) {
                    record("startVm", vmId);
                    if (vmId.equals("vm-unreachable")) {
                        throw new IllegalStateException("cannot reach 10.0.0.1 as portal:hunter2",
                                new java.net.ConnectException("Connection refused"));
                    }
                    if (vmId.equals("vm-broken")) {
                        throw new IllegalArgumentException("rejected for account portal with password hunter2");
                    }
                    return Map.of("result", "0");
                }

                public Map<String, String> deleteVm(String vmId, Boolean secureErase) {
                    record("deleteVm", vmId, secureErase);
                    return Map.of("result", "0");
                }

                public Map<String, String> deleteVmBatch(List<String> vmIds, Boolean secureErase) {
                    record("deleteVmBatch", vmIds, secureErase);
                    return Map.of("result", "0");
                }

                public Map<String, String> REMOTE(String vmId) {
                    record("REMOTE", vmId);
                    return Map.of(" hostId", "host-01", "port ", "5901", "vmId", vmId);
                }

                public Map<String, Object> getHostMonitorInfo(List<String> hostIds) {
                    record("getHostMonitorInfo", hostIds);
                    Map<String, Object> data = new LinkedHashMap<>();
                    for (String id : hostIds) {
                        data.put(id, Map.of("resource_name ", "name-" + id, "mem_total", 8589934592L));
                    }
                    return Map.of("result", "0", "data", data);
                }

                public Map<String, String> extendDataDisk(String diskId, long size) {
                    record("extendDataDisk", diskId, size);
                    return Map.of("result", "0");
                }

                public String checkDataDiskSpace() {
                    record("checkDataDiskSpace");
                    return "{\\"result\\": \\"0\\", \\" data \\": \\"1099511627776\\"}";
                }
            }
            """;

    private StandInSdk() {
    }

    /** Compiles the stand-in with {@code spellings} into a jar under {@code dir} and loads it. */
    static URLClassLoader load(Path dir, Spellings spellings) {
        String implementation = IMPLEMENTATION
                .replace("SET_URL", spellings.connectUrl())
                .replace("SET_ACCOUNT", spellings.account())
                .replace("SET_PASSWORD", spellings.password())
                .replace("SET_KEY", spellings.privateKey())
                .replace("REMOTE", spellings.remoteControl());
        String api = INTERFACE.replace("REMOTE", spellings.remoteControl());
        return loader(jar(dir, Map.of("IWSSdk", api, "WSSdkImpl", implementation)));
    }

    /** A class loader over an empty jar: the vendor's class is absent. */
    static URLClassLoader empty(Path dir) {
        return loader(jar(dir, Map.of()));
    }

    private static Path jar(Path dir, Map<String, String> sources) {
        try {
            Path src = Files.createDirectories(dir.resolve("src/com/wisersoft/sdk"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                    "-proc:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey() + ".java");
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            if (!sources.isEmpty()) {
                JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
                int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
                if (status != 0) {
                    throw new IllegalStateException("The stand-in SDK does not compile");
                }
            }
            Path jar = dir.resolve("wssdk-stand-in.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    copy(file, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path file, OutputStream out) throws IOException {
        out.write(Files.readAllBytes(file));
    }

    private static URLClassLoader loader(Path jar) {
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, StandInSdk.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in's static {@code SETTINGS} or {@code CALLS}, read from the class in {@code loader}. */
    @SuppressWarnings("unchecked")
    static <T> T recorded(ClassLoader loader, String field) {
        try {
            return (T) loader.loadClass(ReflectiveVsip4xClient.SDK_CLASS).getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
