package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.ukey.Sm2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal's SM2 key of the embedded default: made once in the data folder, readable by its
 * owner only, and the same key at every later start; a file that holds no key stops the start.
 */
class UkeyEmbeddedKeysTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceReadableByItsOwnerOnlyAndKept() throws IOException {
        Path file = dir.resolve("data").resolve(EmbeddedSimulator.KEY_FILE);
        String first = EmbeddedSimulator.loadOrCreateKey(file);
        assertThat(Sm2.privateKey(first)).isNotNull();
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(EmbeddedSimulator.loadOrCreateKey(file)).isEqualTo(first);
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithoutShowingIt() throws IOException {
        Path file = dir.resolve(EmbeddedSimulator.KEY_FILE);
        Files.writeString(file, "not a key, secret-ish text");
        assertThatThrownBy(() -> EmbeddedSimulator.loadOrCreateKey(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("secret-ish");
    }
}
