package io.vsip4x.portal.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.portal.web.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operation log as JSON, read-only: the events the caller may see, one event, and nothing written. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The operation log, read-only")
class AuditApiController {

    private final AuditReader reader;
    private final Times times;

    AuditApiController(AuditReader reader, Times times) {
        this.reader = reader;
        this.times = times;
    }

    /** A page of events as the API answers it. */
    record EventPage(List<AuditEntry> items, String next, int size) {
    }

    @GetMapping
    @Operation(summary = "One page of the events the caller may see (auditors every event, security admins the "
            + "auditors' and their own, tenant admins their tenant's, others their own), newest first: "
            + "{\"items\": [...], \"next\": \"<cursor>\" or null, \"size\": 50}. Pass next as cursor for the "
            + "following page. Times are ISO date-times with an offset, or local ones in the caller's time zone; "
            + "from is included, to is not. An invalid parameter answers 400 naming it in errors")
    EventPage list(
            @Parameter(description = "Events at or after this time") @RequestParam(required = false) String from,
            @Parameter(description = "Events before this time") @RequestParam(required = false) String to,
            @Parameter(description = "Actor's account name") @RequestParam(required = false) String actor,
            @Parameter(description = "Tenant code") @RequestParam(required = false) String tenant,
            @Parameter(description = "Action, e.g. SIGN_IN") @RequestParam(required = false) String action,
            @Parameter(description = "Target type, e.g. VM") @RequestParam(required = false) String targetType,
            @Parameter(description = "Target: begins with (letter case ignored)")
            @RequestParam(required = false) String target,
            @Parameter(description = "SUCCESS, FAILURE or DENIED") @RequestParam(required = false) String result,
            @Parameter(description = "Result code") @RequestParam(required = false) String code,
            @Parameter(description = "Correlation id") @RequestParam(required = false) String correlation,
            @Parameter(description = "The next value of the previous page") @RequestParam(required = false)
            String cursor,
            @Parameter(description = "The first event of a page: the page of events newer than it")
            @RequestParam(required = false) String after,
            @Parameter(description = "Events per page, 1 to 200 (default 50)") @RequestParam(required = false)
            String size,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        AuditReader.Page page = reader.page(UserService.current(), AuditQuery.from(params, times.zone()));
        return new EventPage(page.items(), page.next() == null ? null : page.next().toString(), page.size());
    }

    @GetMapping("/events/{id}")
    @Operation(summary = "One event with its link of the chain (null until sealed) and all its correlated events, "
            + "oldest first, whoever their actor (openable: the ids of those the caller may also open on their own); "
            + "404 when there is none the caller may see")
    AuditReader.Detail event(@PathVariable long id) {
        return reader.detail(UserService.current(), id);
    }

    /** The log is read-only: every method that would change it is refused, on every path below. */
    @RequestMapping(path = {"", "/**"}, method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    @Operation(hidden = true)
    void refuseWrites(HttpServletResponse response) {
        response.setHeader("Allow", "GET, HEAD");
        throw new PortalException(HttpStatus.METHOD_NOT_ALLOWED, "audit.readOnly", null);
    }
}
