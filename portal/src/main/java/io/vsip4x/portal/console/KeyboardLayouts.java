package io.vsip4x.portal.console;

import java.util.List;

/**
 * The keyboard layouts a tenant may choose for its consoles: guacd's server layouts (the values of
 * its {@code server-layout} parameter), {@code en-us-qwerty} the default.
 */
public final class KeyboardLayouts {

    /** Every layout guacd knows, by name. */
    public static final List<String> ALL = List.of(
            "en-us-qwerty", "en-gb-qwerty", "da-dk-qwerty", "de-ch-qwertz", "de-de-qwertz", "es-es-qwerty",
            "es-latam-qwerty", "fr-be-azerty", "fr-ch-qwertz", "fr-fr-azerty", "hu-hu-qwertz", "it-it-qwerty",
            "ja-jp-qwerty", "no-no-qwerty", "pl-pl-qwerty", "pt-br-qwerty", "pt-pt-qwerty", "ro-ro-qwerty",
            "sv-se-qwerty", "tr-tr-qwerty", "failsafe");

    private KeyboardLayouts() {
    }

    /** Whether {@code layout} is one of {@link #ALL}. */
    public static boolean known(String layout) {
        return ALL.contains(layout);
    }
}
