package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.requests.RequestState;
import io.vsip4x.portal.vms.VmAction;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.sdk.codes.VmStatus;
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
 * Every visible text is a message key in both languages: the bundles have the same keys, every
 * key the templates and the code name exists, and no template carries literal text.
 */
class MessageBundleTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][\\w.]*)");
    private static final Pattern CODE_KEY = Pattern.compile(
            "\"((?:error|request|vm|vms|approvals|quota|login|nav|platform|account|accounts|tenant|tenants"
                    + "|notification|notifications|lease|leases|classification|password|chain)"
                    + "\\.[A-Za-z][\\w.]*[A-Za-z])\"");
    private static final Pattern AUDIT_ACTION = Pattern.compile(
            "record(?:As)?(?:Alone)?\\([^;]*?\""
                    + "([A-Z][A-Z_]+[A-Z]|PLATFORM_[a-zA-Z]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    private static final Pattern TEXT_NODE = Pattern.compile("<(\\w+)([^>]*)>([^<]*\\p{L}[^<]*)<");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .isEqualTo(load("messages.properties").stringPropertyNames());
    }

    /** A key written twice shows only its last text: one of the two writers is surprised. */
    @Test
    void noKeyIsWrittenTwice() throws IOException {
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            List<String> keys = new ArrayList<>();
            try (Reader reader = new InputStreamReader(
                    MessageBundleTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
                new Properties() {
                    @Override
                    public synchronized Object put(Object key, Object value) {
                        keys.add((String) key);
                        return super.put(key, value);
                    }
                }.load(reader);
            }
            Set<String> seen = new TreeSet<>();
            assertThat(keys.stream().filter(key -> !seen.add(key)).toList()).as(name).isEmpty();
        }
    }

    @Test
    void chineseIsTheDefaultBundle() throws IOException {
        assertThat(load("messages.properties").getProperty("login.title")).isEqualTo("登录");
        assertThat(load("messages_en.properties").getProperty("login.title")).isEqualTo("Sign in");
    }

    @Test
    void everyKeyTheTemplatesAndCodeNameExists() throws IOException {
        Set<String> known = load("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        for (Path file : files(TEMPLATES, ".html")) {
            collect(TEMPLATE_KEY, Files.readString(file), used);
        }
        for (Path file : files(SOURCES, ".java")) {
            collect(CODE_KEY, Files.readString(file), used);
        }
        for (RequestState state : RequestState.values()) {
            used.add("request.state." + state.name());
        }
        for (VmStatus status : VmStatus.values()) {
            used.add("vm.status." + status.code());
        }
        for (VmLifecycle lifecycle : VmLifecycle.values()) {
            used.add("vm.lifecycle." + lifecycle.name());
        }
        for (VmAction action : VmAction.values()) {
            used.add("audit.action.VM_" + action.name());
            used.add("vm.op.action." + action.path());
            used.add("vm.op.passive." + action.path());
        }
        for (String kind : List.of("APPROVED", "REJECTED", "INSUFFICIENT", "FAILED")) {
            used.add("decision." + kind);
        }
        Matcher actions = AUDIT_ACTION.matcher(sources());
        while (actions.find()) {
            used.add("audit.action." + actions.group(1));
        }
        for (io.vsip4x.portal.platform.OperationKind kind : io.vsip4x.portal.platform.OperationKind.values()) {
            used.add("audit.action.PLATFORM_" + kind.method());
            used.add("operation." + kind.method());
            used.add("vm.working." + kind.method());
        }
        for (String result : List.of("SUCCESS", "FAILURE", "DENIED")) {
            used.add("audit.result." + result);
        }
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(known).containsAll(used);
    }

    /**
     * Spring formats a message with MessageFormat only when it has arguments: a message without
     * placeholders must write an apostrophe once (else users see two), one with placeholders twice
     * (else MessageFormat drops it and quotes the rest).
     */
    @Test
    void apostrophesAreWrittenAsEachMessageIsFormatted() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            Properties bundle = load(name);
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                boolean formatted = PLACEHOLDER.matcher(text).find();
                if (!formatted && text.contains("''") || formatted && LONE_APOSTROPHE.matcher(text).find()) {
                    wrong.add(name + ": " + key + "=" + text);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void templatesCarryNoLiteralText() throws IOException {
        List<String> literal = new ArrayList<>();
        for (Path file : files(TEMPLATES, ".html")) {
            Matcher m = TEXT_NODE.matcher(Files.readString(file));
            while (m.find()) {
                String tag = m.group(1);
                String attributes = m.group(2);
                boolean replaced = attributes.contains("th:text") || attributes.contains("th:utext")
                        || attributes.contains("th:replace");
                if (!replaced && !tag.equals("script") && !tag.equals("style")) {
                    literal.add(TEMPLATES.relativize(file) + ": <" + tag + "> " + m.group(3).strip());
                }
            }
        }
        assertThat(literal).isEmpty();
    }

    private static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files(SOURCES, ".java")) {
            all.append(Files.readString(file));
        }
        return all.toString();
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                MessageBundleTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
