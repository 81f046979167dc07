package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.web.CsvCells;
import io.vsip4x.portal.web.FieldProblems;
import org.junit.jupiter.api.Test;

/** The tenants table's sort parameter and its CSV cells. */
class TenantSortTest {

    @Test
    void aKnownColumnSortsNoneIsTheDefaultAndAnythingElseIsRefused() {
        assertThat(TenantSort.parse("-cpu")).isEqualTo(new TenantSort("cpu", true));
        assertThat(TenantSort.parse("share")).isEqualTo(new TenantSort("share", false));
        assertThat(TenantSort.parse(null)).isEqualTo(TenantSort.DEFAULT);
        assertThat(TenantSort.parse(" ")).isEqualTo(TenantSort.DEFAULT);
        for (String unknown : new String[] {"-", "--cpu", "password", "name desc"}) {
            assertThat(TenantSort.read(unknown)).as(unknown).isEmpty();
            assertThatThrownBy(() -> TenantSort.parse(unknown)).as(unknown).isInstanceOfSatisfying(
                    FieldProblems.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p.field()).isEqualTo("sort"))
                            .satisfies(p -> assertThat(p.messageKey()).isEqualTo("tenants.error.sort")));
        }
        assertThat(TenantSort.params()).isEqualTo(
                "name, code, vms, cpu, memoryMb, diskGb, dataDiskGb, snapshots, backups, share");
    }

    @Test
    void headerLinksTurnTheSortedColumnRoundAndStartOthersByTheirNaturalOrder() {
        TenantSort byCpu = TenantSort.parse("-cpu");
        assertThat(byCpu.toggle("cpu")).isEqualTo("cpu");
        assertThat(byCpu.toggle("name")).isEqualTo("name");
        assertThat(byCpu.toggle("vms")).isEqualTo("-vms");
        assertThat(byCpu.direction("cpu")).isEqualTo("desc");
        assertThat(byCpu.direction("vms")).isNull();
        assertThat(TenantSort.DEFAULT.toggle("code")).isEqualTo("-code");
    }

    @Test
    void csvCellsAreQuotedAndDefusedAsSpreadsheetsNeed() {
        assertThat(CsvCells.cell("plain")).isEqualTo("plain");
        assertThat(CsvCells.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-1")).isEqualTo("'-1");
        assertThat(CsvCells.cell("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void fullwidthFormulaSignsAreDefusedToo() {
        assertThat(CsvCells.cell("＝1＋2")).isEqualTo("'＝1＋2");
        assertThat(CsvCells.cell("＋1")).isEqualTo("'＋1");
        assertThat(CsvCells.cell("－1")).isEqualTo("'－1");
        assertThat(CsvCells.cell("＠cmd")).isEqualTo("'＠cmd");
        assertThat(CsvCells.cell("研发部＝")).as("only at the start").isEqualTo("研发部＝");
    }
}
