package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** The audit key file: a private key alone (as OpenSSL writes it) is enough, and a wrong pair is refused. */
class AuditSignaturesTest {

    @Test
    void aPrivateKeyAloneGivesItsPublicKey() throws Exception {
        KeyPair made = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        KeyPair read = AuditSignatures.readKeyPair(AuditSignatures.privateKeyPem(made.getPrivate()));

        assertThat(read.getPublic().getEncoded()).isEqualTo(made.getPublic().getEncoded());
        assertThat(AuditSignatures.keyId(read.getPublic())).hasSize(16).matches("[0-9a-f]+");
        String signature = AuditSignatures.sign(read.getPrivate(), "7|abc");
        assertThat(AuditSignatures.verify(made.getPublic(), "7|abc", signature)).isTrue();
        assertThat(AuditSignatures.verify(made.getPublic(), "8|abc", signature)).isFalse();
        assertThat(AuditSignatures.verify(made.getPublic(), "7|abc", "not base64!")).isFalse();
    }

    @Test
    void aFileWhosePublicKeyIsAnotherKeysIsRefused() throws Exception {
        KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThatThrownBy(() -> AuditSignatures.readKeyPair(AuditSignatures.privateKeyPem(one.getPrivate())
                + AuditSignatures.publicKeyPem(other.getPublic())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }
}
