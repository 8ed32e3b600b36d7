package org.w3id.mevo.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.graph.GraphFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.StreamDocumentSource;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLOntologyStorageException;

/** Moves an RDF graph between Jena (curation, SPARQL, serving) and the OWL API (profile checks, HermiT). */
public final class OwlBridge {
    private OwlBridge() {}

    public static OWLOntology toOwlApi(Graph graph) {
        return toOwlApi(graph, OWLManager.createOWLOntologyManager());
    }

    public static OWLOntology toOwlApi(Graph graph, OWLOntologyManager manager) {
        // through a temporary file, not a byte array: at 100k claims the N-Triples text is ~0.7 GB, and a growing
        // ByteArrayOutputStream holds up to three copies of it at once
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("mevo-owlapi-", ".nt");
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp), 1 << 16)) {
                RDFDataMgr.write(out, graph, RDFFormat.NTRIPLES_UTF8);
            }
            OWLOntologyLoaderConfiguration cfg = new OWLOntologyLoaderConfiguration()
                    .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
                    .setReportStackTraces(false);
            try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(tmp), 1 << 16)) {
                return manager.loadOntologyFromOntologyDocument(new StreamDocumentSource(in,
                        org.semanticweb.owlapi.model.IRI.create("urn:mevo:curated-graph"),
                        new org.semanticweb.owlapi.formats.NTriplesDocumentFormat(), null), cfg);
            }
        } catch (OWLOntologyCreationException e) {
            throw new MevoException("OWL API cannot read the curated graph: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MevoException("cannot pass the graph to the OWL API through a temporary file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) try { java.nio.file.Files.deleteIfExists(tmp); } catch (java.io.IOException ignored) { }
        }
    }

    public static Graph toJena(OWLOntology ontology) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ontology.getOWLOntologyManager().saveOntology(ontology, new TurtleDocumentFormat(), out);
        } catch (OWLOntologyStorageException e) {
            throw new MevoException("OWL API cannot write the ontology: " + e.getMessage(), e);
        }
        Graph g = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(g, new ByteArrayInputStream(out.toByteArray()), Lang.TURTLE);
        return g;
    }
}
