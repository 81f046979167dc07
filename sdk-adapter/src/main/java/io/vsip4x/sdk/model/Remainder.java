package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkResult;

/**
 * The answer of {@code getCreateRemainder}.
 *
 * @param satisfied    whether the platform can create what was asked ({@code rs} = 1)
 * @param availableNum how many VMs of that shape it could still create, or -1 when not said
 * @param result       the whole answer
 */
public record Remainder(boolean satisfied, long availableNum, SdkResult result) {

    /** Reads the answer; a failed call is never satisfied. */
    public static Remainder from(SdkResult result) {
        boolean rs = result.ok() && "1".equals(result.get("rs"));
        String available = result.get("availableNum");
        long num;
        try {
            num = available == null ? -1 : Long.parseLong(available.trim());
        } catch (NumberFormatException e) {
            num = -1;
        }
        return new Remainder(rs, num, result);
    }
}
