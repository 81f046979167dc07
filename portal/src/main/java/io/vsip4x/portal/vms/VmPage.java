package io.vsip4x.portal.vms;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One page of the VM list.
 *
 * @param items the page's VMs
 * @param page  its number, from 0
 * @param size  how many VMs a page holds
 * @param total how many VMs match in all
 */
public record VmPage(List<VmView> items, int page, int size, long total) {

    public VmPage {
        items = List.copyOf(items);
    }

    /** The position (from 1) of the page's first VM, or 0 when it holds none. */
    @JsonIgnore
    public long first() {
        return items.isEmpty() ? 0 : (long) page * size + 1;
    }

    /** The position of the page's last VM, or 0 when it holds none. */
    @JsonIgnore
    public long last() {
        return items.isEmpty() ? 0 : (long) page * size + items.size();
    }

    /** The number of the last page that holds VMs (0 when none match). */
    @JsonIgnore
    public int lastPage() {
        return total == 0 ? 0 : (int) ((total - 1) / size);
    }

    /** Whether a page comes before this one. */
    @JsonIgnore
    public boolean hasPrevious() {
        return page > 0;
    }

    /** Whether a page holding VMs comes after this one. */
    @JsonIgnore
    public boolean hasNext() {
        return page < lastPage();
    }
}
