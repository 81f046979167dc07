package io.vsip4x.portal.admin.pools;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import java.util.Map;
import java.util.Optional;

/**
 * The pool reads {@code getRepositoryInfo} and {@code getRepositoryMonitor} that tell a refusal from an
 * unknown pool. The adapter's typed methods answer both as empty; here a non-zero result code is a
 * {@link Vsip4xRefusedException} with the platform's code, and only an answer without a pool (result 0 or
 * none) is empty.
 */
public final class PoolAnswers {

    static final String INFO = "getRepositoryInfo";
    static final String MONITOR = "getRepositoryMonitor";

    private PoolAnswers() {
    }

    /**
     * Pool {@code name}'s monitor, or empty when the platform knows no such pool.
     *
     * @throws Vsip4xRefusedException when the platform refuses the read
     */
    public static Optional<PoolMonitor> monitor(Vsip4xClient client, String name) {
        PoolMonitor monitor = PoolMonitor.from(answer(client, MONITOR, name).raw());
        return Optional.ofNullable(monitor.pool().repositoryId()).map(id -> monitor);
    }

    /**
     * Pool {@code name} as {@code getRepositoryInfo} describes it, or empty when the platform knows no such
     * pool.
     *
     * @throws Vsip4xRefusedException when the platform refuses the read
     */
    public static Optional<PoolInfo> info(Vsip4xClient client, String name) {
        PoolInfo pool = PoolInfo.from(answer(client, INFO, name).raw());
        return Optional.ofNullable(pool.repositoryId()).map(id -> pool);
    }

    /** The answer to {@code method}; a refusal is thrown. */
    private static SdkResult answer(Vsip4xClient client, String method, String name) {
        if (!(client.call(method, name) instanceof Map<?, ?> map)) {
            throw new Vsip4xProtocolException(method, 200, "The platform's answer to " + method + " is not a map");
        }
        SdkResult result = SdkResult.of(SdkMaps.trimKeys(map));
        if (!result.ok()) {
            throw new Vsip4xRefusedException(method, result.code(), result.info());
        }
        return result;
    }
}
