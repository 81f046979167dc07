package io.vsip4x.portal.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Bad input: one message per field, to show beside it (pages) or list in a problem response
 * (API). Nothing was changed.
 */
public class FieldProblems extends PortalException {

    /** One field's problem: the field, the message key and its arguments. */
    public record Problem(String field, String messageKey, Object[] args) {
    }

    private final List<Problem> problems;

    public FieldProblems(List<Problem> problems) {
        super(HttpStatus.BAD_REQUEST, "error.validation", null);
        this.problems = List.copyOf(problems);
    }

    /** Bad input in one field. */
    public static FieldProblems of(String field, String messageKey, Object... args) {
        return new FieldProblems(List.of(new Problem(field, messageKey, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Collects problems, then throws when there is any. */
    public static final class Collector {

        private final List<Problem> problems = new ArrayList<>();

        public Collector reject(String field, String messageKey, Object... args) {
            problems.add(new Problem(field, messageKey, args));
            return this;
        }

        public boolean has(String field) {
            return problems.stream().anyMatch(p -> p.field().equals(field));
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        /** @throws FieldProblems when any problem was collected */
        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new FieldProblems(problems);
            }
        }
    }
}
