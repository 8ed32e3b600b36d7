package org.w3id.mevo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.w3id.mevo.core.ProjectLayout;

/** A throw-away copy of the checkout's curated files, for tests that break them on purpose. */
public final class ProjectCopy {
    private ProjectCopy() {}

    public static ProjectLayout of(ProjectLayout source, Path target) throws IOException {
        for (String dir : new String[] {"ontology", "fuseki-config"}) org.w3id.mevo.core.FileTrees.copy(source.root().resolve(dir), target.resolve(dir));
        return new ProjectLayout(target);
    }

    public static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    public static long lineCount(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).size();
    }

    /** Replaces one cell (by column name) of the first data row (row 3) of a template table, returning its line number. */
    public static long editFirstRecord(Path table, String column, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(table, StandardCharsets.UTF_8));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int c = header.indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + table);
        String[] cells = lines.get(2).split("\t", -1);
        cells[c] = value;
        lines.set(2, String.join("\t", cells));
        Files.write(table, lines, StandardCharsets.UTF_8);
        return 3;
    }
}
