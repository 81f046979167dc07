package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Console recordings for those who read the operation log: the filtered list of recorded
 * sessions, a player page per session (guacamole-common-js plays the recording in the browser),
 * and the recording's bytes, each download audited.
 */
@Controller
class RecordingController {

    private final RecordingArchive recordings;
    private final Times times;

    RecordingController(RecordingArchive recordings, Times times) {
        this.recordings = recordings;
        this.times = times;
    }

    @GetMapping("/audit/consoles")
    String list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String vm,
            @RequestParam(required = false) String user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        CurrentUser me = UserService.current();
        ZoneId zone = times.zone();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tenant", text(tenant));
        form.put("vm", text(vm));
        form.put("user", text(user));
        form.put("from", text(from));
        form.put("to", text(to));
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Instant since = time("from", from, zone, problems);
        Instant until = time("to", to, zone, problems);
        problems.throwIfAny();
        model.addAttribute("form", form);
        model.addAttribute("platformWide", me.tenantId() == null);
        model.addAttribute("recordings", recordings.list(me, new RecordingArchive.Filter(tenant, vm, user,
                since, until)));
        model.addAttribute("limit", RecordingArchive.LIMIT);
        return "console/recordings";
    }

    @GetMapping("/audit/consoles/{id}")
    String player(@PathVariable long id, Model model) {
        model.addAttribute("recording", recordings.get(UserService.current(), id));
        return "console/player";
    }

    /** The recording's raw instructions (guacamole's session recording format), for the player. */
    @GetMapping("/audit/consoles/{id}/recording")
    ResponseEntity<Resource> recording(@PathVariable long id) {
        Path file = recordings.open(UserService.current(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "inline; filename=\"console-" + id + ".guac\"")
                .body(new FileSystemResource(file));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** A {@code datetime-local} value in the reader's time zone; blank is none. */
    private static Instant time(String field, String value, ZoneId zone, FieldProblems.Collector problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.reject(field, "error.console.recordings.time");
            return null;
        }
    }
}
