package org.w3id.mevo.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3id.mevo.core.Diagnostics;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;
import org.w3id.mevo.support.Fixture;
import org.w3id.mevo.support.TestKb;

/**
 * The profile check that reads plain assertions in Jena rejects what the OWL API's check of the whole graph (every
 * triple through its RDF parser, the check before) rejects: each kind of fault is planted into a fresh copy of the
 * fixture project, and both checks must reject it with a message that names the offending triple; the new check's
 * messages are the OWL API's own (each one also appears in the old check's report). Faults the OWL API does not
 * reject (annotation values of any datatype) are accepted by both; the fixture and the real knowledge base pass both.
 */
@Tag("fast")
class ProfileCheckEquivalenceTest {
    private static final String PREFIXES = """
            @prefix MEVO: <https://w3id.org/mevo/MEVO_> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
            """;
    private static final String DATA_PROPERTY = "MEVO:9909903 a owl:DatatypeProperty .";

    /** name, declarations added to the TBox, the planted ABox triple(s), words every message about it must contain. */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("undeclared predicate, IRI object", "", "MEVO:9901001 MEVO:9909901 MEVO:9901002 .",
                        List.of("MEVO:9909901", "MEVO:9901001", "MEVO:9901002")),
                Arguments.of("undeclared predicate, literal object", "", "MEVO:9901001 MEVO:9909902 \"x\" .",
                        List.of("MEVO:9909902", "MEVO:9901001", "\"x\"")),
                Arguments.of("object property with a literal object", "", "MEVO:9901001 MEVO:9900001 \"x\" .",
                        List.of("MEVO:9900001", "MEVO:9901001", "\"x\"")),
                Arguments.of("data property with an IRI object", DATA_PROPERTY, "MEVO:9901001 MEVO:9909903 MEVO:9901002 .",
                        List.of("MEVO:9909903", "MEVO:9901001", "MEVO:9901002")),
                Arguments.of("data property value of xsd:date (not in the OWL 2 datatype map)", DATA_PROPERTY,
                        "MEVO:9901001 MEVO:9909903 \"2020-01-01\"^^xsd:date .",
                        List.of("MEVO:9909903", "MEVO:9901001", "\"2020-01-01\"^^xsd:date")),
                Arguments.of("data property value outside its datatype's lexical space", DATA_PROPERTY,
                        "MEVO:9901001 MEVO:9909903 \"abc\"^^xsd:integer .",
                        List.of("MEVO:9909903", "MEVO:9901001", "\"abc\"^^xsd:integer")),
                Arguments.of("data property value of a declared (non-map) datatype",
                        DATA_PROPERTY + " MEVO:9909906 a rdfs:Datatype .", "MEVO:9901001 MEVO:9909903 \"x\"^^MEVO:9909906 .",
                        List.of("MEVO:9909903", "MEVO:9901001", "\"x\"")),
                Arguments.of("class assertion to an undeclared class", "", "MEVO:9901001 rdf:type MEVO:9909904 .",
                        List.of("MEVO:9909904", "MEVO:9901001")),
                Arguments.of("class assertion to a datatype", "MEVO:9909907 a rdfs:Datatype .", "MEVO:9901001 rdf:type MEVO:9909907 .",
                        List.of("MEVO:9909907", "MEVO:9901001")),
                Arguments.of("property declared as two kinds (annotation and object), used", "dcterms:description a owl:ObjectProperty .",
                        "MEVO:9901001 dcterms:description MEVO:9901002 .", List.of("dcterms:description", "MEVO:9901001", "MEVO:9901002")),
                Arguments.of("built-in annotation property declared as a data property, used with an IRI",
                        "rdfs:seeAlso a owl:DatatypeProperty .", "MEVO:9901001 rdfs:seeAlso MEVO:9901002 .",
                        List.of("rdfs:seeAlso", "MEVO:9901001", "MEVO:9901002")),
                Arguments.of("reserved vocabulary as an individual", "", "owl:someIndividual a owl:NamedIndividual ; dcterms:description \"x\" .",
                        List.of("owl:someIndividual")),
                Arguments.of("reserved vocabulary as the object of an object property", "", "MEVO:9901001 MEVO:9900001 owl:someIndividual .",
                        List.of("MEVO:9900001", "MEVO:9901001", "owl:someIndividual")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void bothChecksRejectThePlantedFaultNamingTheTriple(String name, String tbox, String abox, List<String> named,
                                                       @TempDir Path tmp) throws Exception {
        Graph asserted = planted(tmp, tbox, abox);
        Prefixes prefixes = TestKb.prefixes();
        List<String> old = ProfileCheckOperation.owlApiOnly(asserted).stream()
                .map(v -> ProfileCheckOperation.describe(v, prefixes::shorten)).toList();
        List<String> now = new ProfileCheckOperation(StepLog.silent()).check(asserted).violations().stream()
                .map(v -> ProfileCheckOperation.describe(v, prefixes::shorten)).toList();
        assertFalse(old.isEmpty(), name + ": the OWL API check of the whole graph rejects it");
        assertFalse(now.isEmpty(), name + ": the new check rejects it");
        assertTrue(old.stream().anyMatch(m -> named.stream().allMatch(m::contains)), name + ": old names the triple " + named + ": " + old);
        assertTrue(now.stream().anyMatch(m -> named.stream().allMatch(m::contains)), name + ": new names the triple " + named + ": " + now);
        for (String m : now) assertTrue(old.contains(m), name + ": the new message is the OWL API's own wording: " + m + "\nold: " + old);
    }

    /** Annotation values are not restricted in OWL 2 DL (the OWL API does not check them): both checks accept these. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("annotation value of xsd:date", "", "MEVO:9901001 dcterms:description \"2020-01-01\"^^xsd:date ."),
                Arguments.of("annotation value outside its lexical space", "", "MEVO:9901001 dcterms:description \"abc\"^^xsd:integer ."),
                Arguments.of("annotation value of an undeclared datatype", "", "MEVO:9901001 dcterms:description \"x\"^^MEVO:9909908 ."),
                Arguments.of("object property assertion", "", "MEVO:9901001 MEVO:9900001 MEVO:9901002 ."),
                Arguments.of("data property assertion", DATA_PROPERTY, "MEVO:9901001 MEVO:9909903 \"5\"^^xsd:integer ; MEVO:9909903 \"x\"@en ."),
                Arguments.of("individual punned as a class", "MEVO:9901001 a owl:Class .", "MEVO:9901002 rdf:type MEVO:9901001 ."),
                Arguments.of("annotated assertion (owl:Axiom)", "",
                        "MEVO:9901001 MEVO:9900001 MEVO:9901002 . [] a owl:Axiom ; owl:annotatedSource MEVO:9901001 ; "
                                + "owl:annotatedProperty MEVO:9900001 ; owl:annotatedTarget MEVO:9901002 ; rdfs:comment \"why\" ."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void bothChecksAcceptWhatOwl2DlAllows(String name, String tbox, String abox, @TempDir Path tmp) throws Exception {
        Graph asserted = planted(tmp, tbox, abox);
        assertEquals(List.of(), ProfileCheckOperation.owlApiOnly(asserted).stream().map(Object::toString).toList(), name + " (old)");
        var r = new ProfileCheckOperation(StepLog.silent()).check(asserted);
        assertEquals(List.of(), r.violations().stream().map(Object::toString).toList(), name + " (new)");
        assertTrue(r.plainChecked() > 0);
    }

    @Test
    void theRealKnowledgeBasePassesBothAndItsAboxIsCheckedInJena(@TempDir Path tmp) {
        CuratedKb kb = new CurateOperation(StepLog.silent()).run(CurateOperation.Options.of(TestKb.layout()));
        Graph asserted = kb.asserted();
        assertEquals(List.of(), ProfileCheckOperation.owlApiOnly(asserted).stream().map(Object::toString).toList());
        var r = new ProfileCheckOperation(StepLog.silent()).check(asserted);
        assertEquals(List.of(), r.violations().stream().map(Object::toString).toList());
        assertEquals(kb.abox().size(), r.plainChecked(), "every compiled table triple is a plain assertion");
        assertTrue(r.owlApiTriples() < asserted.size() - kb.abox().size() + 1_000, "the OWL API reads about the TBox only: " + r);
    }

    @Test
    void theBuildErrorNamesTheViolationAndWhereItsRecordWasCurated(@TempDir Path tmp) throws Exception {
        Graph asserted = planted(tmp, "", "MEVO:9901001 rdf:type MEVO:9909904 .");
        Prefixes prefixes = TestKb.prefixes();
        var d = new Diagnostics(prefixes, Map.of("https://w3id.org/mevo/MEVO_9901001", "ontology/tables/claims.tsv:3"));
        MevoException e = assertThrows(MevoException.class,
                () -> new ProfileCheckOperation(StepLog.silent()).run(asserted, d, ProfileCheckOperation.Options.defaults()));
        assertTrue(e.getMessage().startsWith("the ontology is not OWL 2 DL (1 violation(s)):"), e.getMessage());
        assertTrue(e.getMessage().contains("Use of undeclared class: MEVO:9909904 [ClassAssertion(MEVO:9909904 MEVO:9901001)] "
                + "(ontology/tables/claims.tsv:3)"), e.getMessage());
    }

    @Test
    void manyFaultyAssertionsAreCountedAndTheFirstOnesReported(@TempDir Path tmp) throws Exception {
        StringBuilder abox = new StringBuilder();
        int n = ProfileCheckOperation.MAX_EXAMINED + 50;
        for (int i = 0; i < n; i++) abox.append("MEVO:9901001 rdf:type MEVO:99").append(10000 + i).append(" .\n");
        Graph asserted = planted(tmp, "", abox.toString());
        MevoException e = assertThrows(MevoException.class, () -> new ProfileCheckOperation(StepLog.silent())
                .run(asserted, Diagnostics.withoutLocations(TestKb.prefixes()), ProfileCheckOperation.Options.defaults()));
        assertTrue(e.getMessage().contains("(" + ProfileCheckOperation.MAX_EXAMINED + " violation(s))"), e.getMessage());
        assertTrue(e.getMessage().contains(n + " plain assertions break these rules"), e.getMessage());
        assertEquals(20, e.getMessage().lines().filter(l -> l.startsWith("  Use of undeclared class")).count(), e.getMessage());
    }

    /** A fresh copy of the fixture, curated, with the given Turtle added to its TBox and ABox graphs. */
    private static Graph planted(Path tmp, String tbox, String abox) throws Exception {
        CuratedKb kb = Fixture.curated(tmp);
        if (!tbox.isEmpty()) RDFParser.fromString(PREFIXES + tbox, Lang.TURTLE).parse(kb.tbox());
        if (!abox.isEmpty()) RDFParser.fromString(PREFIXES + abox, Lang.TURTLE).parse(kb.abox());
        return kb.asserted();
    }
}
