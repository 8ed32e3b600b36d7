package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.support.ProjectCopy;
import org.w3id.mevo.support.TestKb;

/** The release artefacts parse back, agree with each other, carry dated version IRIs, and are reproducible. */
class ReleaseTest {
    static final List<String> ARTEFACTS = List.of("mevo-full.owl", "mevo-full.ttl", "mevo.owl", "mevo-base.owl", "mevo.obo",
            "mevo.json", "mevo-claims.ttl", "mevo.nq", "report.tsv");

    @Test
    void artefactsParseBackAndAgree() throws Exception {
        Path r = TestKb.release();
        for (String f : ARTEFACTS) assertTrue(Files.size(r.resolve(f)) > 0, f);
        OWLOntology full = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(r.resolve("mevo-full.owl").toFile());
        OWLOntology base = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(r.resolve("mevo-base.owl").toFile());
        OWLOntology obo = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(r.resolve("mevo.obo").toFile());
        assertTrue(full.classesInSignature().count() > 500, "full has the imported terms too");
        assertTrue(base.classesInSignature().count() < full.classesInSignature().count(), "base is smaller than full");
        assertTrue(obo.classesInSignature().count() > 300, "OBO keeps the classes: " + obo.classesInSignature().count());
        assertTrue(base.classesInSignature().allMatch(c -> true));
        // base holds only MEVO's own axioms: every named class it says something about (beyond declarations) is MEVO's
        assertTrue(base.axioms(org.semanticweb.owlapi.model.AxiomType.SUBCLASS_OF).allMatch(ax -> ax.getSubClass().isAnonymous()
                || ax.getSubClass().asOWLClass().getIRI().toString().startsWith("https://w3id.org/mevo/MEVO_")), "base has only MEVO subclass axioms");

        Graph owlXml = RDFDataMgr.loadGraph(r.resolve("mevo-full.owl").toString());
        Graph ttl = RDFDataMgr.loadGraph(r.resolve("mevo-full.ttl").toString());
        assertTrue(owlXml.isIsomorphicWith(ttl), "RDF/XML and Turtle releases hold the same triples");
        Dataset nq = RDFDataMgr.loadDataset(r.resolve("mevo.nq").toString());
        Graph claims = RDFDataMgr.loadGraph(r.resolve("mevo-claims.ttl").toString());
        assertTrue(claims.size() > 1000);
        java.util.Set<String> named = new java.util.TreeSet<>();
        nq.asDatasetGraph().listGraphNodes().forEachRemaining(n -> named.add(n.getURI()));
        assertEquals(new java.util.TreeSet<>(List.of(org.w3id.mevo.publish.Release.ASSERTED, org.w3id.mevo.publish.Release.INFERRED,
                org.w3id.mevo.publish.Release.FLAT, org.w3id.mevo.publish.ExamplesOperation.GRAPH,
                org.w3id.mevo.publish.DescribeOperation.GRAPH)), named, "the dataset's named graphs");
        var json = JSON.read(r.resolve("mevo.json").toString());
        var g0 = json.get("graphs").getAsArray().get(0).getAsObject();
        assertTrue(g0.get("nodes").getAsArray().size() > 300 && g0.get("edges").getAsArray().size() > 300, "OBO Graphs JSON");
    }

    @Test
    void everyOntologyArtefactCarriesTheOntologyIriAndADatedVersionIri() throws Exception {
        Path r = TestKb.release();
        for (String f : List.of("mevo-full.owl", "mevo-base.owl", "mevo.owl")) {
            OWLOntology o = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(r.resolve(f).toFile());
            String ontIri = o.getOntologyID().getOntologyIRI().orElseThrow().toString();
            String version = o.getOntologyID().getVersionIRI().orElseThrow().toString();
            assertTrue(ontIri.startsWith("https://w3id.org/mevo/"), f + ": " + ontIri);
            assertTrue(version.matches("https://w3id\\.org/mevo/releases/\\d{4}-\\d{2}-\\d{2}/" + java.util.regex.Pattern.quote(f)), f + ": " + version);
        }
        String obo = Files.readString(r.resolve("mevo.obo"), StandardCharsets.UTF_8);
        assertTrue(obo.contains("data-version: https://w3id.org/mevo/releases/"), "OBO data-version");
    }

    @Test
    void twoBuildsOfTheSameInputAreByteIdentical(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        new Pipeline(StepLog.silent()).build(new Pipeline.Options(TestKb.layout(), a));
        new Pipeline(StepLog.silent()).build(new Pipeline.Options(TestKb.layout(), b));
        List<String> differ = new ArrayList<>();
        for (String f : ARTEFACTS)
            if (!java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) differ.add(f);
        assertTrue(differ.isEmpty(), "artefacts that differ between two builds: " + differ);
    }

    @Test
    void qualityReportFindsAnInjectedDefectAndFailsTheBuild(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        ProjectCopy.append(l.ontologyDir().resolve("components").resolve("claim-vocabulary.ttl"),
                "\n:0000879 a owl:Class ; rdfs:subClassOf :0000800 ; obo:IAO_0000115 \"A class nobody named.\" .\n");
        MevoException e = assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, tmp.resolve("release"))));
        assertTrue(e.getMessage().contains("missing_label") && e.getMessage().contains("MEVO:0000879"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("release")));
        // on the real ontology the report is written beside the release and has no ERROR row
        String report = Files.readString(TestKb.release().resolve("report.tsv"), StandardCharsets.UTF_8);
        assertTrue(report.startsWith("level\trule\tentity\tvalue\tlocation"));
        assertFalse(report.contains("\nERROR\t"), report);
    }

    @Test
    void qualityGateCatchesWhatRobotReportCatches(@TempDir Path tmp) throws Exception {
        // a broken copy: a class labelled like an external one it is declared equivalent to (ROBOT: duplicate_label),
        // and an obsolete class used in a restriction (ROBOT: deprecated_class_reference)
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path file = l.ontologyDir().resolve("components").resolve("isolation.ttl");
        int line = Files.readAllLines(file, StandardCharsets.UTF_8).size() + 2;
        ProjectCopy.append(file, "\n:0000767 a owl:Class ; owl:equivalentClass obo:CHMO_0001013 ; rdfs:label \"size-exclusion chromatography\" ;\n"
                + "    obo:IAO_0000115 \"A copy of an external class.\" .\n"
                + ":0000768 a owl:Class ; rdfs:subClassOf :0000700 ; rdfs:label \"obsolete test step\" ; obo:IAO_0000115 \"OBSOLETE. A retired step.\" ; owl:deprecated true .\n"
                + ":0000769 a owl:Class ; rdfs:subClassOf :0000700 , [ a owl:Restriction ; owl:onProperty :0000762 ; owl:someValuesFrom :0000768 ] ;\n"
                + "    rdfs:label \"test method\" ; obo:IAO_0000115 \"A method combined with a retired step.\" .\n");
        MevoException e = assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, tmp.resolve("release"))));
        String m = e.getMessage();
        assertTrue(m.contains("duplicate_label: MEVO:0000767") && m.contains("ontology/components/isolation.ttl:" + line), m);
        assertTrue(m.contains("deprecated_in_use: MEVO:0000769") && m.contains("MEVO_0000768 (deprecated)")
                && m.contains("ontology/components/isolation.ttl:" + (line + 3)), m);
        assertFalse(Files.exists(tmp.resolve("release")));
    }
}
