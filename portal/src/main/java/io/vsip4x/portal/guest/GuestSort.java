package io.vsip4x.portal.guest;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How a process or software table is sorted: by a column, up or down. Sorting happens on the
 * server, so the tables sort with plain links and without scripts.
 *
 * @param column     the column: {@code name}, {@code pid}, {@code cpu}, {@code memory} for processes,
 *                   {@code name}, {@code version} for software; anything else sorts by name
 * @param descending whether the largest comes first
 */
public record GuestSort(String column, boolean descending) {

    /** The columns of the process table. */
    static final List<String> PROCESS_COLUMNS = List.of("name", "pid", "cpu", "memory");
    /** The columns of the software table. */
    static final List<String> SOFTWARE_COLUMNS = List.of("name", "version");

    /** A sort from request parameters: {@code sort} a column, {@code dir} {@code asc} or {@code desc}. */
    static GuestSort of(String sort, String dir) {
        String column = sort == null ? "name" : sort.strip().toLowerCase(Locale.ROOT);
        return new GuestSort(column, "desc".equalsIgnoreCase(dir));
    }

    /** The direction a column's header link asks for: the other one when the table is sorted by it. */
    public String next(String header) {
        return header.equals(column) && !descending ? "desc" : "asc";
    }

    List<GuestService.Process> processes(List<GuestService.Process> list) {
        Comparator<GuestService.Process> byName = Comparator.comparing(p -> lower(p.name()));
        Comparator<GuestService.Process> order = switch (column) {
            case "pid" -> Comparator.comparingLong(p -> number(p.pid()));
            case "cpu" -> Comparator.comparingDouble(GuestService.Process::cpuPercent);
            case "memory" -> Comparator.comparingLong(GuestService.Process::memoryKb);
            default -> byName;
        };
        return list.stream().sorted(direct(order).thenComparing(byName)).toList();
    }

    List<GuestService.Software> software(List<GuestService.Software> list) {
        Comparator<GuestService.Software> byName = Comparator.comparing(s -> lower(s.name()));
        Comparator<GuestService.Software> order = "version".equals(column)
                ? Comparator.comparing(s -> lower(s.version())) : byName;
        return list.stream().sorted(direct(order).thenComparing(byName)).toList();
    }

    private <T> Comparator<T> direct(Comparator<T> order) {
        return descending ? order.reversed() : order;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static long number(String text) {
        try {
            return text == null ? Long.MAX_VALUE : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
