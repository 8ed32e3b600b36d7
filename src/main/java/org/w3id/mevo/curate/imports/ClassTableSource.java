package org.w3id.mevo.curate.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/** A class table (TSV: cls, cls_label, …, such as Mondo's reports/class-stats.tsv): IDs with labels only. */
public final class ClassTableSource implements TermSource {
    private final Map<String, ExternalTerm> terms = new HashMap<>();

    public ClassTableSource(Path file, Prefixes prefixes) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SourceFiles.open(file), StandardCharsets.UTF_8))) {
            String head = r.readLine();
            if (head == null || !head.startsWith("cls\tcls_label")) throw new MevoException(file + ":1: expected header 'cls<TAB>cls_label…'");
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split("\t", -1);
                if (c.length < 2 || !c[0].contains(":")) continue;
                String label = c[1].strip();
                if (label.length() >= 2 && label.startsWith("\"") && label.endsWith("\"")) label = label.substring(1, label.length() - 1).replace("\\\"", "\"");
                ExternalTerm t = new ExternalTerm(SourceFiles.iri(c[0].strip(), prefixes));
                t.label = label;
                t.deprecated = label.startsWith("obsolete ");
                terms.putIfAbsent(t.iri, t);
            }
        } catch (IOException e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public ExternalTerm get(String iri) { return terms.get(iri); }
}
