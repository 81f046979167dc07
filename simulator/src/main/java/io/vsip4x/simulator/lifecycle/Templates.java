package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Template;
import io.vsip4x.simulator.state.BuiltTemplate;
import io.vsip4x.simulator.state.PlatformState;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every template VMs can be made from: the inventory's, then those {@code buildTemplate} made,
 * which live in the state.
 */
public final class Templates {

    private final Inventory inventory;
    private final PlatformState state;

    public Templates(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
    }

    /** The template with id {@code id}; empty for {@code null} or an unknown id. */
    public Optional<Template> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return inventory.template(id).or(() -> state.builtTemplate(id).map(BuiltTemplate::template));
    }

    /** Every template, the inventory's first. */
    public List<Template> all() {
        return Stream.concat(inventory.templates().stream(),
                state.builtTemplates().stream().map(BuiltTemplate::template)).toList();
    }

    /** How template {@code id} was built, or empty when it is one of the inventory's. */
    public Optional<BuiltTemplate> built(String id) {
        return id == null ? Optional.empty() : state.builtTemplate(id);
    }
}
