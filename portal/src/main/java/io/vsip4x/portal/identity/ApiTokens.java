package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens ({@code api_token}): what an account whose sign-in policy needs a UKEY uses
 * for the API instead of its password. A token is {@value #PREFIX} and 32 random bytes (Base64url),
 * shown once when it is made; only its SHA-256 is kept. It works until it expires (1 to
 * {@value #MAX_DAYS} days after it was made, {@value #DEFAULT_DAYS} by default) or is revoked, by
 * its owner or a security admin. Making one is the page's business only (a signed-in session);
 * callers check that and say how that session signed in ({@link SignInFactors}), this service
 * checks who may revoke what and audits. A token is worth no more than the sign-in that made it:
 * {@link #accountOf} tells the caller the factors, and whether the token's UKEY binding was revoked.
 */
@Service
public class ApiTokens {

    /** How every token starts, so that it can be recognized (by secret scanners, too). */
    public static final String PREFIX = "vsip4x_pat_";
    /** Days a token works when its owner does not say. */
    public static final int DEFAULT_DAYS = 90;
    /** The longest a token may work, in days. */
    public static final int MAX_DAYS = 365;
    /** The longest name. */
    public static final int NAME_MAX = 100;
    /** Working tokens an account may hold at once. */
    public static final int MAX_ACTIVE = 20;
    /** Audit action of a token made. */
    static final String CREATED = "API_TOKEN_CREATED";
    /** Audit action of a token revoked. */
    static final String REVOKED = "API_TOKEN_REVOKED";
    /** The last use is written at most this often per token. */
    private static final Duration USE_STEP = Duration.ofMinutes(1);
    private static final int RANDOM_BYTES = 32;
    private static final String SELECT = "SELECT t.id, t.account_id, u.username, t.name, t.created_at, t.expires_at, "
            + "t.last_used_at, t.revoked_at, t.signed_in_with FROM api_token t JOIN app_user u ON u.id = t.account_id ";

    private final JdbcClient jdbc;
    private final UserService users;
    private final AuditService audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, UserService users, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A token just made: its record and the token itself, which is shown this once and never
     * stored, logged or printed ({@link #toString} leaves it out).
     */
    public record Created(ApiToken token, String secret) {

        @Override
        public String toString() {
            return "Created[token=" + token + "]";
        }
    }

    /**
     * Makes a token for the account {@code accountId}, audited as that account's own action.
     *
     * @param name    what the owner calls it: 1 to {@value #NAME_MAX} characters, no control characters
     * @param days    how many days it works, 1 to {@value #MAX_DAYS}; {@code null}: {@value #DEFAULT_DAYS}
     * @param factors how the session making it signed in; a UKEY counts only when its binding is an
     *                active one of this account
     * @throws FieldProblems   when the name or the days are wrong, or the account holds
     *                         {@value #MAX_ACTIVE} working tokens already
     * @throws PortalException 404 when there is no such account
     */
    @Transactional
    public Created create(long accountId, String name, Integer days, SignInFactors factors) {
        String trimmed = name == null ? "" : name.strip();
        int lifetime = days == null ? DEFAULT_DAYS : days;
        check(trimmed, lifetime);
        PortalUserDetails owner = users.reload(accountId);
        if (owner == null) {
            throw PortalException.notFound("apiTokens.error.notFound", accountId);
        }
        // The owner's row is locked until the transaction ends: two makes at once count one after the other.
        jdbc.sql("SELECT id FROM app_user WHERE id = :id FOR UPDATE").param("id", accountId).query(Long.class).list();
        Instant now = clock.instant();
        if (working(accountId, now) >= MAX_ACTIVE) {
            throw FieldProblems.of("name", "apiTokens.error.tooMany", MAX_ACTIVE);
        }

        SignInFactors made = checked(accountId, factors);
        String secret = newSecret();
        Instant expires = now.plus(Duration.ofDays(lifetime));
        jdbc.sql("INSERT INTO api_token (account_id, name, token_hash, created_at, expires_at, signed_in_with, "
                        + "ukey_binding_id) VALUES (:account, :name, :hash, :at, :expires, :factors, :binding)")
                .param("account", accountId).param("name", trimmed).param("hash", sha256(secret))
                .param("at", Timestamp.from(now)).param("expires", Timestamp.from(expires))
                .param("factors", made.code()).param("binding", made.ukeyBindingId()).update();
        long id = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();

        CurrentUser user = owner.user();
        audit.event(CREATED)
                .as(user.username(), user.tenantCode(), user.roleList())
                .target("API_TOKEN", Long.toString(id))
                .params(AuditParams.of("owner", user.username(), "name", trimmed, "expires", expires,
                        "signedInWith", made.code()))
                .record();
        return new Created(find(id).orElseThrow(), secret);
    }

    /** The tokens of the account {@code accountId}, newest first, revoked and expired ones too. */
    @Transactional(readOnly = true)
    public List<ApiToken> ofAccount(long accountId) {
        return jdbc.sql(SELECT + "WHERE t.account_id = :account ORDER BY t.created_at DESC, t.id DESC")
                .param("account", accountId).query(this::row).list();
    }

    /**
     * Every account's tokens, or those of the account {@code username} when it is given, newest
     * first: for security admins.
     */
    @Transactional(readOnly = true)
    public List<ApiToken> all(String username) {
        if (username == null || username.isBlank()) {
            return jdbc.sql(SELECT + "ORDER BY t.created_at DESC, t.id DESC").query(this::row).list();
        }
        return jdbc.sql(SELECT + "WHERE u.username = :username ORDER BY t.created_at DESC, t.id DESC")
                .param("username", username.strip()).query(this::row).list();
    }

    /** One token, or empty when there is none with that id. */
    @Transactional(readOnly = true)
    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT + "WHERE t.id = :id").param("id", id).query(this::row).optional();
    }

    /**
     * Revokes a token of {@code by}'s own, or anyone's when {@code by} is a security admin acting
     * as one ({@code asSecurityAdmin}). Revoking a revoked token changes nothing and logs nothing.
     *
     * @return the token as it is now
     * @throws PortalException 404 when there is no such token or it is not {@code by}'s to revoke
     */
    @Transactional
    public ApiToken revoke(CurrentUser by, long id, boolean asSecurityAdmin) {
        ApiToken token = find(id)
                .filter(t -> t.accountId() == by.id() || asSecurityAdmin && by.has(Role.SECURITY_ADMIN))
                .orElseThrow(() -> PortalException.notFound("apiTokens.error.notFound", id));
        int changed = jdbc.sql("UPDATE api_token SET revoked_at = :at, revoked_by = :by "
                        + "WHERE id = :id AND revoked_at IS NULL")
                .param("at", Timestamp.from(clock.instant())).param("by", by.id()).param("id", id).update();
        if (changed > 0) {
            audit.event(REVOKED)
                    .target("API_TOKEN", Long.toString(id))
                    .params(AuditParams.of("owner", token.username(), "name", token.name()))
                    .record();
        }
        return find(id).orElseThrow();
    }

    /**
     * A presented token that is one of ours, unrevoked and unexpired.
     *
     * @param id         the token's id
     * @param accountId  the account it signs in
     * @param factors    how the session that made it signed in
     * @param keyRevoked whether the binding of its UKEY factor has been revoked since
     * @param lastUsedAt its last noted use, or {@code null}
     */
    record Presented(long id, long accountId, SignInFactors factors, boolean keyRevoked, Instant lastUsedAt) {
    }

    /**
     * The token presented, when it is one of ours, unrevoked and unexpired. The account's own
     * standing, and whether the token's factors still do for the account's policy, are the
     * caller's to check; then it notes the use ({@link #used}).
     */
    @Transactional(readOnly = true)
    public Optional<Presented> accountOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT t.id, t.account_id, t.last_used_at, t.signed_in_with, "
                        + "t.ukey_binding_id, b.revoked_at IS NOT NULL FROM api_token t "
                        + "LEFT JOIN ukey_binding b ON b.id = t.ukey_binding_id "
                        + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now")
                .param("hash", sha256(secret)).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Presented(rs.getLong(1), rs.getLong(2),
                        SignInFactors.of(rs.getString(4), rs.getObject(5, Long.class)), rs.getBoolean(6),
                        instant(rs.getTimestamp(3))))
                .optional();
    }

    /** Notes that a token signed its account in (at most once a minute). */
    @Transactional
    public void used(Presented token) {
        Instant now = clock.instant();
        if (token.lastUsedAt() != null && token.lastUsedAt().plus(USE_STEP).isAfter(now)) {
            return;
        }
        jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id "
                        + "AND (last_used_at IS NULL OR last_used_at <= :since)")
                .param("now", Timestamp.from(now)).param("id", token.id())
                .param("since", Timestamp.from(now.minus(USE_STEP))).update();
    }

    /** {@code factors} with a UKEY only when its binding is an active one of the account {@code accountId}. */
    private SignInFactors checked(long accountId, SignInFactors factors) {
        if (factors == null) {
            return SignInFactors.PASSWORD_ONLY;
        }
        if (!factors.ukey()) {
            return new SignInFactors(factors.password(), null);
        }
        boolean bound = jdbc.sql("SELECT COUNT(*) FROM ukey_binding WHERE id = :id AND account_id = :account "
                        + "AND revoked_at IS NULL")
                .param("id", factors.ukeyBindingId()).param("account", accountId).query(Long.class).single() > 0;
        return bound ? factors : new SignInFactors(factors.password(), null);
    }

    private static void check(String name, int days) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            problems.reject("name", "apiTokens.error.name", NAME_MAX);
        } else if (name.codePoints().anyMatch(AuditParams::control)) {
            problems.reject("name", "apiTokens.error.nameControl");
        }
        if (days < 1 || days > MAX_DAYS) {
            problems.reject("days", "apiTokens.error.days", MAX_DAYS);
        }
        problems.throwIfAny();
    }

    private long working(long accountId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE account_id = :account "
                        + "AND revoked_at IS NULL AND expires_at > :now")
                .param("account", accountId).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    private String newSecret() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private ApiToken row(ResultSet rs, int n) throws SQLException {
        Instant expires = instant(rs.getTimestamp(6));
        Instant revoked = instant(rs.getTimestamp(8));
        String status = revoked != null ? ApiToken.REVOKED
                : expires.isAfter(clock.instant()) ? ApiToken.ACTIVE : ApiToken.EXPIRED;
        return new ApiToken(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                instant(rs.getTimestamp(5)), expires, instant(rs.getTimestamp(7)), revoked, status,
                rs.getString(9));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
