package org.w3id.mevo.curate.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3id.mevo.core.MevoException;

/**
 * HGNC's complete set (TSV, optionally gzipped). A gene's label is its approved symbol (as HGNC and Mondo use it);
 * its approved name is an exact synonym; alias symbols, alias names, previous symbols and previous names are
 * related synonyms (they are not always unique to the gene); xrefs: NCBIGene, ENSEMBL, UniProtKB, miRBase.
 */
public final class HgncSource implements TermSource {
    public static final String HGNC = "http://identifiers.org/hgnc/";
    private final Path file;
    private final List<String> header;
    private final Map<String, String[]> rows = new HashMap<>();

    public HgncSource(Path file) {
        this.file = file;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SourceFiles.open(file), StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null) throw new MevoException(file + ":1: empty file");
            header = List.of(first.split("\t", -1));
            for (String c : List.of("hgnc_id", "symbol", "name", "alias_symbol", "alias_name", "prev_symbol", "prev_name",
                    "entrez_id", "ensembl_gene_id", "uniprot_ids", "status"))
                if (!header.contains(c)) throw new MevoException(file + ":1: HGNC header has no column '" + c + "'");
            String line;
            int cId = header.indexOf("hgnc_id");
            while ((line = r.readLine()) != null) {
                String[] cells = line.split("\t", -1);
                if (cells.length > cId) rows.put(cells[cId], cells);
            }
        } catch (IOException e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> cell(String[] row, String column) {
        int i = header.indexOf(column);
        if (i < 0 || i >= row.length) return List.of();
        String v = row[i].strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
        if (v.isEmpty()) return List.of();
        return java.util.Arrays.stream(v.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public ExternalTerm get(String iri) {
        if (!iri.startsWith(HGNC)) return null;
        String[] row = rows.get("HGNC:" + iri.substring(HGNC.length()));
        if (row == null) return null;
        ExternalTerm t = new ExternalTerm(iri);
        t.label = cell(row, "symbol").stream().findFirst().orElse(null);
        cell(row, "name").forEach(n -> t.addSynonym("Exact", n, List.of()));
        for (String c : List.of("alias_symbol", "alias_name", "prev_symbol", "prev_name"))
            cell(row, c).forEach(n -> t.addSynonym("Related", n, List.of()));
        cell(row, "entrez_id").forEach(x -> t.xrefs.add("NCBIGene:" + x));
        cell(row, "ensembl_gene_id").forEach(x -> t.xrefs.add("ENSEMBL:" + x));
        cell(row, "uniprot_ids").forEach(x -> t.xrefs.add("UniProtKB:" + x));
        cell(row, "mirbase").forEach(x -> t.xrefs.add("miRBase:" + x));
        if (!cell(row, "status").contains("Approved")) t.deprecated = true;
        return t;
    }
}
