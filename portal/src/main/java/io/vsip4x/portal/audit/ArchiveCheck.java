package io.vsip4x.portal.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Checks an audit archive file offline, with nothing but the file, its {@code .sig} and the
 * portal's public audit key: the signature of the manifest, the file's SHA-256, and the chain of
 * hashes inside the file from its anchor to its last event.
 *
 * <pre>
 * java -cp portal.jar -Dloader.main=io.vsip4x.portal.audit.ArchiveCheck \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      audit-000000000001-000000100000.jsonl.gz audit-public-key.pem
 * </pre>
 *
 * Exits with 0 when the file checks out, 1 when it does not, 2 on wrong arguments.
 */
public final class ArchiveCheck {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCheck.class);

    private ArchiveCheck() {
    }

    /**
     * What a check found.
     *
     * @param valid  whether the signature, the file's digest and its chain all check out
     * @param events how many events the chain check went through
     * @param detail what is wrong, or a summary when valid
     */
    public record Result(boolean valid, long events, String detail) {
    }

    /** Arguments: the archive file, the public key PEM file, and optionally the signature file. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            log.error("Usage: ArchiveCheck <archive.jsonl.gz> <public-key.pem> [<archive.jsonl.gz.sig>]");
            System.exit(2);
        }
        Path archive = Path.of(args[0]);
        Path signature = args.length == 3 ? Path.of(args[2]) : archive.resolveSibling(archive.getFileName() + ".sig");
        Result result;
        try {
            result = check(archive, signature, AuditSignatures.readPublicKey(Files.readString(Path.of(args[1]))));
        } catch (IOException e) {
            result = new Result(false, 0, "Cannot read a file: " + e.getMessage());
        }
        if (result.valid()) {
            log.info("VALID: {}", result.detail());
        } else {
            log.error("INVALID: {}", result.detail());
        }
        System.exit(result.valid() ? 0 : 1);
    }

    /** Checks {@code archive} against its detached {@code signature} file and the public {@code key}. */
    public static Result check(Path archive, Path signature, PublicKey key) {
        ArchiveFormat.SignatureFile sig;
        try {
            sig = ArchiveFormat.JSON.readValue(signature.toFile(), ArchiveFormat.SignatureFile.class);
        } catch (JacksonException e) {
            return new Result(false, 0, "The signature file cannot be read: " + e.getOriginalMessage());
        }
        ArchiveManifest manifest = sig.manifest();
        if (!AuditSignatures.verify(key, manifest.signedText(), sig.signature())) {
            return new Result(false, 0, "The signature does not verify with the given public key (key id "
                    + AuditSignatures.keyId(key) + ", file signed by " + sig.keyId() + ")");
        }
        if (!manifest.fileName().equals(archive.getFileName().toString())) {
            return new Result(false, 0, "The signature is of the file " + manifest.fileName());
        }
        try {
            return checkContent(archive, manifest);
        } catch (IOException | UncheckedIOException | JacksonException | IllegalArgumentException e) {
            return new Result(false, 0, "The archive file cannot be read: " + e.getMessage());
        }
    }

    private static Result checkContent(Path archive, ArchiveManifest manifest) throws IOException {
        long events = 0;
        String previous;
        long expected;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(archive)), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            if (first == null) {
                return new Result(false, 0, "The archive file is empty");
            }
            ArchiveFormat.Header header = ArchiveFormat.JSON.readValue(first, ArchiveFormat.Header.class);
            if (header.firstSeq() != manifest.firstSeq() || header.lastSeq() != manifest.lastSeq()
                    || header.count() != manifest.count() || header.anchorSeq() != header.firstSeq() - 1) {
                return new Result(false, 0, "The file's header does not match its signed manifest");
            }
            previous = header.anchorHash();
            expected = header.firstSeq();
            String text;
            while ((text = reader.readLine()) != null) {
                ArchiveFormat.Line line = ArchiveFormat.JSON.readValue(text, ArchiveFormat.Line.class);
                if (line.seq() != expected) {
                    return new Result(false, events, "Seq " + expected + " is missing from the file");
                }
                previous = AuditHash.link(previous, line.seq(), line.entry());
                if (!previous.equals(line.hash())) {
                    return new Result(false, events, "The event of seq " + line.seq() + " does not hash to its "
                            + "link: it was changed");
                }
                expected++;
                events++;
            }
        }
        if (!manifest.sha256().equals(sha256Of(archive))) {
            return new Result(false, events, "The file's SHA-256 is not the signed one: the file was changed");
        }
        if (events != manifest.count() || !previous.equals(manifest.lastHash())) {
            return new Result(false, events, "The file holds " + events + " events ending on another hash than "
                    + "the signed " + manifest.count());
        }
        return new Result(true, events, events + " events, seq " + manifest.firstSeq() + " to "
                + manifest.lastSeq() + ", last hash " + manifest.lastHash());
    }

    /** SHA-256 of a whole file, lowercase hex. */
    static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
