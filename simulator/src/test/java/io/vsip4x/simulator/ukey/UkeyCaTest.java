package io.vsip4x.simulator.ukey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.ukey.Sm2;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulator's SM2 certificate authority and the certificates it issues. */
class UkeyCaTest {

    private static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";

    private final UkeyCa ca = new UkeyCa(Clock.systemUTC());

    @Test
    void itsRootIsASelfSignedSm2CaCertificate() throws Exception {
        X509Certificate root = ca.certificate();

        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Vsip4x Simulator UKEY CA");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getSigAlgOID()).isEqualTo(SM3_WITH_SM2);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.vouchesFor(root, Instant.now())).isTrue();
        assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void issuesAnSm2CertificateForTheKeysPublicHalf() {
        IssuedUkey key = ca.issue("alice", "SIM-UK-ALICE", "pu-alice", "李爱丽");
        X509Certificate certificate = key.certificate();

        assertThat(certificate.getSigAlgOID()).isEqualTo(SM3_WITH_SM2);
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(key.subject()).isEqualTo("CN=alice,SERIALNUMBER=SIM-UK-ALICE,O=Vsip4x Simulator");
        assertThat(key.issuer()).isEqualTo("CN=Vsip4x Simulator UKEY CA");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getPublicKey()).isEqualTo(Sm2.publicKeyOf(key.privateKey()));
        byte[] text = "vsip4x-ukey:1:abcdefghijklmnopqrstuv".getBytes(StandardCharsets.UTF_8);
        assertThat(Sm2.verify(certificate.getPublicKey(), text, Sm2.sign(key.privateKey(), text))).isTrue();
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
                .isGreaterThan(Duration.ofDays(364));
        assertThat(ca.vouchesFor(certificate, Instant.now())).isTrue();
    }

    @Test
    void vouchesOnlyForItsOwnCertificatesWhileTheyAreValid() {
        Instant now = Instant.now();
        IssuedUkey expired = ca.issue("bob", "UK-B", "u-b", "Bob", now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)));
        IssuedUkey future = ca.issue("bob", "UK-B", "u-b", "Bob", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)));
        IssuedUkey foreign = new UkeyCa(Clock.systemUTC()).issue("bob", "UK-B", "u-b", "Bob");

        assertThat(ca.vouchesFor(expired.certificate(), now)).isFalse();
        assertThat(ca.vouchesFor(expired.certificate(), now.minus(Duration.ofHours(36)))).isTrue();
        assertThat(ca.vouchesFor(future.certificate(), now)).isFalse();
        // Same issuer name, another CA's key: the signature decides.
        assertThat(ca.vouchesFor(foreign.certificate(), now)).isFalse();
        assertThat(ca.vouchesFor(null, now)).isFalse();
        assertThatThrownBy(() -> ca.issue("bob", "UK-B", "u-b", "Bob", now, now.minus(Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIssuedKeyShowsNeitherItsPrivateKeyNorItsPin() {
        IssuedUkey key = ca.issue("alice", "SIM-UK-ALICE", "pu-alice", "李爱丽");

        assertThat(key.toString()).contains("SIM-UK-ALICE").contains("alice")
                .doesNotContain(Sm2.pem(key.privateKey()).lines().skip(1).findFirst().orElseThrow())
                .doesNotContain(IssuedUkey.DEMO_PIN);
        assertThat(key.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(IssuedUkey.DEMO_PIN).isEqualTo("123456");
    }
}
