package io.vsip4x.portal.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the platform answers, as the pages' banner tells it. */
@RestController
@Tag(name = "Platform")
class PlatformApiController {

    private final PlatformHealth health;
    private final OperationService operations;

    PlatformApiController(PlatformHealth health, OperationService operations) {
        this.health = health;
        this.operations = operations;
    }

    /**
     * The platform's reachability.
     *
     * @param waitingOperations operations queued because the platform could not be reached
     */
    record Status(boolean reachable, Instant since, int waitingOperations) {
    }

    @GetMapping("/api/v1/platform")
    @Operation(summary = "Whether the platform answers, and how many operations wait for it")
    Status status() {
        PlatformHealth.Reading reading = health.current();
        return new Status(reading.reachable(), reading.since(), operations.waitingForPlatform());
    }
}
