package io.vsip4x.simulator.ukey;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A UKEY the platform knows.
 *
 * @param certUser    the certificate's user ({@code certuser})
 * @param sid         the device serial ({@code sid}), unique in the registry
 * @param publicKey   the key's SM2 public key, which verifies its signatures
 * @param userId      the platform user it signs in ({@code user.id})
 * @param userName    that user's name ({@code user.name})
 * @param certificate the key's certificate, which must come from the simulator's CA and be valid
 *                    at sign-in; {@code null} for a key registered by its public key alone
 */
public record RegisteredUkey(String certUser, String sid, PublicKey publicKey, String userId, String userName,
        X509Certificate certificate) {

    public RegisteredUkey {
        Objects.requireNonNull(certUser, "certUser");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
    }

    /** A UKEY known by its public key alone, without a certificate. */
    public RegisteredUkey(String certUser, String sid, PublicKey publicKey, String userId, String userName) {
        this(certUser, sid, publicKey, userId, userName, null);
    }
}
