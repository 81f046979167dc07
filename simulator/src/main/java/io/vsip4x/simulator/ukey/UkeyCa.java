package io.vsip4x.simulator.ukey;

import io.vsip4x.sdk.ukey.Sm2;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The simulator's UKEY certificate authority: an SM2 key pair made at start, its self-signed
 * root {@code CN=Vsip4x Simulator UKEY CA}, and SM2 certificates (SM3withSM2, X.509 v3) for the
 * UKEYs it issues, whose key pairs it makes too. Everything is in memory and made afresh at
 * every start. BouncyCastle does the cryptography through a private provider instance.
 * Thread-safe.
 */
public final class UkeyCa {

    /** The root certificate's subject and the issuer of every UKEY certificate. */
    public static final String NAME = "CN=Vsip4x Simulator UKEY CA";
    /** How long a UKEY certificate is valid from its issue. */
    public static final Duration UKEY_VALIDITY = Duration.ofDays(365);

    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final String SIGNATURE = "SM3WITHSM2";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final KeyPair keys = Sm2.generate();
    private final X509Certificate root;

    /** A new authority with a fresh key pair and root certificate, dated by {@code clock}. */
    public UkeyCa(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        X500Name name = new X500Name(NAME);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(ROOT_VALIDITY)), name, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot build the UKEY CA's certificate", e);
        }
        this.root = sign(builder);
    }

    /** The root certificate. */
    public X509Certificate certificate() {
        return root;
    }

    /** The root certificate as PEM. */
    public String certificatePem() {
        return IssuedUkey.pem(root);
    }

    /** A new UKEY with a fresh SM2 key pair and a certificate valid from now for {@link #UKEY_VALIDITY}. */
    public IssuedUkey issue(String certUser, String sid, String userId, String userName) {
        Instant now = clock.instant();
        return issue(certUser, sid, userId, userName, now.minus(BACKDATE), now.plus(UKEY_VALIDITY));
    }

    /**
     * A new UKEY whose certificate is valid from {@code notBefore} to {@code notAfter}: the
     * subject is {@code CN=certUser, SERIALNUMBER=sid, O=Vsip4x Simulator}.
     *
     * @throws IllegalArgumentException when {@code notAfter} is before {@code notBefore}
     */
    public IssuedUkey issue(String certUser, String sid, String userId, String userName, Instant notBefore,
            Instant notAfter) {
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("A certificate cannot end before it starts");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, Objects.requireNonNull(certUser, "certUser"))
                .addRDN(BCStyle.SERIALNUMBER, Objects.requireNonNull(sid, "sid"))
                .addRDN(BCStyle.O, "Vsip4x Simulator")
                .build();
        KeyPair pair = Sm2.generate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, serial(), Date.from(notBefore),
                Date.from(notAfter), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot build a UKEY certificate", e);
        }
        return new IssuedUkey(certUser, sid, userId, userName, pair.getPrivate(), sign(builder));
    }

    /**
     * Whether {@code certificate} was signed by this authority and is valid at {@code now}.
     * A foreign, malformed, expired or not yet valid certificate is not.
     */
    public boolean vouchesFor(X509Certificate certificate, Instant now) {
        if (certificate == null || !root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            PublicKey caKey = keys.getPublic();
            boolean signed = holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(PROVIDER).build(caKey));
            return signed && holder.isValidOn(Date.from(now));
        } catch (CertificateException | IOException | OperatorCreationException | CertException e) {
            return false;
        }
    }

    /** Leaves the private key out. */
    @Override
    public String toString() {
        return "UkeyCa[" + NAME + "]";
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).setProvider(PROVIDER)
                    .build(keys.getPrivate());
            return new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("Cannot sign a certificate with the UKEY CA's key", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
