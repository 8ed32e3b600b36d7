package org.w3id.mevo.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.OBODocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyStorageException;
import org.w3id.mevo.core.Graphs;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.MevoIris;
import org.w3id.mevo.core.OwlBridge;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.core.UnionView;

/**
 * Publish: writes the release artefacts (ODK-style full, base, OBO, OBO Graphs JSON, claims, N-Quads dataset) into a
 * fresh sibling folder and only then swaps it into place, so a failed or interrupted build never leaves a half-written
 * release where the server looks. Blank nodes get content-derived labels and triples are written in sorted order, so
 * the same input gives byte-identical files (build-info.json, which records timings, excepted).
 */
public final class PublishOperation {
    /** @param releaseDate the date in the versionIRIs (SOURCE_DATE_EPOCH when set, else today, UTC) */
    public record Options(Path releaseDir, Map<String, String> prefixes, LocalDate releaseDate) {}

    /** What goes into a release. {@code info} is the build-info JSON text. */
    /**
     * @param extraGraphs further named graphs for the dataset (examples, service description / VoID), asked for only
     *     when the dataset is written, after the other artefacts: the build computes the description meanwhile
     */
    public record Content(String ontologyIri, Graph tbox, Graph abox, Graph inferred, Graph flat,
                          java.util.function.Supplier<Map<String, Graph>> extraGraphs, String reportTsv, String info) {}

    private final StepLog log;

    public PublishOperation(StepLog log) { this.log = log; }

