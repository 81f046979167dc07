package io.vsip4x.simulator.console;

/**
 * What a VM's console shows: while it runs, a boot log and a login dialogue on a text screen
 * (the user name is echoed, the password is not and is never right); while it is paused or
 * after it stopped, a notice screen. Not thread-safe.
 */
final class GuestTerminal {

    /** The screen a VM in a given state shows. */
    enum Mode {
        RUNNING, PAUSED, POWERED_OFF
    }

    private static final int MAX_INPUT = 64;
    private static final int NOTICE_ROW = 11;

    private final String vmId;
    private final String name;
    private final TextScreen terminal = new TextScreen();
    private final TextScreen notice = new TextScreen();
    private final StringBuilder input = new StringBuilder();
    private Mode mode = Mode.RUNNING;
    private boolean askingPassword;

    /** A terminal that has just booted VM {@code vmId} named {@code name}. */
    GuestTerminal(String vmId, String name) {
        this.vmId = vmId;
        this.name = name;
        boot();
    }

    /** Clears the terminal and writes the boot log and the login prompt. */
    void boot() {
        terminal.clear();
        terminal.write("Vsip4x virtual BIOS: booting from hard disk\n");
        terminal.write("[    0.000000] Linux version 5.10.0-vsip4x (simulated guest)\n");
        terminal.write("[    0.120000] Command line: root=/dev/vda1 ro console=tty0\n");
        terminal.write("[    0.850000] virtio_blk virtio2: [vda] disk ready\n");
        terminal.write("[    1.200000] virtio_net virtio0 eth0: link up\n");
        terminal.write("[    2.400000] systemd[1]: Hostname set to <" + name + ">.\n");
        terminal.write("[  OK  ] Reached target Multi-User System.\n\n");
        terminal.write("Vsip4x simulated Linux - VM " + vmId + " - tty1\n\n");
        prompt();
    }

    /** Shows the screen of {@code newMode}; the terminal keeps its text while paused. */
    void show(Mode newMode) {
        mode = newMode;
        notice.clear();
        if (newMode == Mode.PAUSED) {
            notice.centre(NOTICE_ROW, "VM " + name + " is paused");
            notice.centre(NOTICE_ROW + 2, "The screen comes back when the VM is resumed.");
        } else if (newMode == Mode.POWERED_OFF) {
            notice.centre(NOTICE_ROW, "VM " + name + " is powered off");
        }
    }

    /** The screen shown now. */
    TextScreen screen() {
        return mode == Mode.RUNNING ? terminal : notice;
    }

    /** The mode shown now. */
    Mode mode() {
        return mode;
    }

    /** A printable character typed: kept, and echoed unless a password is asked for. */
    void type(int codePoint) {
        if (input.length() >= MAX_INPUT) {
            return;
        }
        input.appendCodePoint(codePoint);
        if (!askingPassword) {
            terminal.put(codePoint);
        }
    }

    /** Removes the last character typed. */
    void backspace() {
        if (input.length() == 0) {
            return;
        }
        input.setLength(input.offsetByCodePoints(input.length(), -1));
        if (!askingPassword) {
            terminal.backspace();
        }
    }

    /** Return: asks for the password after a user name, refuses after a password. */
    void enter() {
        terminal.put('\n');
        input.setLength(0);
        if (askingPassword) {
            terminal.write("Login incorrect\n\n");
            askingPassword = false;
            prompt();
        } else {
            terminal.write("Password: ");
            askingPassword = true;
        }
    }

    private void prompt() {
        terminal.write(name + " login: ");
    }
}
