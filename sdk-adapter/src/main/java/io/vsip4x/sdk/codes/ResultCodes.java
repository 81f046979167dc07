package io.vsip4x.sdk.codes;

import java.util.Map;
import java.util.Optional;

/** Look-ups in the spec's result codes ({@link ResultCode}), and the codes of the approval queues. */
public final class ResultCodes {

    /** Create approved. */
    public static final String CREATE_APPROVED = "2100";
    /** Not enough resources to create. */
    public static final String CREATE_NO_RESOURCES = "2101";
    /** Resize approved. */
    public static final String RESIZE_APPROVED = "2200";
    /** Not enough resources to resize. */
    public static final String RESIZE_NO_RESOURCES = "2201";

    private ResultCodes() {
    }

    /** The code {@code code}, if the spec lists it. */
    public static Optional<ResultCode> find(String code) {
        return ResultCode.of(code);
    }

    /**
     * Whether {@code code} reports success. Unknown codes count as failures (catalog A18).
     */
    public static boolean isSuccess(String code) {
        return find(code).map(ResultCode::success).orElse(false);
    }

    /** Every code, in the spec's order, by its code. */
    public static Map<String, ResultCode> all() {
        return ResultCode.byCode();
    }
}