    public static LocalDate releaseDate() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("[0-9]+"))
            return java.time.Instant.ofEpochSecond(Long.parseLong(epoch)).atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }

    public void run(Content c, Options o) {
        var step = log.start("publish");
        Path target = o.releaseDir().toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        String date = o.releaseDate().toString();
        List<String> files = new ArrayList<>();
        try {
            Files.createDirectories(tmp);
            // split HermiT's conclusions: subclass links belong to the ontology, types to the claims graph
            // (the types are millions of triples at scale: read through a view, never copied)
            Graph inferredTbox = GraphFactory.createDefaultGraph();
            c.inferred().find().forEachRemaining(t -> { if (!t.getPredicate().equals(RDF.type.asNode())) inferredTbox.add(t); });
            Graph inferredAbox = UnionView.filter(c.inferred(), t -> t.getPredicate().equals(RDF.type.asNode()));

            // full: the reasoned ontology, reduced (no subclass link that another one implies), as ODK's reason + reduce
            Graph full = Graphs.union(c.tbox(), inferredTbox);
            int reduced = OboArtefacts.reduce(full);
                        header(full, c.ontologyIri(), MevoIris.release(date, "mevo-full.owl"), date);
            Graph fullCanon = canonical(full, o.prefixes());
            write(tmp, "mevo-full.owl", fullCanon, RDFFormat.RDFXML_PLAIN, files);
            write(tmp, "mevo-full.ttl", fullCanon, RDFFormat.TURTLE_BLOCKS, files);
            Graph main = OboArtefacts.copy(full);
            header(main, c.ontologyIri(), MevoIris.release(date, Release.OWL_FILE), date);
            write(tmp, Release.OWL_FILE, canonical(main, o.prefixes()), RDFFormat.RDFXML_PLAIN, files);

            // base: MEVO's own axioms of the reasoned, reduced ontology, with declarations, written by the OWL API
            writeString(tmp, "mevo-base.owl", OboArtefacts.base(OboArtefacts.owl(full), MevoIris.file("mevo-base.owl"),
                    MevoIris.release(date, "mevo-base.owl")), files);

            Graph oboGraph = OboArtefacts.copy(full);
            header(oboGraph, c.ontologyIri(), MevoIris.release(date, "mevo.obo"), date);
            writeString(tmp, "mevo.obo", OboArtefacts.obo(OboArtefacts.owl(oboGraph)), files);
            Graph jsonGraph = OboArtefacts.copy(full);
            header(jsonGraph, c.ontologyIri(), MevoIris.release(date, "mevo.json"), date);
            writeString(tmp, "mevo.json", OboGraphsWriter.write(canonical(jsonGraph, o.prefixes()), c.ontologyIri(),
                    MevoIris.release(date, "mevo.json")), files);
            log.info("publish: full reduced by " + reduced + " redundant subclass links (the served inferred graph keeps the closure)");

            // the claims and the dataset are the large files (10 M quads at 100k claims): each graph is canonicalised
            // and sorted compactly (CanonicalBlankNodes.Sorted) and written from there, with no graph copy
            CanonicalBlankNodes.Sorted claims = CanonicalBlankNodes.sorted(UnionView.of(c.abox(), inferredAbox), true);
            write(tmp, "mevo-claims.ttl", inReverse(claims, o.prefixes()), RDFFormat.TURTLE_BLOCKS, files);
            claims = null;

            Graph tboxHeader = OboArtefacts.copy(c.tbox());
            header(tboxHeader, c.ontologyIri(), MevoIris.release(date, Release.OWL_FILE), date);
            Node ont = NodeFactory.createURI(c.ontologyIri());
            Graph asserted = UnionView.of(tboxHeader, UnionView.filter(c.abox(), t -> !(t.getSubject().equals(ont)
                    && (t.getPredicate().equals(OWL2.versionIRI.asNode()) || t.getPredicate().equals(OWL2.versionInfo.asNode())))));
            Map<String, CanonicalBlankNodes.Sorted> quads = new java.util.TreeMap<>();
            quads.put(Release.ASSERTED, CanonicalBlankNodes.sorted(asserted, true));
            quads.put(Release.INFERRED, CanonicalBlankNodes.sorted(c.inferred(), false));
            quads.put(Release.FLAT, CanonicalBlankNodes.sorted(c.flat(), true));
            c.extraGraphs().get().forEach((name, g) -> quads.put(name, CanonicalBlankNodes.sorted(g, true)));
            writeQuads(tmp.resolve(Release.DATASET_FILE), quads);
            files.add(Release.DATASET_FILE);
            writeString(tmp, Release.REPORT_FILE, c.reportTsv(), files);
            writeString(tmp, Release.INFO_FILE, c.info(), files);
            swap(tmp, target);
        } catch (IOException e) {
            org.w3id.mevo.core.FileTrees.delete(tmp);
            throw new MevoException("cannot write release to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            org.w3id.mevo.core.FileTrees.delete(tmp);
            throw e;
        }
        step.done("dir=" + target + " files=" + files.size() + " version=" + date);
    }

    /** Sets owl:versionIRI and owl:versionInfo of the ontology header. */
    static void header(Graph g, String ontologyIri, String versionIri, String versionInfo) {
        Node ont = NodeFactory.createURI(ontologyIri);
        g.remove(ont, OWL2.versionIRI.asNode(), Node.ANY);
        g.remove(ont, OWL2.versionInfo.asNode(), Node.ANY);
        g.add(Triple.create(ont, OWL2.versionIRI.asNode(), NodeFactory.createURI(versionIri)));
        g.add(Triple.create(ont, OWL2.versionInfo.asNode(), NodeFactory.createLiteralString(versionInfo)));
    }

    static void renameHeader(Graph g, String from, String to) {
        Node f = NodeFactory.createURI(from), t = NodeFactory.createURI(to);
        List<Triple> ts = g.find(f, Node.ANY, Node.ANY).toList();
        ts.forEach(x -> { g.delete(x); g.add(Triple.create(t, x.getPredicate(), x.getObject())); });
    }

    /**
     * MEVO's own axioms: every triple about a MEVO term (and the blank-node structures those triples lead to), plus
     * the ontology header - no import module content, no claims.
     */
    static Graph base(Graph tbox) {
        Graph out = GraphFactory.createDefaultGraph();
        List<Node> todo = new ArrayList<>();
        tbox.find().forEach(t -> {
            Node s = t.getSubject();
            boolean mevo = s.isURI() && MevoIris.isTerm(s.getURI());
            boolean header = tbox.contains(s, RDF.type.asNode(), OWL2.Ontology.asNode());
            if (mevo || header) { out.add(t); if (t.getObject().isBlank()) todo.add(t.getObject()); }
        });
        // disjointness and other axioms on blank nodes that mention MEVO terms
        tbox.find(Node.ANY, RDF.type.asNode(), OWL2.AllDisjointClasses.asNode()).forEach(t -> {
            out.add(t);
            todo.add(t.getSubject());
        });
        java.util.Set<Node> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Node b = todo.remove(todo.size() - 1);
            if (!seen.add(b)) continue;
            tbox.find(b, Node.ANY, Node.ANY).forEach(t -> { out.add(t); if (t.getObject().isBlank()) todo.add(t.getObject()); });
        }
        return out;
    }

    private static Graph canonical(Graph g, Map<String, String> prefixes) {
        Graph c = CanonicalBlankNodes.relabel(g);
        c.getPrefixMapping().setNsPrefixes(prefixes).setNsPrefixes(PrefixMapping.Standard);
        return c;
    }

    private static void write(Path dir, String name, Graph g, RDFFormat format, List<String> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            RDFDataMgr.write(out, g, format);
        }
        files.add(name);
    }

    private static void writeString(Path dir, String name, String text, List<String> files) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        files.add(name);
    }

    /**
     * N-Quads, one line per quad, sorted: stable across builds. Each graph's lines are already in order, so the file
     * is their merge (by the whole line), written as it goes.
     */
    private static void writeQuads(Path file, Map<String, CanonicalBlankNodes.Sorted> graphs) throws IOException {
        List<CanonicalBlankNodes.Sorted> parts = new ArrayList<>(graphs.values());
        List<String> suffixes = graphs.keySet().stream().map(g -> " <" + g + "> .").toList();
        int k = parts.size();
        int[] next = new int[k];
        String[] head = new String[k];
        for (int i = 0; i < k; i++) head[i] = parts.get(i).size() > 0 ? parts.get(i).line(0) + suffixes.get(i) : null;
        String nl = System.lineSeparator();
        try (java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            while (true) {
                int min = -1;
                for (int i = 0; i < k; i++) if (head[i] != null && (min < 0 || head[i].compareTo(head[min]) < 0)) min = i;
                if (min < 0) break;
                w.write(head[min]);
                w.write(nl);
                int n = ++next[min];
                head[min] = n < parts.get(min).size() ? parts.get(min).line(n) + suffixes.get(min) : null;
            }
        }
    }

    /**
     * The sorted triples as a read-only graph that lists them in the order Jena's in-memory graph lists them after
     * they were inserted in sorted order (what the Turtle writer saw before), with the prefixes such a fresh graph
     * gets, without building that graph: subjects last to first; a subject's triples last to first while they fit
     * Jena's array bunch (16), in the order of a one-subject in-memory graph beyond that.
     */
    private static Graph inReverse(CanonicalBlankNodes.Sorted sorted, Map<String, String> prefixes) {
        return new org.apache.jena.graph.impl.GraphBase() {
            @Override
            protected org.apache.jena.util.iterator.ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
                java.util.Iterator<Triple> it = new java.util.Iterator<>() {
                    int end = sorted.size();
                    final java.util.ArrayDeque<Triple> block = new java.util.ArrayDeque<>();
                    @Override public boolean hasNext() { return !block.isEmpty() || end > 0; }
                    @Override public Triple next() {
                        if (block.isEmpty()) fill();
                        return block.poll();
                    }
                    private void fill() {
                        int start = end - 1;
                        while (start > 0 && sorted.subject(start - 1) == sorted.subject(end - 1)) start--;
                        if (end - start <= ARRAY_BUNCH) {
                            for (int i = end - 1; i >= start; i--) block.add(sorted.triple(i));
                        } else {
                            Graph one = GraphFactory.createDefaultGraph();
                            for (int i = start; i < end; i++) one.add(sorted.triple(i));
                            one.find().forEachRemaining(block::add);
                        }
                        end = start;
                    }
                };
                return org.apache.jena.util.iterator.WrappedIterator.create(it).filterKeep(pattern::matches);
            }

            @Override
            protected int graphBaseSize() { return sorted.size(); }

            @Override
            protected PrefixMapping createPrefixMapping() {
                PrefixMapping pm = GraphFactory.createDefaultGraph().getPrefixMapping();
                pm.setNsPrefixes(prefixes).setNsPrefixes(PrefixMapping.Standard);
                return pm;
            }
        };
    }

    /** Jena's in-memory graph keeps up to this many triples of one subject in an array (FastTripleStore). */
    private static final int ARRAY_BUNCH = 16;

    /** Moves the old release aside, the new one in, then removes the old one. */
    private static void swap(Path fresh, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        org.w3id.mevo.core.FileTrees.delete(old);
    }

}
