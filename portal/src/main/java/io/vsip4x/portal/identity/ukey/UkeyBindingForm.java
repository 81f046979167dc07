package io.vsip4x.portal.identity.ukey;

/**
 * What a security admin enters to bind a UKEY to an account (the form and the API alike).
 *
 * @param username       the account the key will sign in
 * @param sid            the key's device serial
 * @param certUser       the user named by the key's certificate
 * @param platformUserId the platform user {@code ukeyLogin} answers for the key
 * @param label          a note, possibly empty
 */
public record UkeyBindingForm(String username, String sid, String certUser, String platformUserId, String label) {

    /** An empty form. */
    static UkeyBindingForm blank() {
        return new UkeyBindingForm("", "", "", "", "");
    }
}
