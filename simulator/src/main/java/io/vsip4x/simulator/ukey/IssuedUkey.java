package io.vsip4x.simulator.ukey;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A UKEY the simulator's certificate authority issued: the key pair's private half as the
 * device would hold it, and its SM2 certificate. The simulator's {@code ukeyLogin} knows it,
 * and the software middleware signs with it when it is inserted there.
 *
 * @param certUser    the certificate's user ({@code certuser}), also the certificate's common name
 * @param sid         the device serial ({@code sid})
 * @param userId      the platform user it signs in ({@code user.id})
 * @param userName    that user's name ({@code user.name})
 * @param privateKey  the UKEY's SM2 private key; never shown by {@link #toString()}
 * @param certificate the UKEY's X.509 certificate, SM3withSM2, issued by the simulator's CA
 */
public record IssuedUkey(String certUser, String sid, String userId, String userName, PrivateKey privateKey,
        X509Certificate certificate) {

    /** The PIN of every UKEY the simulator issues, demo keys included. */
    public static final String DEMO_PIN = "123456";

    /** The PUK of every UKEY the simulator issues: it unblocks a key its wrong PINs locked. */
    public static final String DEMO_PUK = "12345678";

    public IssuedUkey {
        Objects.requireNonNull(certUser, "certUser");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The certificate as PEM ({@code CERTIFICATE}). */
    public String certificatePem() {
        return pem(certificate);
    }

    /** The certificate's subject, e.g. {@code CN=alice,SERIALNUMBER=SIM-UK-ALICE,O=Vsip4x Simulator}. */
    public String subject() {
        return name(certificate.getSubjectX500Principal());
    }

    /** The certificate's issuer, {@code CN=Vsip4x Simulator UKEY CA}. */
    public String issuer() {
        return name(certificate.getIssuerX500Principal());
    }

    /** The registration {@code ukeyLogin} checks signatures against. */
    RegisteredUkey registration() {
        return new RegisteredUkey(certUser, sid, certificate.getPublicKey(), userId, userName, certificate);
    }

    /** Leaves the private key out. */
    @Override
    public String toString() {
        return "IssuedUkey[certUser=" + certUser + ", sid=" + sid + ", userId=" + userId + ", userName=" + userName
                + ", subject=" + subject() + ", notAfter="
                + certificate.getNotAfter().toInstant() + "]";
    }

    /** {@code principal} as text in its encoded order, with BouncyCastle's attribute names. */
    private static String name(X500Principal principal) {
        return X500Name.getInstance(BCStyle.INSTANCE, principal.getEncoded()).toString();
    }

    /** {@code certificate} as PEM. */
    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
