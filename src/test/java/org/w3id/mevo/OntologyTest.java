package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.Catalog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;
import org.w3id.mevo.support.TestKb;

/** The edit file as an editor meets it: it opens offline, is OWL 2 DL, and every MEVO class is labelled and defined. */
class OntologyTest {

    @Test
    void editFileOpensOfflineThroughTheCatalogLikeProtege() throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        Catalog catalog = Catalog.load(TestKb.layout().catalog());
        // every import must resolve through the catalog; one that does not would be fetched from the web: fail instead
        m.getIRIMappers().set(iri -> catalog.resolve(iri.toString()).map(p -> IRI.create(p.toFile()))
                .orElseThrow(() -> new AssertionError("unresolved import (not in catalog-v001.xml): " + iri)));
        OWLOntology ont = m.loadOntologyFromOntologyDocument(
                new org.semanticweb.owlapi.io.FileDocumentSource(TestKb.layout().editFile().toFile()),
                new OWLOntologyLoaderConfiguration().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION));
        assertEquals(catalog.entries().size(), ont.importsClosure().count() - 1, "every catalog entry is imported");
        // OWL 2 DL is a property of the whole imports closure (declarations may sit in another file of it), so
        // the closure is checked as one ontology, as Protégé and HermiT see it
        OWLOntology closure = OWLManager.createOWLOntologyManager().createOntology(
                ont.axioms(org.semanticweb.owlapi.model.parameters.Imports.INCLUDED));
        var report = new OWL2DLProfile().checkOntology(closure);
        List<String> v = new ArrayList<>();
        report.getViolations().forEach(x -> v.add(x.toString()));
        assertTrue(v.isEmpty(), "OWL 2 DL violations: " + v);
    }

    @Test
    void everyMevoClassHasExactlyOneLabelAndADefinition() {
        TestKb.release();
        CuratedKb kb = new CurateOperation(StepLog.silent()).run(
                new CurateOperation.Options(TestKb.layout().editFile(), TestKb.layout().catalog(),
                        TestKb.layout().prefixes(), TestKb.layout().importsDir(), List.of()));
        Graph tbox = kb.tbox();
        String q = """
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX obo: <http://purl.obolibrary.org/obo/>
                SELECT ?c (COUNT(DISTINCT ?l) AS ?labels) (COUNT(DISTINCT ?d) AS ?defs) WHERE {
                  ?c a owl:Class . FILTER(STRSTARTS(STR(?c), "https://w3id.org/mevo/MEVO_"))
                  OPTIONAL { ?c rdfs:label ?l } OPTIONAL { ?c obo:IAO_0000115 ?d }
                } GROUP BY ?c""";
        List<String> bad = new ArrayList<>();
        int classes = 0;
        try (QueryExecution qe = QueryExecution.model(ModelFactory.createModelForGraph(tbox)).query(q).build()) {
            var rs = qe.execSelect();
            while (rs.hasNext()) {
                var s = rs.next();
                classes++;
                if (s.getLiteral("labels").getInt() != 1 || s.getLiteral("defs").getInt() != 1)
                    bad.add(s.getResource("c").getURI());
            }
        }
        assertTrue(classes >= 100, "the ontology has at least 100 MEVO classes, found " + classes);
        assertTrue(bad.isEmpty(), "classes without exactly one label and one definition: " + bad);
    }
}
