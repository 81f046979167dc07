package io.vsip4x.simulator.state;

import io.vsip4x.sdk.codes.VmStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON file the state persists to, replaced atomically on every save. */
public final class StateFile {

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);

    private final Path path;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** @param path the file; its directory is created when missing */
    public StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /**
     * The stored state, or empty when the file does not exist.
     *
     * @throws IllegalStateException when the file cannot be read or is not a state file; the
     *                               simulator refuses to start rather than overwrite it
     */
    public Optional<StoredState> load() {
        if (!Files.exists(path)) {
            log.info("State file '{}' does not exist yet; starting with no VMs", path);
            return Optional.empty();
        }
        try {
            StoredState state = json.readValue(Files.readAllBytes(path), StoredState.class);
            String wrong = state == null ? "it holds no state" : problem(state);
            if (wrong != null) {
                throw new IllegalStateException("The simulator state file " + path + " is not one this simulator "
                        + "wrote: " + wrong);
            }
            log.info("Loaded {} VMs and {} undelivered events from '{}'", state.vms().size(),
                    state.callbacks().size(), path);
            return Optional.of(state);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("Cannot read the simulator state file " + path, e);
        }
    }

    /**
     * What makes {@code state} one this simulator cannot have written, or {@code null}: another
     * format version, a VM twice, a VM status the spec does not define, or a VM without a size.
     */
    private static String problem(StoredState state) {
        if (state.version() != StoredState.VERSION) {
            return "format version " + state.version() + ", not " + StoredState.VERSION;
        }
        Set<String> ids = new HashSet<>();
        for (Vm vm : state.vms()) {
            if (!ids.add(vm.vmId())) {
                return "VM '" + vm.vmId() + "' appears twice";
            }
            if (VmStatus.of(vm.status()).isEmpty()) {
                return "VM '" + vm.vmId() + "' has status " + vm.status() + ", which the spec does not define";
            }
            if (vm.cpu() < 1 || vm.memoryBytes() < 1 || vm.diskBytes() < 0) {
                return "VM '" + vm.vmId() + "' has no valid size";
            }
        }
        return null;
    }

    /**
     * Writes {@code state} to a temporary file beside the target and moves it over the target,
     * so that a reader never sees half a file.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void save(StoredState state) {
        try {
            Path dir = path.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, json.writeValueAsBytes(state));
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the simulator state file " + path, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }
}
