package io.vsip4x.portal.vms;

import java.util.List;

/**
 * The values the list's filters offer: those found among the VMs the viewer sees.
 *
 * @param owners          usernames, empty for viewers who see only their own VMs
 * @param classifications levels, each within the viewer's clearance
 */
public record VmFacets(List<String> pools, List<String> hosts, List<String> templates, List<String> owners,
        List<Integer> classifications) {
}
