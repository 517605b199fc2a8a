package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void cellsAreQuotedWhenNeededAndFormulasDefused() {
        assertThat(ExportResource.cell("plain")).isEqualTo("plain");
        assertThat(ExportResource.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportResource.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportResource.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ExportResource.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(ExportResource.cell("-5")).isEqualTo("\"'-5\"");
        assertThat(ExportResource.cell("")).isEqualTo("");
    }
}
