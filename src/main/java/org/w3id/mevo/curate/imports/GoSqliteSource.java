package org.w3id.mevo.curate.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.w3id.mevo.core.MevoException;

/**
 * The Gene Ontology as Bioconductor's GO.db stores it (SQLite, from go-basic.obo): label, definition, synonyms
 * (GO.db keeps no synonym scope), alternative IDs, is_a parents, obsolete terms.
 */
public final class GoSqliteSource implements TermSource {
    static final String GO = "http://purl.obolibrary.org/obo/GO_";
    private final Path file;
    private final Connection db;

    public GoSqliteSource(Path file) {
        this.file = file;
        this.db = Sqlite.open(file);
    }

    @Override
    public ExternalTerm get(String iri) {
        if (!iri.startsWith(GO)) return null;
        String id = "GO:" + iri.substring(GO.length());
        try {
            ExternalTerm t = new ExternalTerm(iri);
            try (PreparedStatement s = db.prepareStatement("SELECT term, definition FROM go_term WHERE go_id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) { t.label = r.getString(1); t.definition = blank(r.getString(2)); }
                }
            }
            if (t.label == null) {
                try (PreparedStatement s = db.prepareStatement("SELECT term, definition FROM go_obsolete WHERE go_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) return null;
                        t.label = r.getString(1); t.definition = blank(r.getString(2)); t.deprecated = true;
                    }
                }
                return t;
            }
            try (PreparedStatement s = db.prepareStatement("SELECT s.synonym, s.secondary, s.like_go_id FROM go_synonym s "
                    + "JOIN go_term t ON t._id = s._id WHERE t.go_id = ? ORDER BY s.synonym")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (r.getInt(3) == 1) t.altIds.add(r.getString(2) != null ? r.getString(2) : r.getString(1));
                        else t.addSynonym(null, r.getString(1), java.util.List.of());
                    }
                }
            }
            for (String ns : new String[] {"bp", "cc", "mf"}) {
                try (PreparedStatement s = db.prepareStatement("SELECT p.go_id FROM go_" + ns + "_parents r "
                        + "JOIN go_term c ON c._id = r._id JOIN go_term p ON p._id = r._parent_id "
                        + "WHERE c.go_id = ? AND r.relationship_type = 'isa' AND p.go_id LIKE 'GO:%' ORDER BY p.go_id")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) t.parents.add(GO + r.getString(1).substring(3));
                    }
                }
            }
            return t;
        } catch (SQLException e) {
            throw new MevoException(file + ": cannot read " + id + " (is this GO.db's GO.sqlite?): " + e.getMessage(), e);
        }
    }

    private static String blank(String s) { return s == null || s.isBlank() ? null : s; }

    @Override public void close() { Sqlite.close(db); }
}
