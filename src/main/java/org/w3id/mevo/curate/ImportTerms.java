package org.w3id.mevo.curate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.Prefixes;

/**
 * The external terms MEVO uses, one small table per source ontology ({@code ontology/imports/NAME_terms.tsv}):
 * {@code id} and {@code mevo_parent} (where MEVO places the term; optional), and, only for a term that none of the
 * module's pinned sources holds, its {@code label} and the {@code source} (database or page, with date) where it was
 * seen. Everything else about a term comes from the pinned source: {@code ./mevo refresh-imports} extracts the
 * module {@code NAME_import.ttl} (IRI {@code https://w3id.org/mevo/imports/NAME_import.owl}) from it, and the build
 * reads the committed modules only.
 */
public final class ImportTerms {
    public static final String TABLE_SUFFIX = "_terms.tsv";
    public static final String MODULE_SUFFIX = "_import.ttl";
    
    /** @param mevoParentIri MEVO's placement (null when none); label and source are set only for table-only terms */
    public record Term(String id, String iri, String mevoParentIri, String label, String source, Path file, long line) {
        public boolean tableOnly() { return !label.isEmpty(); }
    }

    private ImportTerms() {}

    public static List<Path> tables(Path importsDir) { return org.w3id.mevo.core.TextFiles.list(importsDir, TABLE_SUFFIX); }

    public static String moduleName(Path table) {
        String n = table.getFileName().toString();
        return n.substring(0, n.length() - TABLE_SUFFIX.length());
    }

    public static String moduleIri(String name) { return org.w3id.mevo.core.MevoIris.IMPORTS_NS + name + "_import.owl"; }

    /** Reads and checks every term table, grouped by module name; an id may appear in one table only. */
    public static Map<String, List<Term>> read(Path importsDir, Prefixes prefixes) {
        Map<String, Term> byIri = new TreeMap<>();
        Map<String, List<Term>> byModule = new LinkedHashMap<>();
        for (Path file : tables(importsDir)) {
            TsvFile t = TsvFile.read(file);
            int cId = t.column("id"), cParent = t.column("mevo_parent"), cLabel = t.column("label"), cSource = t.column("source");
            List<Term> terms = new ArrayList<>();
            for (TsvFile.Row r : t.rows()) {
                String id = r.cell(cId);
                String iri = prefixes.expand(id).orElseThrow(() -> new CurationException(file, r.line(),
                        "column 'id'", "'" + id + "' is not a CURIE with a prefix from prefixes.tsv"));
                String parent = r.cell(cParent);
                String parentIri = parent.isEmpty() ? null : prefixes.expand(parent).orElseThrow(() ->
                        new CurationException(file, r.line(), "column 'mevo_parent'", "'" + parent + "' is not a known CURIE"));
                String label = r.cell(cLabel), source = r.cell(cSource);
                if (label.isEmpty() != source.isEmpty())
                    throw new CurationException(file, r.line(), label.isEmpty() ? "column 'label'" : "column 'source'",
                            id + ": a term that no pinned source holds needs both its label and the source (database or page, date) where it was seen; leave both empty otherwise");
                Term term = new Term(id, iri, parentIri, label, source, file, r.line());
                Term prev = byIri.putIfAbsent(iri, term);
                if (prev != null)
                    throw new CurationException(file, r.line(), "column 'id'", id + " is already listed at "
                            + prev.file().getFileName() + ":" + prev.line() + "; keep each term in one table");
                terms.add(term);
            }
            byModule.put(moduleName(file), terms);
        }
        return byModule;
    }
}
