package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.Vsip4xClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every method of the vendor's catalog has a typed method on the client, a handler in the
 * simulator and a test calling it through the client, so that the coverage of the SDK cannot
 * silently drop.
 */
class ContractCoverageTest {

    /** Methods that configure the client and make no call of their own (see the binding page). */
    private static final Set<String> CLIENT_SETTINGS = Set.of(
            "setIpAddress", "setConnectUrl", "setAccountName", "setAccountPassword", "setPrivateKey");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestPlatform platform;
    private static List<String> catalog;

    @BeforeAll
    static void start() throws IOException {
        platform = new TestPlatform();
        try (InputStream in = ContractCoverageTest.class.getResourceAsStream("/catalog.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            catalog = new ArrayList<>();
            root.get("methods").forEach(method -> catalog.add(method.get("name").asString()));
        }
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theCatalogListsEverySdkMethod() {
        assertThat(catalog).hasSize(70).contains("searchVmList", "ukeyLogin", "operateLog", "getVmVnics");
    }

    @Test
    void everyCatalogMethodHasAClientMethodOfTheSameName() {
        Set<String> declared = Arrays.stream(Vsip4xClient.class.getMethods()).map(Method::getName)
                .collect(Collectors.toSet());

        Set<String> missing = new TreeSet<>(catalog);
        missing.removeAll(declared);

        assertThat(missing).as("catalog methods without a client method").isEmpty();
    }

    @Test
    void everyCatalogMethodIsServedByTheSimulator() throws Exception {
        Set<String> unserved = new TreeSet<>();
        for (String method : catalog) {
            if (!CLIENT_SETTINGS.contains(method) && status(method) == 404) {
                unserved.add(method);
            }
        }

        assertThat(unserved).as("catalog methods the simulator answers with 404").isEmpty();
    }

    @Test
    void everyCatalogMethodIsCalledThroughTheClientByATestOfThisModule() throws IOException {
        // Maven runs the tests in the module's folder; the contract tests are the sources beside this one.
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).map(ContractCoverageTest::read)
                    .collect(Collectors.joining("\n"));
        }

        Set<String> untested = new TreeSet<>();
        for (String method : catalog) {
            if (!Pattern.compile("\\." + method + "\\(").matcher(sources).find()) {
                untested.add(method);
            }
        }

        assertThat(untested).as("catalog methods no test calls through the client").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMethodOutsideTheCatalogIsNotServed() throws Exception {
        assertThat(status("formatAllDisks")).isEqualTo(404);
    }

    /** The HTTP status of calling {@code method} with six blank arguments: 400 when served, as none takes six. */
    private static int status(String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + "/" + method))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\": [\"\", \"\", \"\", \"\", \"\", \"\"]}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
