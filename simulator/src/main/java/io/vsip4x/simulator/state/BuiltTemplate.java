package io.vsip4x.simulator.state;

import io.vsip4x.simulator.inventory.Template;
import java.time.Instant;
import java.util.Objects;

/**
 * A template made by {@code buildTemplate} from a stopped VM. Kept in the state, beside the
 * inventory's immutable templates, so that it outlives a restart.
 *
 * @param template   the template as {@code searchTemplateList} and {@code createVm} see it
 * @param sourceVmId the VM it was made from
 * @param encryption disk encryption format ({@code sm4}, {@code aes}), or {@code null} for none
 * @param checksum   whether checksum data was made ({@code chksum})
 * @param builtAt    when it was made
 */
public record BuiltTemplate(Template template, String sourceVmId, String encryption, boolean checksum,
        Instant builtAt) {

    public BuiltTemplate {
        Objects.requireNonNull(template, "template");
    }

    /** Its id. */
    public String id() {
        return template.id();
    }
}
