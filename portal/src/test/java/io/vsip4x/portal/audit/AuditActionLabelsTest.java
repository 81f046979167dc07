package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.vms.VmAction;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action the portal writes to the operation log has a label in both languages, so the audit
 * pages never show a bare action name: the literals of {@code audit.event("…")}, the constants
 * those calls name (or that say they are an audit action), and the actions made of a prefix and
 * an enum ({@code VM_} and a VM action, {@code PLATFORM_} and a platform method, {@code REQUEST_}
 * and a bulk decision).
 */
class AuditActionLabelsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("audit\\.event\\(\"([A-Za-z_]+)\"\\)");
    private static final Pattern NAMED = Pattern.compile("audit\\.event\\((?:\\w+\\.)?([A-Z][A-Z_]*)\\)");
    private static final Pattern CONSTANT = Pattern.compile(
            "(/\\*\\*[^\\n]*\\*/\\s*)?(?:public |private )?static final String ([A-Z][A-Z_]*) = \"([A-Z][A-Z_]+)\";");

    @Test
    void everyAuditedActionHasALabelInBothLanguages() throws IOException {
        Set<String> actions = writtenActions();
        assertThat(actions).as("the scan finds the actions").contains("SIGN_IN", "REQUEST_SUBMIT",
                "OPERATION_SUCCEEDED", "CALLBACK_APPLIED", "ACCOUNT_TIME_ZONE", "AUDIT_FORWARD_REFUSED");
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties messages = load(bundle);
            List<String> missing = actions.stream().filter(a -> !messages.containsKey("audit.action." + a)).toList();
            assertThat(missing).as("actions without a label in %s", bundle).isEmpty();
        }
    }

    /** The password change is logged refused too: its label must not say it succeeded. */
    @Test
    void thePasswordChangeLabelIsNeutral() throws IOException {
        assertThat(load("messages_en.properties").getProperty("audit.action.PASSWORD_CHANGE"))
                .isEqualTo("Password change");
    }

    private static Set<String> writtenActions() throws IOException {
        Set<String> actions = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(SOURCES)) {
            files = all.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            if (!source.contains("audit.event(")) {
                continue;
            }
            Matcher literal = LITERAL.matcher(source);
            while (literal.find()) {
                actions.add(literal.group(1));
            }
            List<String> named = new ArrayList<>();
            Matcher name = NAMED.matcher(source);
            while (name.find()) {
                named.add(name.group(1));
            }
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                String doc = constant.group(1) == null ? "" : constant.group(1).toLowerCase();
                if (doc.contains("action") || named.contains(constant.group(2))) {
                    actions.add(constant.group(3));
                }
            }
        }
        for (VmAction action : VmAction.values()) {
            actions.add("VM_" + action.name());
        }
        for (OperationKind kind : OperationKind.values()) {
            actions.add("PLATFORM_" + kind.method());
        }
        actions.add("REQUEST_APPROVE");
        actions.add("REQUEST_REJECT");
        return actions;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                AuditActionLabelsTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
