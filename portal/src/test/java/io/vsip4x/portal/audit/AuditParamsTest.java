package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters text of an audit event never carries a secret's value, and no value forges another pair. */
class AuditParamsTest {

    @Test
    void writesPairsInOrderAndMasksEverySecretWhateverItsCase() {
        assertThat(AuditParams.of("vm", "vm-1", "Password", "hunter2", "apiToken", "t0k", "vncPasswd", "v",
                "clientSecret", "s", "sshKey", "k", "credentials", "c", "passwd", "p", "cpu", 2))
                .isEqualTo("vm=vm-1, Password=***, apiToken=***, vncPasswd=***, clientSecret=***, sshKey=***, "
                        + "credentials=***, passwd=***, cpu=2");
    }

    @Test
    void masksTheSecretsOfAMapAndKeepsNulls() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "h-1");
        values.put("VNC", "secret-vnc");
        values.put("note", null);
        assertThat(AuditParams.of(values)).isEqualTo("host=h-1, VNC=***, note=null")
                .doesNotContain("secret-vnc");
    }

    @Test
    void refusesAKeyWithoutAValue() {
        // A dangling key would shift every later value into the wrong key, masks included.
        assertThatThrownBy(() -> AuditParams.of("vm", "vm-1", "password"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueCannotForgeAnotherPair() {
        // The tester's certificate user: before, it read as two platform user ids.
        assertThat(AuditParams.of("certUser", "alice, platformUserId=pu-alice", "platformUserId", "pu-evil"))
                .isEqualTo("certUser=\"alice, platformUserId=pu-alice\", platformUserId=pu-evil");
        assertThat(AuditParams.of("reason", "a=b")).isEqualTo("reason=\"a=b\"");
        assertThat(AuditParams.of("name", "say \"hi\" \\ bye")).isEqualTo("name=\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(AuditParams.of("label", " padded")).isEqualTo("label=\" padded\"");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "x\", owner=mallory");
        assertThat(AuditParams.of(values)).isEqualTo("name=\"x\\\", owner=mallory\"");
    }

    @Test
    void controlCharactersAreEscapedSoNoValueBreaksALine() {
        assertThat(AuditParams.of("name", "two\nlines\r\tx", "nul", "a\u0000b", "sep", "a\u2028b"))
                .isEqualTo("name=\"two\\nlines\\r\\tx\", nul=\"a\\u0000b\", sep=\"a\\u2028b\"")
                .doesNotContain("\n", "\u0000", "\u2028");
    }

    @Test
    void simpleValuesAreWrittenAsTheyWere() {
        assertThat(AuditParams.of("name", "nightly export", "zone", "Europe/Berlin", "vm", "vm-1", "cpu", 2,
                "note", null, "who", "李爱丽", "empty", "", "reason", "impossible transition: RUNNING -> X"))
                .isEqualTo("name=nightly export, zone=Europe/Berlin, vm=vm-1, cpu=2, note=null, who=李爱丽, empty=, "
                        + "reason=impossible transition: RUNNING -> X");
        assertThat(AuditParams.quoted("plain")).isEqualTo("plain");
    }

    @Test
    void namesWhichKeysAreSecrets() {
        assertThat(AuditParams.secret("TOKEN")).isTrue();
        assertThat(AuditParams.secret("hostId")).isFalse();
        assertThat(AuditParams.secret(null)).isFalse();
    }
}
