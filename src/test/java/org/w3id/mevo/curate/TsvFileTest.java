package org.w3id.mevo.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TSV writer beside the reader: what it writes reads back cell for cell. */
@Tag("fast")
class TsvFileTest {
    @Test
    void writtenRowsReadBackCellForCell(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.tsv");
        new TsvFile.Writer().row("id", "note", "empty")
                .verbatim("# a comment line, kept as it is")
                .row("MEVO:1", "a\ttab and a\nline feed", null)
                .row(Arrays.asList("MEVO:2", "plain | piped", ""))
                .writeTo(f);
        assertEquals("id\tnote\tempty\n# a comment line, kept as it is\nMEVO:1\ta tab and a line feed\t\nMEVO:2\tplain | piped\t\n",
                Files.readString(f, StandardCharsets.UTF_8));
        TsvFile t = TsvFile.read(f);
        assertEquals(List.of("id", "note", "empty"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals(List.of("MEVO:1", "a tab and a line feed", ""), t.rows().get(0).cells());
        assertEquals(3, t.rows().get(0).line(), "line numbers count the comment line");
        assertEquals(List.of("MEVO:2", "plain | piped", ""), t.rows().get(1).cells());
        assertEquals(List.of(), Files.list(dir).filter(p -> !p.equals(f)).toList(), "no temporary file is left");
    }

    @Test
    void cellsAndLinesFollowOneRule() {
        assertEquals(List.of("a", "", "b", ""), TsvFile.cells("a\t\tb\t"));
        assertEquals(List.of(""), TsvFile.cells(""));
        assertEquals("a\t\tb\t", TsvFile.line(TsvFile.cells("a\t\tb\t")));
        assertEquals("", TsvFile.cell(null));
        assertEquals("x y z", TsvFile.cell("x\ty\nz"));
    }
}
