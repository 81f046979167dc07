package io.vsip4x.portal.guest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** A run of digits or a run of letters (and other characters that are not separators). */
    private static final Pattern SEGMENT = Pattern.compile("\\d+|[^\\d.\\-_+~:\\s]+");

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
            case "pid" -> Comparator.comparingLong(p -> p.pid() == null ? Long.MAX_VALUE : p.pid());
            case "cpu" -> Comparator.comparingDouble(GuestService.Process::cpuPercent);
            case "memory" -> Comparator.comparingLong(GuestService.Process::memoryKb);
            default -> byName;
        };
        return list.stream().sorted(direct(order).thenComparing(byName)).toList();
    }

    List<GuestService.Software> software(List<GuestService.Software> list) {
        Comparator<GuestService.Software> byName = Comparator.comparing(s -> lower(s.name()));
        Comparator<GuestService.Software> order = "version".equals(column)
                ? Comparator.comparing(GuestService.Software::version, GuestSort::compareVersions) : byName;
        return list.stream().sorted(direct(order).thenComparing(byName)).toList();
    }

    /**
     * Compares versions as versions: split into runs of digits and runs of other characters
     * (separators dropped), digit runs compared as numbers, other runs as text ignoring case; a
     * version that is a prefix of another comes first ({@code 1.2 < 1.2.1 < 1.10}).
     */
    static int compareVersions(String a, String b) {
        List<String> left = segments(a);
        List<String> right = segments(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            String x = left.get(i);
            String y = right.get(i);
            boolean xNumber = Character.isDigit(x.charAt(0));
            boolean yNumber = Character.isDigit(y.charAt(0));
            int order;
            if (xNumber && yNumber) {
                order = new BigInteger(x).compareTo(new BigInteger(y));
            } else if (xNumber != yNumber) {
                order = xNumber ? 1 : -1;
            } else {
                order = x.compareToIgnoreCase(y);
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<String> segments(String version) {
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(version == null ? "" : version);
        while (m.find()) {
            segments.add(m.group());
        }
        return segments;
    }

    private <T> Comparator<T> direct(Comparator<T> order) {
        return descending ? order.reversed() : order;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
