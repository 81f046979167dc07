package io.vsip4x.simulator.lifecycle;

import java.util.List;

/**
 * A {@code createVm} call whose parameters are well-formed; whether the template, pool, ids
 * and room exist is for {@link VmLifecycle#create} to decide.
 *
 * @param templateId the template ({@code vmTemplate})
 * @param pool       the pool, by id or name ({@code repoName})
 * @param hostId     the host to place every VM on, or {@code null} to let the platform choose
 * @param shape      the resources of each VM
 * @param vmIds      the ids of the new VMs, in order
 * @param nics       per VM, its NICs (empty lists for none)
 * @param encryption disk encryption format, or {@code null} for none
 */
public record CreateOrder(String templateId, String pool, String hostId, Shape shape, List<String> vmIds,
        List<List<NicRequest>> nics, String encryption) {

    public CreateOrder {
        vmIds = List.copyOf(vmIds);
        nics = nics.stream().map(List::copyOf).toList();
        if (nics.size() != vmIds.size()) {
            throw new IllegalArgumentException("One NIC list per VM is needed");
        }
    }
}
