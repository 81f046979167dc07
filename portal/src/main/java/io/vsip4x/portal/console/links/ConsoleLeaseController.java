package io.vsip4x.portal.console.links;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lease-renewal URL of native client links: the client calls it (GET or POST, no session, no
 * CSRF token: the token in the path is the credential) to keep its session. While the lease is in
 * force it is renewed and answered 200 {@code {"valid": true, "expiresAt": …}}; a revoked or
 * expired lease is answered 410, an unknown token 404. Renewals are counted, not audited.
 */
@RestController
class ConsoleLeaseController {

    private static final int LONGEST_TOKEN = 100;

    private final ConsoleLeases leases;

    ConsoleLeaseController(ConsoleLeases leases) {
        this.leases = leases;
    }

    @RequestMapping(path = ConsoleLinks.LEASE_PATH + "{token}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> renew(@PathVariable String token) {
        ConsoleLeases.Renewal renewal = token.length() > LONGEST_TOKEN
                ? new ConsoleLeases.Renewal(ConsoleLeases.Outcome.UNKNOWN, null) : leases.renew(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", renewal.outcome() == ConsoleLeases.Outcome.RENEWED);
        HttpStatus status = switch (renewal.outcome()) {
            case RENEWED -> HttpStatus.OK;
            case EXPIRED, REVOKED -> HttpStatus.GONE;
            case UNKNOWN -> HttpStatus.NOT_FOUND;
        };
        if (renewal.expiresAt() != null) {
            body.put("expiresAt", renewal.expiresAt().toString());
        } else if (status == HttpStatus.GONE) {
            body.put("reason", renewal.outcome().name());
        }
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
