package io.vsip4x.sdk.vendor;

import io.vsip4x.sdk.AbstractVsip4xClient;
import io.vsip4x.sdk.Vsip4xOutcomeUnknownException;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vsip4x client over the vendor's own SDK class {@value #SDK_CLASS}, called by reflection:
 * the typed methods of {@link AbstractVsip4xClient} over {@link #call}, which finds the vendor's
 * method by name and number of parameters, converts our arguments to its parameter types and its
 * answer to maps with trimmed keys and lists.
 *
 * <p>Method names the spec spells two ways are resolved to whichever the class has: the index's
 * {@code getRemoteControlInfo} or the detail's {@code getRemoteControllInfo} (catalog A01),
 * {@code setPrivateKey} or {@code setPrivatekey} (A02), and the example code's {@code setPath},
 * {@code setAccount}, {@code setPassword} for the setters of the method table (A03).
 *
 * <p>The spec says nothing about the class's thread-safety, so calls are serialized: one at a
 * time per client. The time-outs of {@link Vsip4xSettings} and its callback URL are not applied:
 * the vendor's class has no setter for them and keeps its own time-outs, and its callback format
 * is not published (catalog A15), so completion is confirmed by polling.
 */
public class ReflectiveVsip4xClient extends AbstractVsip4xClient {

    /** The vendor's implementation class, as the spec's example names it. */
    public static final String SDK_CLASS = "com.wisersoft.sdk.WSSdkImpl";

    /** The vendor's interface; its methods are preferred when the class itself is not public. */
    public static final String SDK_INTERFACE = "com.wisersoft.sdk.IWSSdk";

    private static final Logger log = LoggerFactory.getLogger(ReflectiveVsip4xClient.class);

    /** Other spellings of a method name, tried after the name itself (catalog A01, A02, A03). */
    private static final Map<String, List<String>> SPELLINGS = Map.of(
            "getRemoteControlInfo", List.of("getRemoteControllInfo"),
            "setPrivateKey", List.of("setPrivatekey"),
            "setConnectUrl", List.of("setPath"),
            "setAccountName", List.of("setAccount"),
            "setAccountPassword", List.of("setPassword"));

    private final Object sdk;
    private final List<Class<?>> lookup;
    private final Map<String, Optional<Method>> methods = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    /**
     * Loads {@value #SDK_CLASS} through {@code loader}, creates it with its no-argument
     * constructor and gives it the settings through its setters.
     *
     * @throws IllegalStateException when the class is not on the class path of {@code loader},
     *                               cannot be created, or lacks a setter for a given setting
     */
    public ReflectiveVsip4xClient(Vsip4xSettings settings, ClassLoader loader) {
        Class<?> type = load(loader, SDK_CLASS).orElseThrow(() -> new IllegalStateException(
                "The vendor's SDK class " + SDK_CLASS + " is not on the class path; put the vendor's SDK jar "
                        + "on it (docs/platform-binding.md, \"The vendor's SDK class\")"));
        this.lookup = new ArrayList<>();
        load(loader, SDK_INTERFACE).filter(api -> api.isAssignableFrom(type)).ifPresent(lookup::add);
        lookup.add(type);
        this.sdk = create(type);
        configure(settings);
        log.info("Using the vendor's SDK class {} to reach the platform", SDK_CLASS);
    }

    /**
     * Whether {@value #SDK_CLASS} is on the class path of {@code loader}; a class that is there
     * but cannot be loaded counts as present, so that the constructor says what is wrong.
     */
    public static boolean isAvailable(ClassLoader loader) {
        try {
            return load(loader, SDK_CLASS).isPresent();
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * Calls the vendor's method {@code method} (or its other spelling) with {@code args}
     * converted to its parameter types.
     *
     * @return the answer: a map with trimmed keys, a list, a string, or {@code null}
     * @throws Vsip4xUnreachableException when the vendor's method fails on a connection problem
     *                                    (an {@link IOException} or a connect or time-out error)
     * @throws Vsip4xProtocolException    when the class has no such method taking these arguments,
     *                                    the method fails otherwise, or its JSON answer is malformed
     */
    @Override
    public Object call(String method, Object... args) {
        Object[] given = args == null ? new Object[0] : args;
        Method target = resolve(method, given);
        Object[] params = parameters(method, target, given);

        Object answer;
        synchronized (lock) {
            answer = invoke(method, target, params);
        }
        try {
            return VendorValues.fromAnswer(answer);
        } catch (VendorValues.NotConvertible e) {
            throw new Vsip4xProtocolException(method, "The vendor's SDK gave " + e.getMessage() + " for " + method,
                    e);
        }
    }

    private void configure(Vsip4xSettings settings) {
        set("setIpAddress", settings.ipAddress());
        set("setConnectUrl", settings.connectUrl().toString());
        set("setAccountName", settings.accountName());
        set("setAccountPassword", settings.accountPassword());
        set("setPrivateKey", settings.privateKey());
    }

    private void set(String setter, String value) {
        if (value == null) {
            return;
        }
        Method method = find(setter, 1).orElseThrow(() -> new IllegalStateException(
                "The vendor's SDK class " + SDK_CLASS + " has no setter " + spellings(setter)));
        try {
            method.invoke(sdk, value);
        } catch (InvocationTargetException | IllegalAccessException | IllegalArgumentException e) {
            Throwable cause = e instanceof InvocationTargetException thrown ? thrown.getCause() : e;
            throw new IllegalStateException("The vendor's SDK class refused " + method.getName() + ": "
                    + cause.getClass().getSimpleName(), cause);
        }
    }

    private Method resolve(String method, Object[] args) {
        Method found = find(method, args.length).orElseThrow(() -> new Vsip4xProtocolException(method,
                "The vendor's SDK class has no method " + spellings(method) + " with " + args.length
                        + " parameter(s)", null));
        for (int i = 0; i < args.length; i++) {
            if (!VendorValues.accepts(found.getParameterTypes()[i], args[i])) {
                return overload(method, args).orElse(found);
            }
        }
        return found;
    }

    /** Another method of the same name and arity whose parameters take {@code args}, if any. */
    private Optional<Method> overload(String method, Object[] args) {
        return candidates(method, args.length).stream().filter(candidate -> {
            for (int i = 0; i < args.length; i++) {
                if (!VendorValues.accepts(candidate.getParameterTypes()[i], args[i])) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    private Optional<Method> find(String method, int arity) {
        return methods.computeIfAbsent(method + "/" + arity,
                key -> candidates(method, arity).stream().findFirst());
    }

    /** The public methods named {@code method} or its other spellings with {@code arity} parameters. */
    private List<Method> candidates(String method, int arity) {
        List<Method> found = new ArrayList<>();
        for (String name : names(method)) {
            for (Class<?> type : lookup) {
                for (Method candidate : type.getMethods()) {
                    if (candidate.getName().equals(name) && candidate.getParameterCount() == arity
                            && Modifier.isPublic(candidate.getDeclaringClass().getModifiers())) {
                        found.add(candidate);
                    }
                }
            }
        }
        return found;
    }

    private Object[] parameters(String method, Method target, Object[] args) {
        Class<?>[] types = target.getParameterTypes();
        Object[] params = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            try {
                params[i] = VendorValues.toParameter(types[i], args[i]);
            } catch (VendorValues.NotConvertible e) {
                throw new Vsip4xProtocolException(method, "Cannot give argument " + (i + 1) + " of " + method
                        + " to the vendor's SDK: " + e.getMessage(), e);
            }
        }
        return params;
    }

    private Object invoke(String method, Method target, Object[] params) {
        try {
            return target.invoke(sdk, params);
        } catch (InvocationTargetException e) {
            throw failure(method, e.getCause() == null ? e : e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new Vsip4xProtocolException(method, "Cannot call " + target.getName()
                    + " of the vendor's SDK class: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The vendor's exception as ours; only its type is named, its message may hold anything. */
    private RuntimeException failure(String method, Throwable cause) {
        if (cause instanceof Error error && !(cause instanceof LinkageError)) {
            throw error;
        }
        String type = cause.getClass().getSimpleName();
        if (isConnectionProblem(cause)) {
            log.debug("The vendor's SDK could not reach the platform for '{}': {}", method, type);
            String message = "The vendor's SDK could not reach the platform for " + method + ": " + type;
            return notSent(cause) ? new Vsip4xUnreachableException(method, message, cause)
                    : new Vsip4xOutcomeUnknownException(method, message, cause);
        }
        log.debug("The vendor's SDK failed in '{}': {}", method, type);
        return new Vsip4xProtocolException(method, "The vendor's SDK failed in " + method + ": " + type, cause);
    }

    /**
     * Whether the connection itself failed (an exception named for connecting, or an unknown host
     * or route): the call never reached the platform. Any other connection problem, a read
     * time-out above all, leaves its outcome unknown.
     */
    static boolean notSent(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (name.contains("connect") || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@link IOException}, or an exception named for connecting or a time-out, caused it. */
    static boolean isConnectionProblem(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (cause instanceof IOException || name.contains("connect") || name.contains("timeout")
                    || name.contains("timedout")) {
                return true;
            }
        }
        return false;
    }

    private static Object create(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException thrown ? thrown.getCause() : e;
            throw new IllegalStateException("Cannot create the vendor's SDK class " + SDK_CLASS + ": "
                    + cause.getClass().getSimpleName(), cause);
        }
    }

    /** The class, or empty when it is absent; a class that is present but broken is an error. */
    private static Optional<Class<?>> load(ClassLoader loader, String name) {
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (LinkageError e) {
            throw new IllegalStateException("The vendor's SDK class " + name + " cannot be loaded ("
                    + e.getClass().getSimpleName() + "): is a jar it needs missing from the class path?", e);
        }
    }

    private static List<String> names(String method) {
        List<String> names = new ArrayList<>();
        names.add(method);
        names.addAll(SPELLINGS.getOrDefault(method, List.of()));
        return names;
    }

    private static String spellings(String method) {
        return String.join(" or ", names(method));
    }

    @Override
    public String toString() {
        return "ReflectiveVsip4xClient[" + SDK_CLASS + "]";
    }
}
