package io.vsip4x.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The results file stays readable: prose wrapped, tables and headings whole. */
class ReportTest {

    @Test
    void proseIsWrappedAndTablesAreNot() {
        String prose = "word ".repeat(60).trim();
        String row = "| " + "cell ".repeat(40) + "|";
        String wrapped = Report.wrap("# Heading " + "x".repeat(120) + "\n\n" + prose + "\n" + row + "\n");

        String[] lines = wrapped.split("\n", -1);
        assertThat(lines[0]).startsWith("# Heading").hasSizeGreaterThan(Report.WIDTH);
        assertThat(lines[2]).hasSizeLessThanOrEqualTo(Report.WIDTH);
        assertThat(String.join(" ", lines[2], lines[3], lines[4])).isEqualTo(prose);
        assertThat(wrapped).contains("\n" + row + "\n").endsWith("\n");
    }
}
