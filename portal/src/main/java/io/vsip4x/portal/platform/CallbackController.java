package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.ukey.RequestSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the platform's signed completion events (see the binding's callback section):
 * 204 for an applied or repeated event, 401 for a bad signature (the HMAC, and the platform's SM2
 * signature too when {@code portal.platform.platform-public-key} is set), 400 for a malformed event;
 * both refusals are audited with their reason (never the signature or the secret). An event is
 * acknowledged only once stored: when the database fails while applying it, nothing of it stays
 * and the answer is 503, so the platform sends it again.
 */
@RestController
class CallbackController {

    /** Where the platform posts events. */
    static final String PATH = "/platform/callback";
    /** An event is a few hundred bytes; anything much larger is refused before it is read. */
    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** Audit action of a refused event. */
    static final String REFUSED = "CALLBACK_REFUSED";
    /** Refusals audited per minute at most, so that a flood of forged events cannot fill the log. */
    static final int AUDITED_PER_MINUTE = 100;

    private final CallbackSignature signature;
    private final CallbackService callbacks;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditService audit;
    private final AtomicLong auditMinute = new AtomicLong();
    private final AtomicInteger auditedThisMinute = new AtomicInteger();

    CallbackController(PlatformProperties properties, CallbackService callbacks, JsonMapper json, Clock clock,
            AuditService audit) {
        this.audit = audit;
        this.signature = new CallbackSignature(properties.callbackSecret(), properties.platformPublicKey());
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> receive(
            @RequestHeader(name = CallbackSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = CallbackSignature.SIGNATURE_HEADER, required = false) String sig,
            @RequestHeader(name = RequestSignature.SIGNATURE_HEADER, required = false) String sm2,
            HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            log.info("Refused a platform callback of {} bytes", request.getContentLengthLong());
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            log.info("Refused a platform callback longer than {} bytes", MAX_BODY);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        Instant now = clock.instant();
        if (!signature.verify(timestamp, sig, sm2, bytes, now)) {
            String reason = unsignedReason(timestamp, sig, now);
            log.info("Refused a platform callback from {}: {}", request.getRemoteAddr(), reason);
            refused("401", reason, request);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        CallbackEvent event;
        try {
            event = json.readValue(bytes, CallbackEvent.class);
        } catch (JacksonException e) {
            log.info("Refused a platform callback that is not a valid event: {}", e.getOriginalMessage());
            refused("400", "not a valid event", request);
            return ResponseEntity.badRequest().build();
        }
        if (event == null || !wellFormed(event)) {
            log.info("Refused a platform callback with missing or malformed fields: '{}'",
                    event == null ? null : event.eventId());
            refused("400", "missing or malformed fields", request);
            return ResponseEntity.badRequest().build();
        }
        try {
            callbacks.apply(event);
        } catch (DataAccessException | TransactionException e) {
            // The transaction rolled back whole, the event's id included: the platform's retry applies it.
            log.warn("Could not store platform event '{}' ({}); answering 503 so that it is sent again",
                    event.eventId(), e.getMostSpecificCause().getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        }
        return ResponseEntity.noContent().build();
    }

    /** Why an event's signature was refused, in words that reveal neither signature nor secret. */
    private static String unsignedReason(String timestamp, String sig, Instant now) {
        if (timestamp == null || timestamp.isBlank() || sig == null || sig.isBlank()) {
            return "unsigned";
        }
        try {
            Instant at = Instant.ofEpochMilli(Long.parseLong(timestamp.trim()));
            return Duration.between(at, now).abs().compareTo(MAX_SKEW) > 0 ? "expired timestamp" : "wrong signature";
        } catch (NumberFormatException e) {
            return "malformed timestamp";
        }
    }

    /**
     * Audits a refused event, up to {@link #AUDITED_PER_MINUTE} a minute (the rest are logged);
     * a failing database must not turn the refusal into an error.
     */
    private void refused(String code, String reason, HttpServletRequest request) {
        long minute = clock.millis() / 60_000;
        if (auditMinute.getAndSet(minute) != minute) {
            auditedThisMinute.set(0);
        }
        int count = auditedThisMinute.incrementAndGet();
        if (count > AUDITED_PER_MINUTE) {
            if (count == AUDITED_PER_MINUTE + 1) {
                log.warn("More than {} platform callbacks refused this minute; further ones are only logged",
                        AUDITED_PER_MINUTE);
            }
            return;
        }
        try {
            audit.event(REFUSED)
                    .as("platform", null, null)
                    .target("CALLBACK", "callback")
                    .params("reason=" + reason + ", from=" + request.getRemoteAddr())
                    .result(AuditService.FAILURE, code, null)
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Could not audit a refused platform callback: {}", e.getMostSpecificCause().getMessage());
        }
    }

    private static boolean wellFormed(CallbackEvent e) {
        return notBlank(e.eventId()) && e.eventId().length() <= 64
                && (notBlank(e.vmId()) || notBlank(e.hostId()))
                && (e.vmId() == null || e.vmId().length() <= 64)
                && notBlank(e.operation()) && e.operation().length() <= 32
                && notBlank(e.result()) && e.result().length() <= 16
                && (e.hostId() == null || e.hostId().length() <= 64)
                && (e.status() == null || e.status().isBlank() || VmStatus.parse(e.status()).isPresent())
                && e.sequence() >= 1;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
