package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.StepLog;

/**
 * {@code ./mevo refresh-imports --sources DIR}: fills each term table's source_parent and source_parent_label
 * columns from the source ontology files (the ODK "refresh imports" step), and reports terms whose label in the
 * table differs from the source's current label. The tables stay the single source of truth; the build then
 * writes the import modules from them, offline.
 */
public final class RefreshImportsOperation {
    public record Options(Path importsDir, Path sourcesDir, Path prefixes) {}

    public record Result(int terms, int withParent, int notInSources, List<String> labelMismatches) {}

    private final StepLog log;

    public RefreshImportsOperation(StepLog log) { this.log = log; }

    public Result run(Options o) {
        var step = log.start("refresh");
        Prefixes prefixes = Prefixes.load(o.prefixes());
        SourceOntologies src = SourceOntologies.read(o.sourcesDir(), prefixes);
        int terms = 0, withParent = 0, missing = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path table : ImportTerms.tables(o.importsDir())) {
            List<String> lines;
            try {
                lines = new ArrayList<>(Files.readAllLines(table, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MevoException("cannot read " + table + ": " + e.getMessage(), e);
            }
            List<String> header = List.of(lines.get(0).split("\t", -1));
            int cId = header.indexOf("id"), cLabel = header.indexOf("label"),
                cSp = header.indexOf("source_parent"), cSpl = header.indexOf("source_parent_label");
            if (cId < 0 || cLabel < 0 || cSp < 0 || cSpl < 0)
                throw new MevoException(table + ":1: header needs id, label, source_parent, source_parent_label");
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank() || lines.get(i).startsWith("#")) continue;
                String[] cells = lines.get(i).split("\t", -1);
                terms++;
                var e = src.terms().get(cells[cId].trim());
                if (e == null) { missing++; continue; }
                if (e.label() != null && !e.label().equals(cells[cLabel].trim()))
                    mismatches.add(table.getFileName() + ":" + (i + 1) + " " + cells[cId] + " '" + cells[cLabel]
                            + "' is '" + e.label() + "' in the source");
                List<String> ps = e.parents().stream().filter(p -> prefixes.expand(p).isPresent()).toList();
                cells[cSp] = String.join(" | ", ps);
                cells[cSpl] = String.join(" | ", ps.stream().map(p -> {
                    var pe = src.terms().get(p);
                    return pe == null || pe.label() == null ? "" : pe.label();
                }).toList());
                if (!ps.isEmpty()) withParent++;
                lines.set(i, String.join("\t", cells));
            }
            try {
                Path tmp = table.resolveSibling(table.getFileName() + ".tmp");
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new MevoException("cannot write " + table + ": " + e.getMessage(), e);
            }
        }
        step.done("source-terms=" + src.terms().size() + " terms=" + terms + " with-source-parent=" + withParent
                + " not-in-sources=" + missing + " label-mismatches=" + mismatches.size());
        mismatches.forEach(m -> log.info("label differs: " + m));
        return new Result(terms, withParent, missing, mismatches);
    }
}
