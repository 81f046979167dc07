package io.vsip4x.simulator.ukey;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A UKEY the platform knows.
 *
 * @param certUser  the certificate's user ({@code certuser})
 * @param sid       the device serial ({@code sid}), unique in the registry
 * @param publicKey the key's SM2 public key, which verifies its signatures
 * @param userId    the platform user it signs in ({@code user.id})
 * @param userName  that user's name ({@code user.name})
 */
public record RegisteredUkey(String certUser, String sid, PublicKey publicKey, String userId, String userName) {

    public RegisteredUkey {
        Objects.requireNonNull(certUser, "certUser");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
    }
}
