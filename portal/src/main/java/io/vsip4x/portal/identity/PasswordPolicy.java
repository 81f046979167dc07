package io.vsip4x.portal.identity;

import io.vsip4x.portal.web.FieldProblems;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The rules of new passwords ({@link PasswordProperties}): long enough, not the account's name
 * nor containing it, not one of its latest passwords; and passwords the portal makes up.
 */
@Component
class PasswordPolicy {

    /** The most a password may have, in UTF-8 bytes: what the hash function reads. */
    static final int MAX_BYTES = 72;
    /** Spaces, format characters (zero-width and the like) and control characters: not counted as variety. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Z}\\p{Cf}\\p{Cc}\\s]");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 16;

    private final PasswordProperties properties;
    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();

    PasswordPolicy(PasswordProperties properties, PasswordEncoder encoder) {
        this.properties = properties;
        this.encoder = encoder;
    }

    /** How many latest passwords a new one may not repeat. */
    int history() {
        return properties.history();
    }

    /**
     * Adds to {@code problems}, under {@code field}, the first rule {@code password} breaks.
     *
     * @param previous the hashes of the account's latest passwords, newest first (empty for a new
     *                 account)
     */
    void check(String field, String username, String password, List<String> previous,
            FieldProblems.Collector problems) {
        if (password == null || password.isEmpty()) {
            problems.reject(field, "password.error.required");
            return;
        }
        if (password.length() < properties.minLength()) {
            problems.reject(field, "password.error.tooShort", properties.minLength());
            return;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.reject(field, "password.error.tooLong", MAX_BYTES);
            return;
        }
        if (INVISIBLE.matcher(password).replaceAll("").codePoints().distinct().count() < 2) {
            problems.reject(field, "password.error.monotonous");
            return;
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            problems.reject(field, "password.error.containsUsername");
            return;
        }
        int count = Math.min(previous.size(), properties.history());
        for (String hash : previous.subList(0, count)) {
            if (encoder.matches(password, hash)) {
                problems.reject(field, "password.error.reused", properties.history());
                return;
            }
        }
    }

    /** A random password that follows the rules for {@code username}. */
    String generate(String username) {
        int length = Math.max(GENERATED_LENGTH, properties.minLength());
        while (true) {
            StringBuilder password = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String made = password.toString();
            if (username == null || username.isBlank()
                    || !made.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
                return made;
            }
        }
    }
}
