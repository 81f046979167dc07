package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkResult;

/**
 * The answer of {@code buildTemplate}. The spec returns only {@code result}/{@code resultinfo}
 * and names no template (catalog A22); our binding adds {@code templateId}. Against a platform
 * that does not, find the new template with {@code searchTemplateList}.
 *
 * @param templateId the new template's id, or {@code null} when refused or not reported
 * @param result     the whole answer; a refusal is a non-zero {@link SdkResult#code()}
 */
public record BuiltTemplate(String templateId, SdkResult result) {

    /** Reads the answer (keys already trimmed). */
    public static BuiltTemplate from(SdkResult result) {
        return new BuiltTemplate(result.ok() ? result.get("templateId") : null, result);
    }

    /** Whether the template was made. */
    public boolean ok() {
        return result.ok();
    }
}
