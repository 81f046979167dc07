package io.vsip4x.sdk.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The spec's table of result codes, with their class and Chinese and English meanings. */
public final class ResultCodes {

    /** One row of the table. */
    public record ResultCode(String code, boolean success, String zh, String en) {

        /** The meaning in Chinese, or English when the locale's language is English. */
        public String text(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
        }
    }

    /** Create approved. */
    public static final String CREATE_APPROVED = "2100";
    /** Not enough resources to create. */
    public static final String CREATE_NO_RESOURCES = "2101";
    /** Resize approved. */
    public static final String RESIZE_APPROVED = "2200";
    /** Not enough resources to resize. */
    public static final String RESIZE_NO_RESOURCES = "2201";

    private static final Map<String, ResultCode> TABLE = load();

    private ResultCodes() {
    }

    /** The row for {@code code}, if the spec lists it. */
    public static Optional<ResultCode> find(String code) {
        return Optional.ofNullable(code == null ? null : TABLE.get(code.trim()));
    }

    /**
     * Whether {@code code} reports success. Unknown codes count as failures (catalog A18).
     */
    public static boolean isSuccess(String code) {
        return find(code).map(ResultCode::success).orElse(false);
    }

    /** Every code of the table, in the spec's order. */
    public static Map<String, ResultCode> all() {
        return TABLE;
    }

    private static Map<String, ResultCode> load() {
        Map<String, ResultCode> table = new LinkedHashMap<>();
        try (InputStream in = ResultCodes.class.getResourceAsStream("/io/vsip4x/sdk/result-codes.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("\t"))
                    .forEach(f -> table.put(f[0], new ResultCode(f[0], "success".equals(f[1]), f[2], f[3])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(table);
    }
}
