package io.vsip4x.sdk.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The appendix-2 links, against the catalog's test vectors (the spec's examples repaired of
 * their OCR errors: catalog.json clientLinks.*.examples[0].recommended_test_vector).
 */
class LinkCodecTest {

    private static final String FASTRAP_VECTOR = "fastrap://"
            + "d3d3Lndpc2Vyc29mdC5jbjo5ODA3P3Rscy1wb3J0PTkwNDkmcGFzc3dvcmQ9"
            + "dGhpc2lzYXBhc3N3b3JkfGh0dHA6Ly8xMC4wLjEwLjExOjkwMDAvc2FnL3NlcnZpY2VzL3NhZ3NlcnZlci9zYWdzZXJ2aWNlL3"
            + "Rva2VuLzA1N2QzYmJkLTgzY2ItNDdjOC04NTdmLTViNWQ2YTY5YzI0NXxEQ1NTX1YyXzFfNHxjcmFuZXwwMzA4fC0tc3BpY2Ut"
            + "aG9zdC1zdWJqZWN0PSJPPXZzaXA0eC5jb20sIENOPTQyMC02InwxMXwwfDA=";
    private static final String RDP_VECTOR = "rdp://d3d3Lndpc2Vyc29mdC5jbjo5MDY3fGh0dHA6Ly8xMC4wLjEwLjExOjkwMDAvc2Fn"
            + "L3NlcnZpY2VzL3NhZ3NlcnZlci9zYWdzZXJ2aWNlL3Rva2VuLzU0MGU0ODU4LTgyMzQtNDFkMi1iMjc5LWFmNjc4MTY5M2RhOXwy"
            + "MDEzMTIxNjE1MzA0MTM3NTJ8Y3JhbmV8fA==";
    private static final String LEASE = "http://10.0.10.11:9000/sag/services/sagserver/sagservice/token/";

    private static final FastrapLink EXAMPLE = new FastrapLink("www.wisersoft.cn", 9807, 9049, "thisisapassword",
            LEASE + "057d3bbd-83cb-47c8-857f-5b5d6a69c245", "DCSS_V2_1_4", "crane",
            new UsbControl(UsbControl.Mode.PARTIALLY_ALLOWED, List.of("08")),
            "--spice-host-subject=\"O=vsip4x.com, CN=420-6\"", true, false, false);

    @Test
    void encryptedFastrapLinkMatchesTheSpecsExample() {
        assertThat(EXAMPLE.encode()).isEqualTo(FASTRAP_VECTOR);
        assertThat(FastrapLink.parse(FASTRAP_VECTOR)).isEqualTo(EXAMPLE);
    }

    @Test
    void fastrapLinkIsReadAsTheSpecPrintsIt() {
        String printed = "fastrap: //" + FASTRAP_VECTOR.substring(FastrapLink.SCHEME.length()).replace("=", "");
        assertThat(FastrapLink.parse(printed)).isEqualTo(EXAMPLE);
        String urlSafe = FASTRAP_VECTOR.replace('+', '-').replace('/', '_');
        assertThat(FastrapLink.parse(urlSafe.replace("fastrap:__", "fastrap://"))).isEqualTo(EXAMPLE);
    }

    @Test
    void unencryptedFastrapLinkHasEightFieldsAndRoundTrips() {
        FastrapLink plain = new FastrapLink("10.0.0.5", 5900, null, "pw", LEASE + "t", "测试机", "李爱丽",
                UsbControl.disabled(), null, false, true, true);

        String payload = payload(plain.encode(), FastrapLink.SCHEME);

        assertThat(payload).isEqualTo("10.0.0.5:5900?password=pw|" + LEASE + "t|测试机|李爱丽|00|01|1|1");
        assertThat(FastrapLink.parse(plain.encode())).isEqualTo(plain);
        assertThat(plain.toString()).doesNotContain("pw");
    }

    @Test
    void rdpLinkMatchesTheSpecsExampleAndReadsOneTrailingBar() {
        RdpLink example = new RdpLink("www.wisersoft.cn", 9067, LEASE + "540e4858-8234-41d2-b279-af6781693da9",
                "201312161530413752", "crane");
        assertThat(example.encode()).isEqualTo(RDP_VECTOR);
        assertThat(RdpLink.parse(RDP_VECTOR)).isEqualTo(example);

        String oneBar = RdpLink.SCHEME + Base64.getEncoder().encodeToString(
                "h:3389|l|vm|u|".getBytes(StandardCharsets.UTF_8));
        assertThat(RdpLink.parse(oneBar)).isEqualTo(new RdpLink("h", 3389, "l", "vm", "u"));
    }

    @Test
    void usbControlFollowsTheSpecsRule() {
        assertThat(UsbControl.parse("02090D0B070F")).isEqualTo(new UsbControl(UsbControl.Mode.PARTIALLY_DISABLED,
                List.of("09", "0D", "0B", "07", "0F")));
        assertThat(UsbControl.parse("01#####")).isEqualTo(UsbControl.enabled());
        assertThat(new UsbControl(UsbControl.Mode.PARTIALLY_ALLOWED, List.of("0d")).encode()).isEqualTo("030D");
        assertThatThrownBy(() -> UsbControl.parse("04")).isInstanceOf(LinkFormatException.class);
        assertThatThrownBy(() -> UsbControl.parse("020")).isInstanceOf(LinkFormatException.class);
        assertThatThrownBy(() -> new UsbControl(UsbControl.Mode.ENABLED, List.of("08")))
                .isInstanceOf(LinkFormatException.class);
    }

    @Test
    void malformedLinksAreRefusedWithAReason() {
        assertThatThrownBy(() -> FastrapLink.parse("rdp://abc")).hasMessageContaining("fastrap://");
        assertThatThrownBy(() -> FastrapLink.parse("fastrap://!!!")).hasMessageContaining("Base64");
        assertThatThrownBy(() -> RdpLink.parse(RdpLink.SCHEME + b64("h:x|l|v|u||"))).hasMessageContaining("port");
        assertThatThrownBy(() -> RdpLink.parse(RdpLink.SCHEME + b64("h:1|l|v"))).hasMessageContaining("four fields");
        assertThatThrownBy(() -> FastrapLink.parse(FastrapLink.SCHEME + b64("h:1?password=p|l|v|u|00|11|0|0|x|y")))
                .hasMessageContaining("8 or 9 fields");
        assertThatThrownBy(() -> new RdpLink("h", 1, "l", "a|b", "u").encode()).hasMessageContaining("'|'");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String link, String scheme) {
        return new String(Base64.getDecoder().decode(link.substring(scheme.length())), StandardCharsets.UTF_8);
    }
}
