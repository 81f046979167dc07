package io.vsip4x.portal.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.web.FieldProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guest tasks' input rules, checked before the platform is asked. */
class GuestInputTest {

    @Test
    void acceptsAbsoluteLinuxAndWindowsPathsOnly() {
        assertThat(GuestInput.checkFile(" /etc/app.conf ", "x")).isEqualTo("/etc/app.conf");
        assertThat(GuestInput.checkFile("C:\\Users\\Public\\a.txt", "")).isEqualTo("C:\\Users\\Public\\a.txt");
        assertThat(GuestInput.checkFile("/home/用户/笔记.txt", null)).isEqualTo("/home/用户/笔记.txt");
        for (String bad : List.of("", "etc/app", "./x", "C:relative", "\\\\server\\share", "/a/../b", "/a/./b",
                "C:\\a\\..\\b", "/tmp/x\u0000y")) {
            assertThatThrownBy(() -> GuestInput.checkFile(bad, "x")).as(bad).isInstanceOf(FieldProblems.class)
                    .satisfies(e -> assertThat(((FieldProblems) e).problems()).extracting(FieldProblems.Problem::field)
                            .containsExactly("path"));
        }
    }

    @Test
    void limitsAFileToOneMebibyteOfUtf8() {
        assertThat(GuestInput.checkFile("/a", "a".repeat(GuestInput.MAX_FILE_BYTES))).isEqualTo("/a");
        // 349,526 characters of three bytes each: one byte too many.
        String chinese = "中".repeat(GuestInput.MAX_FILE_BYTES / 3 + 1);
        assertThatThrownBy(() -> GuestInput.checkFile("/a", chinese)).isInstanceOf(FieldProblems.class)
                .satisfies(e -> assertThat(((FieldProblems) e).problems().get(0).field()).isEqualTo("content"));
    }

    @Test
    void matchesThePathToTheGuestsOs() {
        GuestInput.checkPathStyle("C:\\x.txt", true);
        GuestInput.checkPathStyle("/x.txt", false);
        assertThatThrownBy(() -> GuestInput.checkPathStyle("/x.txt", true)).isInstanceOf(FieldProblems.class);
        assertThatThrownBy(() -> GuestInput.checkPathStyle("C:\\x.txt", false)).isInstanceOf(FieldProblems.class);
    }

    @Test
    void takesAbsoluteHttpUrlsOnly() {
        assertThat(GuestInput.checkUrl(" https://intranet.example/a?b=c ")).isEqualTo("https://intranet.example/a?b=c");
        assertThat(GuestInput.checkUrl("http://10.10.0.5:8080/")).isEqualTo("http://10.10.0.5:8080/");
        for (String bad : List.of("", "intranet/start", "ftp://host/x", "javascript:alert(1)", "file:///etc/passwd",
                "https://", "http://exa mple/")) {
            assertThatThrownBy(() -> GuestInput.checkUrl(bad)).as(bad).isInstanceOf(FieldProblems.class);
        }
    }

    @Test
    void needsAUserAndACredentialAndAValidMac() {
        assertThat(GuestInput.checkLogin(" root ", "pw")).isEqualTo("root");
        assertThatThrownBy(() -> GuestInput.checkLogin(" ", "")).isInstanceOf(FieldProblems.class)
                .satisfies(e -> assertThat(((FieldProblems) e).problems()).extracting(FieldProblems.Problem::field)
                        .containsExactly("username", "credential"));
        assertThat(GuestInput.checkMac("52-54-00-AA-BB-CC")).isEqualTo("52:54:00:aa:bb:cc");
        assertThatThrownBy(() -> GuestInput.checkMac("01:00:5e:00:00:01")).isInstanceOf(FieldProblems.class);
    }

