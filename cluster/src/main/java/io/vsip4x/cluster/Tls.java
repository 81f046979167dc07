package io.vsip4x.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cluster's TLS certificate: a self-signed P-256 certificate for 127.0.0.1, made with the
 * openssl command at every start, and an {@link SSLContext} that trusts it and nothing else.
 */
public final class Tls {

    /** The certificate's and key's paths below nginx's configuration folder, as the conf file names them. */
    static final String CERTIFICATE = "tls/vsip4x-portal.crt";
    static final String KEY = "tls/vsip4x-portal.key";

    private Tls() {
    }

    /**
     * Makes the key and the certificate under {@code confDir}.
     *
     * @throws IllegalStateException when openssl is missing or fails
     */
    static void makeCertificate(Path confDir) throws IOException, InterruptedException {
        Path tls = Files.createDirectories(confDir.resolve("tls"));
        Path log = tls.resolve("openssl.log");
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", confDir.resolve(KEY).toString(),
                "-out", confDir.resolve(CERTIFICATE).toString());
        Process openssl;
        try {
            openssl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("The openssl command is needed to make the test's certificate", e);
        }
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            throw new IllegalStateException("openssl could not make the certificate:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** A TLS context trusting only the certificate in {@code certificate} (PEM). */
    public static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("vsip4x-portal", cert);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the certificate " + certificate, e);
        }
    }
}
