package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/**
 * External terms MEVO uses, one term table per source ontology ({@code ontology/imports/NAME_terms.tsv}: id, label,
 * parent, ontology, source, source_parent, source_parent_label), each written out by the build as the import module
 * {@code NAME_import.ttl} (IRI {@code https://w3id.org/mevo/imports/NAME_import.owl}) that the edit file imports.
 * Adding a term is one line in a table.
 */
public final class ImportTerms {
    public static final String TABLE_SUFFIX = "_terms.tsv";
    public static final String MODULE_SUFFIX = "_import.ttl";
    public static final String MODULE_BASE = "https://w3id.org/mevo/imports/";

    /** @param parentIri MEVO placement (upper class or another term); @param sourceParents parents in the source ontology */
    public record Term(String id, String iri, String label, String parentIri, String ontology, String source,
                       List<String> sourceParents, List<String> sourceParentLabels, Path file, long line) {}

    private ImportTerms() {}

    public static List<Path> tables(Path importsDir) { return org.w3id.mevo.core.TextFiles.list(importsDir, TABLE_SUFFIX); }

    public static String moduleName(Path table) {
        String n = table.getFileName().toString();
        return n.substring(0, n.length() - TABLE_SUFFIX.length());
    }

    public static String moduleIri(String name) { return MODULE_BASE + name + "_import.owl"; }

    /** Reads and checks every term table, grouped by table; an id may appear in one table only. */
    public static Map<String, List<Term>> read(Path importsDir, Prefixes prefixes) {
        Map<String, Term> byIri = new TreeMap<>();
        Map<String, List<Term>> byModule = new LinkedHashMap<>();
        for (Path file : tables(importsDir)) {
            TsvFile t = TsvFile.read(file);
            int cId = t.column("id"), cLabel = t.column("label"), cParent = t.column("parent"),
                cOnt = t.column("ontology"), cSource = t.column("source");
            int cSp = t.header().indexOf("source_parent"), cSpl = t.header().indexOf("source_parent_label");
            List<Term> terms = new ArrayList<>();
            for (TsvFile.Row r : t.rows()) {
                String id = r.cell(cId);
                String iri = prefixes.expand(id).orElseThrow(() -> new CurationException(file, r.line(),
                        "column 'id'", "'" + id + "' is not a CURIE with a prefix from prefixes.tsv"));
                String label = r.cell(cLabel);
                if (label.isEmpty()) throw new CurationException(file, r.line(), "column 'label'", "empty label for " + id);
                String parent = r.cell(cParent);
                String parentIri = parent.isEmpty() ? null : prefixes.expand(parent).orElseThrow(() ->
                        new CurationException(file, r.line(), "column 'parent'", "'" + parent + "' is not a known CURIE"));
                if (r.cell(cSource).isEmpty())
                    throw new CurationException(file, r.line(), "column 'source'", "say where " + id + " was confirmed");
                List<String> sp = cSp < 0 ? List.of() : split(r.cell(cSp));
                List<String> spl = cSpl < 0 ? List.of() : split(r.cell(cSpl));
                for (String p : sp)
                    if (prefixes.expand(p).isEmpty())
                        throw new CurationException(file, r.line(), "column 'source_parent'", "'" + p + "' is not a known CURIE");
                Term term = new Term(id, iri, label, parentIri, r.cell(cOnt), r.cell(cSource), sp, spl, file, r.line());
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

    private static List<String> split(String cell) {
        if (cell.isBlank()) return List.of();
        return List.of(cell.trim().split("\\s*\\|\\s*"));
    }

    /**
     * Writes each module deterministically (sorted, fixed layout); returns how many files changed. A source parent
     * that is not itself a listed term is declared in the module with its source label, so the module shows where
     * each term sits in its own ontology.
     */
    public static int writeModules(Map<String, List<Term>> modules, Path importsDir, Prefixes prefixes) {
        java.util.Set<String> listed = new java.util.HashSet<>();
        modules.values().forEach(ts -> ts.forEach(t -> listed.add(t.iri())));
        int changed = 0;
        for (var e : modules.entrySet()) {
            StringBuilder sb = new StringBuilder();
            sb.append("# GENERATED by `./mevo build` from ").append(e.getKey()).append(TABLE_SUFFIX)
              .append(" - edit that table, not this file.\n");
            sb.append("@prefix owl:      <http://www.w3.org/2002/07/owl#> .\n");
            sb.append("@prefix rdfs:     <http://www.w3.org/2000/01/rdf-schema#> .\n");
            sb.append("@prefix dcterms:  <http://purl.org/dc/terms/> .\n\n");
            sb.append('<').append(moduleIri(e.getKey())).append("> a owl:Ontology ;\n");
            sb.append("    rdfs:comment ").append(literal("MEVO import module for " + e.getKey()
                    + ": the terms MEVO uses, with their labels and parents as seen in the source ontology, and their place under MEVO's upper classes. The source ontology keeps its own license.")).append(" .\n\n");
            Map<String, String> extraParents = new TreeMap<>();
            List<Term> sorted = new ArrayList<>(e.getValue());
            sorted.sort(java.util.Comparator.comparing(Term::iri));
            for (Term t : sorted) {
                sb.append('<').append(t.iri()).append("> a owl:Class ;\n");
                sb.append("    rdfs:label ").append(literal(t.label())).append(" ;\n");
                if (t.parentIri() != null) sb.append("    rdfs:subClassOf <").append(t.parentIri()).append("> ;\n");
                for (int i = 0; i < t.sourceParents().size(); i++) {
                    String piri = prefixes.expand(t.sourceParents().get(i)).orElseThrow();
                    sb.append("    rdfs:subClassOf <").append(piri).append("> ;\n");
                    if (!listed.contains(piri)) {
                        String pl = i < t.sourceParentLabels().size() ? t.sourceParentLabels().get(i) : "";
                        extraParents.putIfAbsent(piri, pl);
                    }
                }
                sb.append("    dcterms:source ").append(literal(t.ontology() + " - confirmed: " + t.source())).append(" .\n");
            }
            if (!extraParents.isEmpty()) sb.append("\n# parents in the source ontology that MEVO does not use directly\n");
            for (var p : extraParents.entrySet()) {
                sb.append('<').append(p.getKey()).append("> a owl:Class");
                if (!p.getValue().isEmpty()) sb.append(" ;\n    rdfs:label ").append(literal(p.getValue()));
                sb.append(" .\n");
            }
            Path target = importsDir.resolve(e.getKey() + MODULE_SUFFIX);
            String text = sb.toString();
            try {
                if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) continue;
                Files.writeString(target, text, StandardCharsets.UTF_8);
                changed++;
            } catch (IOException ex) {
                throw new MevoException("cannot write import module " + target + ": " + ex.getMessage(), ex);
            }
        }
        return changed;
    }

    static String literal(String s) { return org.w3id.mevo.core.TextFiles.quoted(s); }
}
