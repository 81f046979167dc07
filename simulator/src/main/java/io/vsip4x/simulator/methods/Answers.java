package io.vsip4x.simulator.methods;

import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.ResultCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code result}/{@code resultinfo} answers of the spec. */
final class Answers {

    /** Success. */
    static final String OK = "0";
    /** Invalid VM parameters. */
    static final String INVALID = "2003";
    /** VM does not exist. */
    static final String NO_VM = "2004";
    /** Resource pool does not exist. */
    static final String NO_POOL = "4020";

    private Answers() {
    }

    /** {@code result} {@code code} with its text from the spec's table as {@code resultinfo}. */
    static Map<String, Object> result(String code) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", code);
        answer.put("resultinfo", ResultCodes.find(code).map(ResultCode::zh).orElse(""));
        return answer;
    }

    /** {@code result} {@code code} with {@code rows} as {@code data}. */
    static Map<String, Object> data(String code, List<?> rows) {
        Map<String, Object> answer = result(code);
        answer.put("data", rows);
        return answer;
    }
}
