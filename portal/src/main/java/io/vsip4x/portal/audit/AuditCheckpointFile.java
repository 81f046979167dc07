package io.vsip4x.portal.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The checkpoints this node signed, kept outside the database as well: one JSON line per
 * checkpoint ({@code seq}, {@code hash}, {@code keyId}, {@code signature}, {@code signedAt}) appended
 * to {@code portal.audit.checkpoint-file}. Someone who cuts the chain's end off, or rewrites it and
 * deletes the checkpoints in the database, still meets these. The file grows by at most one line per
 * checkpoint interval; the verification streams it once, parsing only the lines after the anchor.
 */
@Component
public class AuditCheckpointFile {

    /** The file's name in the data folder when {@code portal.audit.checkpoint-file} is not set. */
    public static final String DEFAULT_FILE = "audit-checkpoints.jsonl";
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointFile.class);
    private static final String SEQ_PREFIX = "{\"seq\":";

    private final Path file;

    AuditCheckpointFile(AuditProperties properties, @Value("${portal.data-dir}") Path dataDir) {
        this.file = properties.checkpointFile() != null ? properties.checkpointFile() : dataDir.resolve(DEFAULT_FILE);
    }

    /** One signed checkpoint as the file holds it. */
    public record Line(long seq, String hash, String keyId, String signature) {
    }

    /** Where the checkpoints go. */
    public Path path() {
        return file;
    }

    /** Appends one signed checkpoint as a line, made readable by its owner only when the file is new. */
    public synchronized void append(long seq, String hash, String keyId, String signature, Instant signedAt) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", seq);
        line.put("hash", hash);
        line.put("keyId", keyId);
        line.put("signature", signature);
        line.put("signedAt", signedAt.toString());
        String text = ArchiveFormat.JSON.writeValueAsString(line) + "\n";
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    log.debug("No POSIX permissions for {}", file);
                }
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append the checkpoint to " + file, e);
        }
    }

    /**
     * The checkpoints with a seq above {@code after}, in the file's order, read lazily; the stream
     * must be closed. Lines at or below {@code after} are skipped without parsing their JSON; a line
     * that cannot be read (a write cut short by a crash) is skipped with a warning. No file: none.
     */
    public Stream<Line> after(long after) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoints in " + file, e);
        }
        return reader.lines()
                .filter(text -> !text.isBlank() && quickSeq(text) > after)
                .map(this::parse)
                .filter(Objects::nonNull)
                .filter(line -> line.seq() > after)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        log.debug("Closing {} failed", file, e);
                    }
                });
    }

    /** The seq at the line's start as this class writes it, or {@link Long#MAX_VALUE} (parse the line). */
    private static long quickSeq(String text) {
        if (!text.startsWith(SEQ_PREFIX)) {
            return Long.MAX_VALUE;
        }
        long seq = 0;
        int i = SEQ_PREFIX.length();
        int start = i;
        while (i < text.length() && i - start < 18 && Character.isDigit(text.charAt(i))) {
            seq = seq * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == start || i >= text.length() || text.charAt(i) != ',' ? Long.MAX_VALUE : seq;
    }

    private Line parse(String text) {
        try {
            JsonNode node = ArchiveFormat.JSON.readTree(text);
            if (!node.path("seq").canConvertToLong() || !node.path("hash").isString()
                    || !node.path("keyId").isString() || !node.path("signature").isString()) {
                log.warn("A line of {} is not a checkpoint; it is skipped", file);
                return null;
            }
            return new Line(node.get("seq").asLong(), node.get("hash").asString(), node.get("keyId").asString(),
                    node.get("signature").asString());
        } catch (JacksonException e) {
            log.warn("A line of {} is not JSON; it is skipped", file);
            return null;
        }
    }
}
