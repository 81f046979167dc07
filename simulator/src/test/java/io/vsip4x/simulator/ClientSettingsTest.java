package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.ukey.Sm2;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The five SDK settings change a live client's target and credentials from its next call on. */
class ClientSettingsTest {

    private TestPlatform platform;
    private Vsip4xSimulator other;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        other = new Vsip4xSimulator(SimulatorSettings.defaults().withCredentials("ops", "ops-secret")
                .withSeedDemoInventory(false)).start();
    }

    @AfterEach
    void stop() {
        other.close();
        platform.close();
    }

    @Test
    void aWrongPasswordFailsWithTheAuthErrorAndACorrectedOneWorks() {
        Vsip4xClient client = platform.client;

        client.setAccountPassword("wrong");

        // The platform refuses the credentials with HTTP 401 on the next call.
        assertThatThrownBy(client::getSystemInfo).isInstanceOfSatisfying(Vsip4xProtocolException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(401));
        client.setAccountPassword("portal-secret");
        assertThat(client.searchRepository(Map.of())).isNotEmpty();
    }

    @Test
    void theUrlAccountAndPasswordMoveTheClientToAnotherPlatform() {
        Vsip4xClient client = platform.client;
        assertThat(client.searchRepository(Map.of())).isNotEmpty();

        client.setConnectUrl(other.baseUrl().toString());
        client.setAccountName("ops");
        client.setAccountPassword("ops-secret");
        client.setIpAddress("127.0.0.1");

        // The other platform has no demo inventory: the answer shows which one was called.
        assertThat(client.searchRepository(Map.of())).isEmpty();
        assertThat(client.settings().connectUrl()).isEqualTo(other.baseUrl());
        assertThat(client.settings().accountName()).isEqualTo("ops");
    }

    @Test
    void theExampleCodesSetterNamesDoTheSame() {
        Vsip4xClient client = platform.client;

        client.setPath(other.baseUrl().toString());
        client.setAccount("ops");
        client.setPassword("ops-secret");

        assertThat(client.searchRepository(Map.of())).isEmpty();
        assertThat(client.settings().accountPassword()).isEqualTo("ops-secret");
    }

    @Test
    void settersMakeNoCall() {
        other.close();
        HttpVsip4xClient client = new HttpVsip4xClient(new Vsip4xSettings(null, other.baseUrl(), "ops", "x", null,
                null, Duration.ofMillis(300), Duration.ofMillis(500)));

        client.setIpAddress("127.0.0.1");
        client.setAccountName("ops");
        client.setAccountPassword("ops-secret");
        client.setPrivateKey(Sm2.pem(Sm2.generate().getPrivate()));

        // Only a call reaches the (stopped) platform.
        assertThatThrownBy(client::getSystemInfo).isInstanceOf(Vsip4xUnreachableException.class);
    }

    @Test
    void badValuesAreRefusedAndChangeNothing() {
        Vsip4xClient client = platform.client;
        URI before = client.settings().connectUrl();

        assertThatThrownBy(() -> client.setConnectUrl(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.setConnectUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.setAccountName("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.setPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(client.settings().connectUrl()).isEqualTo(before);
        assertThat(client.settings().privateKey()).isNull();
        assertThat(client.searchRepository(Map.of())).isNotEmpty();
    }

    @Test
    void neitherPasswordNorPrivateKeyShowsInTheSettings() {
        Vsip4xClient client = platform.client;
        String pem = Sm2.pem(Sm2.generate().getPrivate());

        client.setPassword("pass-word-42");
        client.setPrivatekey(pem);

        String shown = client.settings().toString();
        assertThat(client.settings().privateKey()).isEqualTo(pem);
        assertThat(shown).doesNotContain("pass-word-42").doesNotContain("PRIVATE").contains("privateKey=set");
        assertThat(shown).doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }
}
