package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters text of an audit event never carries a secret's value. */
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
    void namesWhichKeysAreSecrets() {
        assertThat(AuditParams.secret("TOKEN")).isTrue();
        assertThat(AuditParams.secret("hostId")).isFalse();
        assertThat(AuditParams.secret(null)).isFalse();
    }
}
