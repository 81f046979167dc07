package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The time zone each person reads times in: their own choice, or the portal's zone
 * ({@code portal.time-zone}) when they made none. Looked up once per request.
 */
@Service
public class ViewerZones {

    private static final String REQUEST_ATTRIBUTE = ViewerZones.class.getName() + ".zone";
    private static final int MAX_LENGTH = 64;

    /** Audit action of a person choosing their time zone, accepted or refused. */
    static final String TIME_ZONE = "ACCOUNT_TIME_ZONE";

    private final JdbcClient jdbc;
    private final ZoneId portalZone;
    private final AuditService audit;

    ViewerZones(JdbcClient jdbc, @Value("${portal.time-zone:Asia/Shanghai}") ZoneId portalZone,
            AuditService audit) {
        this.jdbc = jdbc;
        this.portalZone = portalZone;
        this.audit = audit;
    }

    /** The portal's own zone, for nobody in particular. */
    public ZoneId portalZone() {
        return portalZone;
    }

    /**
     * The zone of the person signed in on this thread; the portal's zone when nobody is, or
     * when they chose none. Read once per request and kept in the request.
     */
    public ZoneId current() {
        CurrentUser user = UserService.current();
        if (user == null) {
            return portalZone;
        }
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(REQUEST_ATTRIBUTE) instanceof ZoneId known) {
            return known;
        }
        ZoneId zone = chosen(user.id()).orElse(portalZone);
        if (request != null) {
            request.setAttribute(REQUEST_ATTRIBUTE, zone);
        }
        return zone;
    }

    /** The zone {@code userId} chose, if any (one no longer known to Java counts as none). */
    @Transactional(readOnly = true)
    public Optional<ZoneId> chosen(long userId) {
        return jdbc.sql("SELECT time_zone FROM app_user WHERE id = :id")
                .param("id", userId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(z -> z)
                .filter(ZoneId.getAvailableZoneIds()::contains)
                .map(ZoneId::of);
    }

    /**
     * Sets the zone of {@code user}; blank goes back to the portal's zone.
     *
     * @throws FieldProblems on {@code timeZone} when the text is no zone id Java knows
     */
    @Transactional
    public Optional<ZoneId> choose(CurrentUser user, String timeZone) {
        String id = timeZone == null || timeZone.isBlank() ? null : timeZone.trim();
        Set<String> known = ZoneId.getAvailableZoneIds();
        String before = jdbc.sql("SELECT time_zone FROM app_user WHERE id = :id")
                .param("id", user.id()).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(z -> z).orElse(null);
        if (id != null && (id.length() > MAX_LENGTH || !known.contains(id))) {
            String typed = id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id;
            audit.event(TIME_ZONE)
                    .target("ACCOUNT", user.username())
                    .params(AuditParams.of("old", before, "new", typed))
                    .result(AuditService.DENIED, null, "UNKNOWN_ZONE")
                    .recordAlone();
            throw FieldProblems.of("timeZone", "account.timeZone.invalid", typed);
        }
        jdbc.sql("UPDATE app_user SET time_zone = :zone WHERE id = :id")
                .param("zone", id).param("id", user.id()).update();
        audit.event(TIME_ZONE)
                .target("ACCOUNT", user.username())
                .params(AuditParams.of("old", before, "new", id))
                .record();
        HttpServletRequest request = request();
        if (request != null) {
            request.removeAttribute(REQUEST_ATTRIBUTE);
        }
        return Optional.ofNullable(id).map(ZoneId::of);
    }

    /** The zone the signed-in person chose, or an empty text when they chose none. */
    public String ownChoice() {
        CurrentUser user = UserService.current();
        return user == null ? "" : chosen(user.id()).map(ZoneId::getId).orElse("");
    }

    /** The zone ids offered as suggestions, sorted (any id Java knows is accepted). */
    public List<String> choices() {
        return available();
    }

    /** Region-based zone ids and UTC, sorted. */
    public static List<String> available() {
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || "UTC".equals(z))
                .filter(z -> !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                ? attrs.getRequest() : null;
    }
}
