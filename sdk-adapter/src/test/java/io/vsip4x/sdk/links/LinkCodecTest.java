package io.vsip4x.sdk.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The appendix-2 links against the spec's rules: the field order of both fastrap variants and of
 * the RDP link, the USB field's grammar, the flags' defaults. The spec's own encoded examples do
 * not decode cleanly (see {@link #theSpecsPrintedExamplesDoNotDecodeCleanly}); the tests use the
 * catalog's test vectors instead, regenerated from the printed plaintexts
 * (catalog.json {@code clientLinks.*.examples[0].recommended_test_vector}).
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
    /** The fastrap example as the spec prints it ("加密后传递值"), scheme space and all. */
    private static final String FASTRAP_PRINTED = "fastrap: //d3d3Lndpc2Vyc29mdC5jbjo5ODA3P3Rscy1wb3J0PTkwNDkmcGFz"
            + "c3dvcmQ9dGhpc2lzYXBhc3N3b3JkfGh0dHA6Ly8xMC4wLjEwLjExOjkwMDAv2FnL3NlcnZpY2VzL3NhZ3NlcnZlci9zYWdzZXJ2"
            + "aWNIL3Rva2VuLzA1N2QzYmJkLTgzY2ItNDdjOC04NTdmLTViNWQ2YTY5YzI0NXxEQ1NTX1YyXzFfNHxjcmFuZlZwMzA4fC0tc3Bp"
            + "Y2UtaG9zdC1zdWJqZWNOPSJPPXZzaXA0eC5jb20sIENOPTQyMC02InwxMXwwfDA=";
    /** The RDP example as the spec prints it. */
    private static final String RDP_PRINTED = "rdp://d3d3Lndpc2Vyc29mdC5jbjo5MDY3fGh0dHA6Ly8gMTAuMC4xMC4xMT05MDAwL3N"
            + "hZy9zZXI2aWNlcy9zYWdzZXI2ZXIvc2Fnc2VydmVjZS90b2t1bi81NDBlNDg1OC04MjM0LTQxZDItYjI3OS1hZjY3ODE2OTNkYTI8"
            + "MjAxMzEyMTYxNTMwNDEzNzUyYfGNyYW5lfHw=";
    private static final String LEASE = "http://10.0.10.11:9000/sag/services/sagserver/sagservice/token/";

    private static final FastrapLink EXAMPLE = new FastrapLink("www.wisersoft.cn", 9807, 9049, "thisisapassword",
            LEASE + "057d3bbd-83cb-47c8-857f-5b5d6a69c245", "DCSS_V2_1_4", "crane",
            new UsbControl(UsbControl.Mode.PARTIALLY_ALLOWED, List.of("08")),
            "--spice-host-subject=\"O=vsip4x.com, CN=420-6\"", true, false, false);

    @Test
    void encryptedFastrapLinkHasTheNineFieldsInTheSpecsOrder() {
        FastrapLink link = new FastrapLink("192.0.2.7", 5901, 6901, "pw", "https://portal/console/lease/t", "vm-a",
                "alice", UsbControl.parse("02090D"), "--spice-host-subject=\"O=x, CN=h1\"", false, true, false);

        String[] f = payload(link.encode(), FastrapLink.SCHEME).split("\\|", -1);

        assertThat(f).containsExactly(
                "192.0.2.7:5901?tls-port=6901&password=pw",  // {ip}:{port}?tls-port={tlsPort}&password={pwd}
                "https://portal/console/lease/t",           // {续租地址}
                "vm-a",                                     // {虚拟机名称}
                "alice",                                    // {用户名}
                "02090D",                                   // {USB 控制字段}
                "--spice-host-subject=\"O=x, CN=h1\"",      // {tls 认证参数}
                "01",                                       // {USB 权限}: read-only
                "1",                                        // {SmartCard enable}
                "0");                                       // {UserControl enable}: view only
        assertThat(FastrapLink.parse(link.encode())).isEqualTo(link);
    }

    @Test
    void unencryptedFastrapLinkHasTheEightFieldsInTheSpecsOrder() {
        FastrapLink plain = new FastrapLink("10.0.0.5", 5900, null, "pw", LEASE + "t", "测试机", "李爱丽",
                UsbControl.disabled(), null, false, true, true);

        String payload = payload(plain.encode(), FastrapLink.SCHEME);

        // No tls-port and no TLS parameter: the USB permission moves up to the sixth field.
        assertThat(payload.split("\\|", -1)).containsExactly("10.0.0.5:5900?password=pw", LEASE + "t", "测试机",
                "李爱丽", "00", "01", "1", "1");
        assertThat(FastrapLink.parse(plain.encode())).isEqualTo(plain);
        assertThat(plain.toString()).doesNotContain("pw");
    }

    @Test
    void encryptedFastrapLinkMatchesTheCatalogsTestVector() {
        assertThat(EXAMPLE.encode()).isEqualTo(FASTRAP_VECTOR);
        assertThat(FastrapLink.parse(FASTRAP_VECTOR)).isEqualTo(EXAMPLE);
        // The TLS option is --spice-host-subject, as the encoded example has it; the printed
        // plaintext's "--spice-host-sobject" and its space after "cn:" are typesetting errors.
        assertThat(payload(FASTRAP_VECTOR, FastrapLink.SCHEME)).contains("|--spice-host-subject=")
                .startsWith("www.wisersoft.cn:9807?");
    }

    @Test
    void rdpLinkHasTheTemplatesFieldsAndOneTrailingBar() {
        RdpLink link = new RdpLink("192.0.2.7", 5901, "https://portal/console/lease/t", "vm-a", "alice");

        String payload = payload(link.encode(), RdpLink.SCHEME);

        // The template: {ip}:{port}|{续租地址}|{虚拟机名称}|{用户名}| (no password, no USB fields).
        assertThat(payload).isEqualTo("192.0.2.7:5901|https://portal/console/lease/t|vm-a|alice|");
        assertThat(RdpLink.parse(link.encode())).isEqualTo(link);
    }

    /**
     * The spec's RDP example ends in {@code ||}, one bar more than its template: it is read, and
     * links are written as the template says, so the catalog's vector (regenerated from the
     * example) is the encoding less one bar.
     */
    @Test
    void rdpLinkReadsTheExamplesDoubleBarAndWritesTheTemplatesSingleOne() {
        RdpLink example = new RdpLink("www.wisersoft.cn", 9067, LEASE + "540e4858-8234-41d2-b279-af6781693da9",
                "201312161530413752", "crane");

        assertThat(RdpLink.parse(RDP_VECTOR)).isEqualTo(example);
        assertThat(payload(RDP_VECTOR, RdpLink.SCHEME)).endsWith("|crane||");
        assertThat(payload(example.encode(), RdpLink.SCHEME) + "|").isEqualTo(payload(RDP_VECTOR, RdpLink.SCHEME));
    }

    /**
     * The encoded examples the spec prints are corrupt (catalog A44, A45): the fastrap one has
     * 315 characters and four OCR errors, the RDP one a superfluous {@code =} and seven OCR
     * errors. A strict decoder refuses both; a lenient one gives text that is not the example.
     */
    @Test
    void theSpecsPrintedExamplesDoNotDecodeCleanly() {
        String fastrapData = FASTRAP_PRINTED.substring("fastrap: //".length());
        assertThat(fastrapData).hasSize(315);
        assertThatThrownBy(() -> Base64.getDecoder().decode(fastrapData)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FastrapLink.parse(FASTRAP_PRINTED)).isInstanceOf(LinkFormatException.class);

        String rdpData = RDP_PRINTED.substring(RdpLink.SCHEME.length());
        assertThat(rdpData).hasSize(201);
        assertThatThrownBy(() -> Base64.getDecoder().decode(rdpData)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RdpLink.parse(RDP_PRINTED)).isInstanceOf(LinkFormatException.class);
    }

    @Test
    void fastrapLinkIsReadAsTheSpecPrintsIt() {
        String printed = "fastrap: //" + FASTRAP_VECTOR.substring(FastrapLink.SCHEME.length()).replace("=", "");
        assertThat(FastrapLink.parse(printed)).isEqualTo(EXAMPLE);
        String urlSafe = FASTRAP_VECTOR.replace('+', '-').replace('/', '_');
        assertThat(FastrapLink.parse(urlSafe.replace("fastrap:__", "fastrap://"))).isEqualTo(EXAMPLE);
        // The unencrypted template prints a space after '?'.
        FastrapLink spaced = FastrapLink.parse(FastrapLink.SCHEME + b64("h:5900? password=p|l|v|u|01|11|0|1"));
        assertThat(spaced.password()).isEqualTo("p");
        assertThat(spaced.encrypted()).isFalse();
    }

    /**
     * The variant is told by the tls-port, not by the field count: smart-card and user-control
     * may be left out and then take the spec's defaults (smart card off, control on).
     */
    @Test
    void leftOutFlagsTakeTheSpecsDefaults() {
        FastrapLink plain = FastrapLink.parse(FastrapLink.SCHEME + b64("h:5900?password=p|l|v|u|01|11"));
        assertThat(plain.smartcard()).isFalse();
        assertThat(plain.userControl()).isTrue();
        assertThat(plain.readWrite()).isTrue();

        FastrapLink tls = FastrapLink.parse(
                FastrapLink.SCHEME + b64("h:5900?tls-port=6900&password=p|l|v|u|00|--x|01"));
        assertThat(tls.encrypted()).isTrue();
        assertThat(tls.tlsPort()).isEqualTo(6900);
        assertThat(tls.tlsAuthParam()).isEqualTo("--x");
        assertThat(tls.smartcard()).isFalse();
        assertThat(tls.userControl()).isTrue();
    }

    /** No escaping is defined: the password is the query's last part, so '&' and '=' in it survive. */
    @Test
    void passwordWithQueryCharactersSurvivesTheRoundTrip() {
        FastrapLink link = new FastrapLink("h", 5900, 6900, "a&b=c?d", "l", "v", "u", UsbControl.enabled(), "--x",
                true, false, true);
        assertThat(FastrapLink.parse(link.encode()).password()).isEqualTo("a&b=c?d");
        assertThatThrownBy(() -> new FastrapLink("h", 5900, null, "a|b", "l", "v", "u", UsbControl.enabled(), null,
                true, false, true).encode()).hasMessageContaining("'|'").hasMessageNotContaining("a|b");
    }

    @Test
    void usbControlFollowsTheSpecsRule() {
        assertThat(UsbControl.parse("02090D0B070F")).isEqualTo(new UsbControl(UsbControl.Mode.PARTIALLY_DISABLED,
                List.of("09", "0D", "0B", "07", "0F")));
        assertThat(UsbControl.parse("03090D0B070F").mode()).isEqualTo(UsbControl.Mode.PARTIALLY_ALLOWED);
        assertThat(UsbControl.parse("01#####")).isEqualTo(UsbControl.enabled());
        assertThat(UsbControl.parse("00")).isEqualTo(UsbControl.disabled());
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
                .hasMessageContaining("6 to 8 fields");
        assertThatThrownBy(() -> FastrapLink.parse(FastrapLink.SCHEME + b64("h:1?pw=p|l|v|u|00|11|0|0")))
                .hasMessageContaining("password=");
        assertThatThrownBy(() -> new RdpLink("h", 1, "l", "a|b", "u").encode()).hasMessageContaining("'|'");
        assertThatThrownBy(() -> new RdpLink("h", 0, "l", "v", "u")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new FastrapLink("h", 5900, 70_000, "p", "l", "v", "u", UsbControl.enabled(), "--x",
                true, false, true)).hasMessageContaining("tls-port");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String link, String scheme) {
        return new String(Base64.getDecoder().decode(link.substring(scheme.length())), StandardCharsets.UTF_8);
    }
}
