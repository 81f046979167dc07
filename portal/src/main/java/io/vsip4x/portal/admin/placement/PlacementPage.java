package io.vsip4x.portal.admin.placement;

import java.util.List;

/** One page of the placement list, with the number of VMs every page holds together. */
public record PlacementPage(List<PlacedVm> items, long total, int page, int size) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
