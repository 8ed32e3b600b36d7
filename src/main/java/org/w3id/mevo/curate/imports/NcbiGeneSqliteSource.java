package org.w3id.mevo.curate.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.w3id.mevo.core.MevoException;

/**
 * NCBI Gene as Bioconductor's org.Hs.eg.db stores it (SQLite): for a gene that has an NCBIGene xref, its NCBI full
 * name and its aliases. Supplements the HGNC source; holds no terms of its own.
 */
public final class NcbiGeneSqliteSource implements TermSource {
    private final Path file;
    private final Connection db;

    public NcbiGeneSqliteSource(Path file) {
        this.file = file;
        this.db = Sqlite.open(file);
    }

    @Override public ExternalTerm get(String iri) { return null; }

    @Override
    public void supplement(ExternalTerm t) {
        for (String x : t.xrefs) {
            if (!x.startsWith("NCBIGene:")) continue;
            String entrez = x.substring("NCBIGene:".length());
            List<String> src = List.of(x);
            try {
                try (PreparedStatement s = db.prepareStatement("SELECT i.gene_name FROM genes g JOIN gene_info i ON i._id = g._id WHERE g.gene_id = ?")) {
                    s.setString(1, entrez);
                    try (ResultSet r = s.executeQuery()) { while (r.next()) addNew(t, "Exact", r.getString(1), src); }
                }
                try (PreparedStatement s = db.prepareStatement("SELECT a.alias_symbol FROM genes g JOIN alias a ON a._id = g._id WHERE g.gene_id = ? ORDER BY a.alias_symbol")) {
                    s.setString(1, entrez);
                    try (ResultSet r = s.executeQuery()) { while (r.next()) addNew(t, "Related", r.getString(1), src); }
                }
            } catch (SQLException e) {
                throw new MevoException(file + ": cannot read gene " + entrez + " (is this org.Hs.eg.db's org.Hs.eg.sqlite?): " + e.getMessage(), e);
            }
        }
    }

    /** only names HGNC does not already give are added, each with the NCBI Gene record as its source */
    private static void addNew(ExternalTerm t, String scope, String name, List<String> src) {
        if (name == null || name.strip().equals(t.label)) return;
        for (ExternalTerm.Synonym s : t.synonyms) if (s.text.equals(name.strip())) return;
        t.addSynonym(scope, name, src);
    }

    @Override public void close() { Sqlite.close(db); }
}
