package io.vsip4x.portal.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The consoles as a metric (issue 11): {@code portal.console.tunnels}, the tunnels this node holds. */
@Component
class ConsoleMeters {

    ConsoleMeters(ConsoleTunnels tunnels, MeterRegistry registry) {
        Gauge.builder("portal.console.tunnels", tunnels, ConsoleTunnels::count)
                .description("Console tunnels this portal node holds")
                .register(registry);
    }
}
