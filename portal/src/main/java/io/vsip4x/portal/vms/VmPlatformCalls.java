package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A synchronous platform call about one VM (a device, data-disk, template or guest method), the
 * same way for every feature: an unreachable platform is logged as a failure and answered 503; a
 * refusal is logged with its code and answered with one mapping of codes to HTTP statuses
 * ({@link #statusOf}) and the feature's text for the code. The caller logs the success itself, with
 * what it learned.
 */
@Component
public class VmPlatformCalls {

    private static final Logger log = LoggerFactory.getLogger(VmPlatformCalls.class);
    /** Codes that say the thing named does not exist: answered 404. */
    private static final Set<String> UNKNOWN = Set.of("2004", "2006", "2055", "2057", "2060", "2061", "2062",
            "3022", "4020");
    /** The spec's "invalid parameters": answered 400. */
    public static final String INVALID = "2003";

    private final PlatformClient platform;
    private final AuditService audit;

    VmPlatformCalls(PlatformClient platform, AuditService audit) {
        this.platform = platform;
        this.audit = audit;
    }

    /**
     * A feature's texts for the platform's refusals: {@code prefix + code} for each code in
     * {@code codes}, {@code prefix + "other"} for any other.
     */
    public record Texts(String prefix, Set<String> codes) {

        /** The message key of {@code code}. */
        public String key(String code) {
            return prefix + (codes.contains(code) ? code : "other");
        }
    }

    /** The HTTP status of the platform's refusal {@code code}: 400 invalid, 404 unknown thing, 409 otherwise. */
    public static HttpStatus statusOf(String code) {
        if (INVALID.equals(code)) {
            return HttpStatus.BAD_REQUEST;
        }
        return UNKNOWN.contains(code) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
    }

    /**
     * Calls the platform about {@code vm}; a refusal is thrown as {@link #refused}, with
     * {@code args} the arguments of the text.
     *
     * @param params   what the operation log records of the request (never a secret)
     * @param resultOf the result code of the answer
     * @throws PlatformUnavailableException when the platform cannot be asked (logged as a failure)
     */
    public <T> T call(Vm vm, String auditAction, String params, Function<Vsip4xClient, T> call,
            Function<T, SdkResult> resultOf, Texts texts, Object... args) {
        T answer;
        try {
            answer = platform.call(call);
        } catch (Vsip4xException e) {
            log.warn("Could not reach the platform for {} on VM '{}'", auditAction, vm.vmId());
            audit.event(auditAction).target("VM", vm.vmId()).params(params)
                    .result(AuditService.FAILURE, null, "platform unreachable").recordAlone();
            throw new PlatformUnavailableException(e);
        }
        SdkResult result = resultOf.apply(answer);
        if (!result.ok()) {
            throw refused(vm, auditAction, params, result.code(), texts, args);
        }
        return answer;
    }

    /** {@link #call} of a method whose answer is its result. */
    public SdkResult call(Vm vm, String auditAction, String params, Function<Vsip4xClient, SdkResult> call,
            Texts texts, Object... args) {
        return call(vm, auditAction, params, call, Function.identity(), texts, args);
    }

    /**
     * Logs the platform's refusal {@code code} of {@code auditAction} (kept whatever becomes of the
     * caller's transaction) and answers the error to throw, its status from {@link #statusOf}.
     */
    public PortalException refused(Vm vm, String auditAction, String params, String code, Texts texts,
            Object... args) {
        audit.event(auditAction).target("VM", vm.vmId()).params(params)
                .result(AuditService.FAILURE, code, null).recordAlone();
        return new PortalException(statusOf(code), texts.key(code), code, args).audited();
    }
}
