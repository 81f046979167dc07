package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.state.GuestState;
import io.vsip4x.simulator.state.GuestState.GuestFile;
import io.vsip4x.simulator.state.GuestState.GuestSession;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The guest-OS methods: {@code loginVmOS}, {@code lockVmOS}, {@code logoutVmOS} and
 * {@code pushFileContent}. They go through the guest agent, so the VM must run with no operation
 * in flight (2050, 2052); 2004 names an unknown VM, 2003 invalid parameters. The simulated OS
 * takes any non-blank user and credential and keeps only the user. A pushed file is UTF-8 text
 * (catalog A39) of at most {@link #MAX_FILE_BYTES}, written at an absolute path (a drive-letter
 * path on Windows), replacing what was there. Credentials and file contents are never logged.
 */
public final class GuestOsMethods {

    /** The largest content {@code pushFileContent} takes, in UTF-8 bytes: 1 MiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private static final int MAX_PATH = 4096;
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:[\\\\/].*");

    private final Inventory inventory;
    private final PlatformState state;
    private final Clock clock;
    private final Runnable onChange;

    /** @param onChange called after every change, outside the state's monitor, to persist it */
    public GuestOsMethods(Inventory inventory, PlatformState state, Clock clock, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("loginVmOS", this::loginVmOS, ArgType.MAP);
        registry.register("lockVmOS", this::lockVmOS, ArgType.MAP);
        registry.register("logoutVmOS", this::logoutVmOS, ArgType.MAP);
        registry.register("pushFileContent", this::pushFileContent, ArgType.STRING, ArgType.STRING,
                ArgType.STRING);
    }

    /** Signs {@code username} in, replacing and unlocking any session: 2003 for a blank user or credential. */
    private Object loginVmOS(Call call) {
        Params p = new Params(call.map(0));
        String user = p.text("username");
        if (user == null || p.text("credential") == null) {
            throw new InvalidParamsException("username and credential are required");
        }
        return change(p.text("vmId"), guest -> guest.withSession(new GuestSession(user, false, clock.instant())));
    }

    /** Locks the session's screen: 2052 when nobody is signed in; a locked one stays locked. */
    private Object lockVmOS(Call call) {
        return change(new Params(call.map(0)).text("vmId"), guest -> {
            if (guest.session() == null) {
                throw new RefusalException(GuestAccess.WRONG_STATE, "Nobody is signed in to VM '" + guest.vmId() + "'");
            }
            return guest.withSession(guest.session().lock());
        });
    }

    /** Ends the session; with none, nothing changes. */
    private Object logoutVmOS(Call call) {
        return change(new Params(call.map(0)).text("vmId"), guest -> guest.withSession(null));
    }

    /** Writes a text file: 2003 for a path that is not absolute or content over the limit. */
    private Object pushFileContent(Call call) {
        String content = call.string(1);
        String path = call.string(2) == null ? "" : call.string(2).trim();
        long bytes = content.getBytes(StandardCharsets.UTF_8).length;
        return change(call.string(0), guest -> {
            if (bytes > MAX_FILE_BYTES) {
                throw new InvalidParamsException("content has " + bytes + " bytes, more than " + MAX_FILE_BYTES);
            }
            checkPath(path, os(guest.vmId()).windows());
            return guest.withFile(new GuestFile(path, content, bytes, clock.instant()));
        });
    }

    /** Applies {@code change} to the guest of running VM {@code vmId}, then persists it. */
    private Map<String, Object> change(String vmId, UnaryOperator<GuestState> change) {
        synchronized (state) {
            Vm vm = GuestAccess.running(state, GuestAccess.vm(state, vmId));
            state.put(change.apply(state.guest(vm.vmId())));
        }
        onChange.run();
        return Answers.result(Answers.OK);
    }

    private GuestOs os(String vmId) {
        return GuestOs.of(state.vm(vmId).flatMap(vm -> inventory.template(vm.templateId())));
    }

    private static void checkPath(String path, boolean windows) {
        boolean absolute = windows ? WINDOWS_PATH.matcher(path).matches() : path.startsWith("/");
        boolean names = !path.endsWith("/") && !path.endsWith("\\") && path.indexOf('\0') < 0
                && !path.matches(".*[\\\\/]\\.\\.?([\\\\/].*)?");
        if (!absolute || !names || path.length() > MAX_PATH) {
            throw new InvalidParamsException("path '" + path + "' is not an absolute file path"
                    + (windows ? " with a drive letter" : ""));
        }
    }
}
