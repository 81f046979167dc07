package io.vsip4x.simulator.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SDK methods the simulator serves, by canonical name, with the binding's aliases. */
public final class MethodRegistry {

    /** One served method. */
    record Entry(String name, List<ArgType> params, SdkMethod method) {

        /** Runs it after checking the argument count and types. */
        Object invoke(List<Object> args, String callbackUrl) {
            if (args.size() != params.size()) {
                throw new BadRequestException(name + " takes " + params.size() + " arguments, not " + args.size());
            }
            for (int i = 0; i < args.size(); i++) {
                if (!params.get(i).accepts(args.get(i))) {
                    throw new BadRequestException("Argument " + (i + 1) + " of " + name + " must be "
                            + params.get(i).name().toLowerCase());
                }
            }
            return method.invoke(new Call(name, args, callbackUrl));
        }
    }

    /** Spellings the spec also uses, mapped to the canonical name (catalog A01, A02). */
    private static final Map<String, String> ALIASES = Map.of(
            "getRemoteControllInfo", "getRemoteControlInfo",
            "setPrivatekey", "setPrivateKey");

    private final Map<String, Entry> methods = new LinkedHashMap<>();

    /**
     * Serves {@code method} as {@code name}, taking arguments of {@code params}.
     *
     * @throws IllegalStateException when {@code name} is served already
     */
    public void register(String name, SdkMethod method, ArgType... params) {
        if (methods.putIfAbsent(name, new Entry(name, List.of(params), method)) != null) {
            throw new IllegalStateException("Method " + name + " is registered twice");
        }
    }

    /** The method called {@code name} or one of its aliases. */
    Optional<Entry> find(String name) {
        return Optional.ofNullable(methods.get(ALIASES.getOrDefault(name, name)));
    }

    /** The canonical names served. */
    public Set<String> names() {
        return Set.copyOf(methods.keySet());
    }
}