    @Test
    void refusesUrlsWithUserInfoAndAuditsNeitherQueryNorFragment() {
        assertThatThrownBy(() -> GuestInput.checkUrl("https://alice:s3cret@intranet.example/a"))
                .isInstanceOf(FieldProblems.class)
                .satisfies(e -> assertThat(((FieldProblems) e).problems()).extracting(FieldProblems.Problem::messageKey)
                        .containsExactly("vm.guest.field.url.userInfo"));
        assertThat(GuestInput.auditUrl("HTTPS://intranet.example:8443/a/b?token=s3cret#frag"))
                .isEqualTo("https://intranet.example:8443/a/b");
        assertThat(GuestInput.auditUrl("http://intranet.example?x=1")).isEqualTo("http://intranet.example");
    }

    @Test
    void refusesControlAndFormatCharactersInPathsAndUserNames() {
        for (String bad : List.of("\u0000", "\u001b", "\u007f", "\u202e", "\u2028", "\u200b", "\t")) {
            assertThatThrownBy(() -> GuestInput.checkFile("/tmp/a" + bad + "b", "x")).as(bad)
                    .isInstanceOf(FieldProblems.class)
                    .satisfies(e -> assertThat(((FieldProblems) e).problems()).extracting(FieldProblems.Problem::field)
                            .containsExactly("path"));
            assertThatThrownBy(() -> GuestInput.checkLogin("ro" + bad + "ot", "pw")).as(bad)
                    .isInstanceOf(FieldProblems.class)
                    .satisfies(e -> assertThat(((FieldProblems) e).problems())
                            .extracting(FieldProblems.Problem::messageKey)
                            .containsExactly("vm.guest.field.username.control"));
        }
        assertThat(GuestInput.checkFile("/tmp/文件 1.txt", "x")).isEqualTo("/tmp/文件 1.txt");
    }

    @Test
    void sortsProcessesByTheChosenColumn() {
        List<GuestService.Process> processes = List.of(new GuestService.Process("b", 10L, 1.5, 0, 300),
                new GuestService.Process("A", 2L, 9.0, 0, 100), new GuestService.Process("c", 33L, 0.1, 0, 200));
        assertThat(GuestSort.of("pid", "asc").processes(processes)).extracting(GuestService.Process::pid)
                .containsExactly(2L, 10L, 33L);
        assertThat(GuestSort.of("cpu", "desc").processes(processes)).extracting(GuestService.Process::name)
                .containsExactly("A", "b", "c");
        assertThat(GuestSort.of("nonsense", null).processes(processes)).extracting(GuestService.Process::name)
                .containsExactly("A", "b", "c");
        assertThat(GuestSort.of("memory", "asc").next("memory")).isEqualTo("desc");
        assertThat(GuestSort.of("memory", "desc").next("memory")).isEqualTo("asc");
        assertThat(GuestSort.of("memory", "desc").next("name")).isEqualTo("asc");
    }

    @Test
    void sortsSoftwareVersionsAsVersionsNotAsText() {
        List<GuestService.Software> software = List.of(new GuestService.Software("a", "1.10.0"),
                new GuestService.Software("b", "1.9.2"), new GuestService.Software("c", "1.9"),
                new GuestService.Software("d", "10.0"), new GuestService.Software("e", "2.0-rc1"),
                new GuestService.Software("f", "2.0"), new GuestService.Software("g", ""));
        assertThat(GuestSort.of("version", "asc").software(software)).extracting(GuestService.Software::version)
                .containsExactly("", "1.9", "1.9.2", "1.10.0", "2.0", "2.0-rc1", "10.0");
        assertThat(GuestSort.of("version", "desc").software(software)).extracting(GuestService.Software::version)
                .startsWith("10.0", "2.0-rc1", "2.0", "1.10.0");
        assertThat(GuestSort.compareVersions("7.4.1708", "7.10")).isNegative();
        assertThat(GuestSort.compareVersions("1.2.3", "1.02.3")).isZero();
        assertThat(GuestSort.compareVersions("1.2a", "1.2b")).isNegative();
    }
}
