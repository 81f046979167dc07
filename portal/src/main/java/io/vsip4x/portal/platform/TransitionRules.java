package io.vsip4x.portal.platform;

import java.util.Map;
import java.util.Set;

/**
 * What a completion event may report, from the binding's completion table: for each operation,
 * its success and failure codes and the statuses each may leave the VM in, and the portal states
 * of a VM an event may arrive in. An event outside these is impossible: it is stored (so that a
 * repeat is recognised) but not applied.
 */
final class TransitionRules {

    /** Success and failure codes of an operation, and the statuses each leaves (empty: no status). */
    private record Rule(Set<String> successCodes, Set<Integer> afterSuccess, Set<String> failureCodes,
            Set<Integer> afterFailure, boolean creation) {
    }

    private static final Set<Integer> SETTLED = Set.of(0, 1, 4);
    private static final Set<Integer> NONE = Set.of();
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("createVm", new Rule(Set.of("0"), Set.of(6, 0), Set.of("2000", "2002"), NONE, true)),
            Map.entry("installVm", new Rule(Set.of("0"), Set.of(6, 0), Set.of("2000", "2002"), NONE, true)),
            Map.entry("startVm", new Rule(Set.of("2010"), Set.of(1), Set.of("2040"), Set.of(0, 1), false)),
            Map.entry("rebootVm", new Rule(Set.of("2010"), Set.of(1), Set.of("2040"), Set.of(0, 1), false)),
            Map.entry("shutdownVm", new Rule(Set.of("2011"), Set.of(0), Set.of("2041"), Set.of(0, 1), false)),
            Map.entry("pauseVm", new Rule(Set.of("2012"), Set.of(4), Set.of("2042"), Set.of(1, 4), false)),
            Map.entry("resumeVm", new Rule(Set.of("2013"), Set.of(1), Set.of("2043"), Set.of(1, 4), false)),
            Map.entry("deleteVm", new Rule(Set.of("2014"), NONE, Set.of("2044"), SETTLED, false)),
            Map.entry("deleteVmBatch", new Rule(Set.of("2014"), NONE, Set.of("2044"), SETTLED, false)),
            Map.entry("modifyVm", new Rule(Set.of("2017"), SETTLED, Set.of("2063"), SETTLED, false)),
            Map.entry("migrateVm", new Rule(Set.of("2018"), SETTLED, Set.of("2069"), SETTLED, false)),
            Map.entry("moveVm", new Rule(Set.of("2018"), SETTLED, Set.of("2069"), SETTLED, false)),
            Map.entry("backupVm", new Rule(Set.of("2015"), SETTLED, Set.of("2058"), SETTLED, false)),
            Map.entry("restoreVm", new Rule(Set.of("2016"), Set.of(0), Set.of("2059"), SETTLED, false)),
            Map.entry("createSnap", new Rule(Set.of("9003"), SETTLED, Set.of("9004"), SETTLED, false)),
            Map.entry("deleteSnap", new Rule(Set.of("9003"), SETTLED, Set.of("9004"), SETTLED, false)),
            Map.entry("restoreSnap", new Rule(Set.of("9003"), SETTLED, Set.of("9004"), SETTLED, false)),
            Map.entry("deleteBackup", new Rule(Set.of("9003"), SETTLED, Set.of("9004"), SETTLED, false)));

    private TransitionRules() {
    }

    /**
     * Why an event cannot have happened to a VM the portal holds in {@code lifecycle}, or
     * {@code null} when it can. Operations the table does not name are impossible.
     *
     * @param lifecycle the portal's lifecycle of the VM (PENDING, ACTIVE, FAILED, DELETING, DELETED)
     * @param status    the status the event reports, or {@code null}
     */
    static String impossible(String operation, String code, Integer status, String lifecycle) {
        return impossible(operation, code, status, lifecycle, null);
    }

    /**
     * As {@link #impossible(String, String, Integer, String)}, knowing the VM's status now: a
     * creation event is possible only while the VM is being created (status 6, or none yet).
     * An operation the table does not name is impossible: the platform reports only its own
     * methods' completions.
     *
     * @param current the VM's status as the portal holds it, or {@code null} when it has none
     */
    static String impossible(String operation, String code, Integer status, String lifecycle, Integer current) {
        Rule rule = RULES.get(operation);
        if ("FAILED".equals(lifecycle)) {
            return "the VM's creation failed";
        }
        if (rule == null) {
            return "DELETED".equals(lifecycle) ? "the VM is deleted" : "no method " + operation + " reports events";
        }
        if (rule.creation() && !"PENDING".equals(lifecycle) && current != null && current != 6) {
            return "the VM is created already";
        }
        if ("DELETED".equals(lifecycle)) {
            // The platform's report of a deletion the reconciliation has already recorded.
            return rule.successCodes().contains(code) && rule.afterSuccess().isEmpty() && status == null
                    ? null : "the VM is deleted";
        }
        if ("PENDING".equals(lifecycle) && !rule.creation()) {
            return "the VM is not created yet";
        }
        Set<Integer> allowed;
        if (rule.successCodes().contains(code)) {
            allowed = rule.afterSuccess();
        } else if (rule.failureCodes().contains(code)) {
            allowed = rule.afterFailure();
        } else {
            return "code " + code + " does not end " + operation;
        }
        if (status == null) {
            return null;
        }
        return allowed.contains(status) ? null : operation + " " + code + " cannot leave status " + status;
    }
}
