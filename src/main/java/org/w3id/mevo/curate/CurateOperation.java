package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.w3id.mevo.core.Graphs;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * Curate: load the edit file with its imports (the committed import modules: the build never regenerates them,
 * {@code ./mevo refresh-imports} does), check that every term of the term tables is in its module and placed as the
 * table says, compile the tables.
 */
public final class CurateOperation {

    /** @param tableDirs folders whose *.tsv files are template tables (claims, references, trials) */
    public record Options(Path editFile, Path catalog, Path prefixes, Path importsDir, List<Path> tableDirs) {
        public static Options of(ProjectLayout layout) {
            return new Options(layout.editFile(), layout.catalog(), layout.prefixes(), layout.importsDir(),
                    List.of(layout.tablesDir(), layout.referencesDir()));
        }
    }

    private final StepLog log;

    public CurateOperation(StepLog log) { this.log = log; }

    public CuratedKb run(Options o) {
        var step = log.start("load");
        Prefixes prefixes = Prefixes.load(o.prefixes());
        OntologySources sources = OntologySources.load(o.editFile(), Catalog.load(o.catalog()));
        Graph tbox = merge(sources);
        var repairs = ObsoleteRepair.repair(tbox);
        step.done("files=" + sources.files().size() + " triples=" + tbox.size() + " obsolete-references-replaced=" + repairs.size());
        if (!repairs.isEmpty()) {
            java.util.Map<String, Long> perTerm = new java.util.TreeMap<>();
            repairs.forEach(r -> perTerm.merge(prefixes.shorten(r.obsolete()) + " -> " + (r.replacement() == null
                    ? "(subclass link of " + prefixes.shorten(r.subject()) + " dropped)" : prefixes.shorten(r.replacement())), 1L, Long::sum));
            log.info("obsolete terms still named in the sources: replaced by their successor (IAO:0100001), or a subclass link "
                    + "to an obsolete parent with no successor dropped; update the files that name them: " + perTerm);
        }

        step = log.start("imports");
        var modules = ImportTerms.read(o.importsDir(), prefixes);
        checkModules(modules, sources, prefixes);
        step.done("terms=" + modules.values().stream().mapToInt(List::size).sum() + " modules=" + modules.size());

        step = log.start("tables");
        TermResolver resolver = new TermResolver(tbox, prefixes);
        Graph abox = GraphFactory.createDefaultGraph();
        Graph flat = GraphFactory.createDefaultGraph();
        Map<String, String> locations = new LinkedHashMap<>();
        int records = 0;
        List<Path> tables = tableFiles(o.tableDirs());
        for (Path file : tables) {
            TemplateTable.Compiled c = TemplateTable.parse(TsvFile.read(file), prefixes).compile(resolver);
            Graphs.addAll(abox, c.owl());
            Graphs.addAll(flat, c.flat());
            for (var e : c.locations().entrySet()) {
                String before = locations.putIfAbsent(e.getKey(), e.getValue());
                if (before != null)
                    throw new MevoException(e.getValue() + ": record " + prefixes.shorten(e.getKey())
                            + " is also defined at " + before);
            }
            records += c.records();
        }
        step.done("tables=" + tables.size() + " records=" + records + " abox-triples=" + abox.size());
        // ontology terms: where they are curated (after the records, which keep their table rows)
        Path root = o.editFile().toAbsolutePath().getParent() == null ? null : o.editFile().toAbsolutePath().getParent().getParent();
        TermLocations.of(sources.paths().values(), root).forEach(locations::putIfAbsent);
        return new CuratedKb(sources.ontologyIri(), tbox, abox, flat, locations);
    }

    /**
     * Every listed term must be a class in its committed module, and its mevo_parent placement must be in the bridge
     * component: otherwise the table was edited without running {@code ./mevo refresh-imports}.
     */
    static void checkModules(java.util.Map<String, List<ImportTerms.Term>> modules, OntologySources sources, Prefixes prefixes) {
        Graph bridge = sources.files().get(RefreshImportsOperation.PLACEMENTS_IRI);
        for (var e : modules.entrySet()) {
            Graph module = sources.files().get(ImportTerms.moduleIri(e.getKey()));
            for (ImportTerms.Term t : e.getValue()) {
                Node term = NodeFactory.createURI(t.iri());
                if (module == null || !module.contains(term, org.apache.jena.vocabulary.RDF.type.asNode(), OWL2.Class.asNode()))
                    throw new org.w3id.mevo.core.CurationException(t.file(), t.line(), "column 'id'", t.id() + " is not in "
                            + e.getKey() + ImportTerms.MODULE_SUFFIX + " (or the module is not imported): run ./mevo refresh-imports");
                if (t.mevoParentIri() != null && (bridge == null || !bridge.contains(term,
                        org.apache.jena.vocabulary.RDFS.subClassOf.asNode(), NodeFactory.createURI(t.mevoParentIri()))))
                    throw new org.w3id.mevo.core.CurationException(t.file(), t.line(), "column 'mevo_parent'", t.id() + " is not placed under "
                            + prefixes.shorten(t.mevoParentIri()) + " in components/external-placements.ttl: run ./mevo refresh-imports");
            }
        }
    }

    /** Union of all files; component headers and owl:imports are dropped so the result is one ontology. */
    static Graph merge(OntologySources sources) {
        Graph g = GraphFactory.createDefaultGraph();
        Node root = NodeFactory.createURI(sources.ontologyIri());
        for (var e : sources.files().entrySet()) {
            Node header = NodeFactory.createURI(e.getKey());
            e.getValue().find().forEach(t -> {
                if (t.getPredicate().equals(OWL2.imports.asNode())) return;
                if (!header.equals(root) && t.getSubject().equals(header)) return;
                g.add(t);
            });
        }
        return g;
    }

    static List<Path> tableFiles(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        dirs.forEach(d -> out.addAll(org.w3id.mevo.core.TextFiles.list(d, ".tsv")));
        return out;
    }
}
