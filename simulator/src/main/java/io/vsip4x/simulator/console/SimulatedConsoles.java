package io.vsip4x.simulator.console;

import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.methods.ConsolePorts;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The VMs' consoles as the simulator's guacd shows them, and what clients did with them, for
 * tests: the connections made, the keys pressed, the text on the screen and the clipboard. A
 * VM's console exists from the first connection to it or the first question about it; what it
 * recorded stays for the simulator's lifetime. Thread-safe.
 */
public final class SimulatedConsoles {

    private final Inventory inventory;
    private final PlatformState state;
    private final Map<String, VmConsole> consoles = new LinkedHashMap<>();

    /** The consoles of the VMs in {@code state}, on the hosts of {@code inventory}. */
    public SimulatedConsoles(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
    }

    /** The connections made to VM {@code vmId}'s console, newest last, open or closed. */
    public List<ConsoleConnection> connections(String vmId) {
        return existing(vmId).map(VmConsole::connections).orElse(List.of());
    }

    /** How many console connections are open, to every VM. */
    public int openConnections() {
        return snapshot().stream().mapToInt(VmConsole::openConnections).sum();
    }

    /** How many connections to VM {@code vmId}'s console are open. */
    public int openConnections(String vmId) {
        return existing(vmId).map(VmConsole::openConnections).orElse(0);
    }

    /**
     * The keysyms of the keys pressed on VM {@code vmId}'s console while it ran, oldest first
     * (releases and view-only connections' keys left out).
     */
    public List<Integer> keysPressed(String vmId) {
        return existing(vmId).map(VmConsole::keysPressed).orElse(List.of());
    }

    /**
     * The text the keys pressed on VM {@code vmId}'s console make: printable characters as
     * typed, Return as {@code \n}, BackSpace removing the character before; other keys add
     * nothing.
     */
    public String typed(String vmId) {
        return existing(vmId).map(VmConsole::typed).orElse("");
    }

    /**
     * The text VM {@code vmId}'s console shows now: its rows joined by {@code \n}, trailing
     * blanks and empty rows at the bottom left out.
     *
     * @throws NoSuchElementException for a VM the simulator does not have and never showed
     */
    public String screenText(String vmId) {
        return console(vmId).screenText();
    }

    /** The last clipboard text a client of VM {@code vmId}'s console sent, if any. */
    public Optional<String> clipboard(String vmId) {
        return existing(vmId).flatMap(VmConsole::clipboard);
    }

    /**
     * A copy of VM {@code vmId}'s screen: exactly the pixels sent to its clients.
     *
     * @throws NoSuchElementException for a VM the simulator does not have and never showed
     */
    public BufferedImage screen(String vmId) {
        return console(vmId).screen();
    }

    /**
     * Makes every connection to VM {@code vmId}'s console stop ({@code true}) sending anything,
     * {@code nop} included, and acting on what it receives, as a stalled guacd would; or go on
     * ({@code false}), acting on what arrived meanwhile within half a second. A client closing a
     * stalled connection is still noticed. Applies to later connections too.
     *
     * @throws NoSuchElementException for a VM the simulator does not have and never showed
     */
    public void stall(String vmId, boolean stalled) {
        console(vmId).stall().set(stalled);
    }

    /** The running or paused VM whose console is at {@code address}, {@code port}. */
    Optional<Vm> vmAt(String address, int port) {
        return address == null ? Optional.empty() : ConsolePorts.vmAt(inventory, state, address, port);
    }

    /** The console of {@code vm}, made when it has none yet. */
    synchronized VmConsole console(Vm vm) {
        return consoles.computeIfAbsent(vm.vmId(), id -> new VmConsole(vm));
    }

    /** Shows on every console the screen of its VM's current state. */
    void follow() {
        for (VmConsole console : snapshot()) {
            console.follow(state.vm(console.vmId()));
        }
    }

    private VmConsole console(String vmId) {
        Optional<VmConsole> existing = existing(vmId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Vm vm = state.vm(vmId).orElseThrow(() -> new NoSuchElementException("No VM '" + vmId + "'"));
        return console(vm);
    }

    private synchronized Optional<VmConsole> existing(String vmId) {
        return Optional.ofNullable(consoles.get(vmId));
    }

    private synchronized List<VmConsole> snapshot() {
        return new ArrayList<>(consoles.values());
    }
}
