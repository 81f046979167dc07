package io.vsip4x.portal.platform;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.ukey.RequestSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the platform's signed completion events (see the binding's callback section):
 * 204 for an applied or repeated event, 401 for a bad signature (the HMAC, and the platform's SM2
 * signature too when {@code portal.platform.platform-public-key} is set), 400 for a malformed event.
 */
@RestController
class CallbackController {

    /** Where the platform posts events. */
    static final String PATH = "/platform/callback";
    /** An event is a few hundred bytes; anything much larger is refused before it is read. */
    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final CallbackSignature signature;
    private final CallbackService callbacks;
    private final JsonMapper json;
    private final Clock clock;

    CallbackController(PlatformProperties properties, CallbackService callbacks, JsonMapper json, Clock clock) {
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
        if (!signature.verify(timestamp, sig, sm2, bytes, clock.instant())) {
            log.info("Refused a platform callback with a missing or wrong signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        CallbackEvent event;
        try {
            event = json.readValue(bytes, CallbackEvent.class);
        } catch (JacksonException e) {
            log.info("Refused a platform callback that is not a valid event: {}", e.getOriginalMessage());
            return ResponseEntity.badRequest().build();
        }
        if (!wellFormed(event)) {
            log.info("Refused a platform callback with missing or malformed fields: '{}'", event.eventId());
            return ResponseEntity.badRequest().build();
        }
        callbacks.apply(event);
        return ResponseEntity.noContent().build();
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
