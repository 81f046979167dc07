package io.vsip4x.portal.console;

/** The portal paths the console features link to (notifications, redirects). */
final class ConsolePaths {

    /** The page of consoles a person may open through a grant or a share. */
    static final String CONSOLES = "/consoles";

    private ConsolePaths() {
    }

    /** A VM's console page. */
    static String console(String vmId) {
        return "/vms/" + vmId + "/console";
    }
}
