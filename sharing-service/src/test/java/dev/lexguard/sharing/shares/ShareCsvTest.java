package dev.lexguard.sharing.shares;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShareCsvTest {

    @Test
    void quotesSeparatorsQuotesAndLineBreaks() {
        assertThat(ShareCsv.line("plain", "a,b", "say \"hi\"", "two\nlines", null, 3))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,3");
    }

    @Test
    void defusesSpreadsheetFormulas() {
        assertThat(ShareCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(ShareCsv.cell("+SUM(A1)")).isEqualTo("'+SUM(A1)");
        assertThat(ShareCsv.cell("@cmd")).isEqualTo("'@cmd");
        assertThat(ShareCsv.cell("-2")).isEqualTo("'-2");
        assertThat(ShareCsv.cell(-2)).isEqualTo("-2");
    }

    @Test
    void timesAreIso8601() {
        assertThat(ShareCsv.cell(Instant.parse("2026-11-29T21:00:00.123456Z"))).isEqualTo("2026-11-29T21:00:00.123456Z");
    }
}
