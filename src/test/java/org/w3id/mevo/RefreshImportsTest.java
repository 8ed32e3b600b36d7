package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.RefreshImportsOperation;
import org.w3id.mevo.support.TestKb;

/** ./mevo refresh-imports on tiny excerpts of each source format (src/test/resources/refresh-fixture). */
class RefreshImportsTest {
    static final String OBO = "http://purl.obolibrary.org/obo/", OIO = "http://www.geneontology.org/formats/oboInOwl#";
    @TempDir static Path dir;
    static RefreshImportsOperation.Result result;

    static Path fixture() { return Path.of("src/test/resources/refresh-fixture"); }

    static RefreshImportsOperation.Options options(Path root) {
        return new RefreshImportsOperation.Options(root.resolve("imports"), root.resolve("sources"), root.resolve("cache"),
                TestKb.layout().prefixes(), root.resolve("components/external-placements.ttl"));
    }

    static void copyFixture(Path to) throws Exception {
        try (Stream<Path> s = Files.walk(fixture())) {
            for (Path p : s.toList()) {
                Path t = to.resolve(fixture().relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
        for (String db : List.of("go", "ncbi")) { // the SQLite files are built from their SQL text
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + to.resolve("sources/" + db + ".sqlite").toAbsolutePath());
                 var st = c.createStatement()) {
                for (String sql : Files.readString(to.resolve("sources/" + db + ".sql")).split(";"))
                    if (!sql.isBlank()) st.executeUpdate(sql);
            }
        }
    }

    @BeforeAll
    static void refresh() throws Exception {
        copyFixture(dir);
        result = new RefreshImportsOperation(StepLog.stderr()).run(options(dir));
    }

    static Model module(String name) { return RDFDataMgr.loadModel(dir.resolve("imports/" + name + "_import.ttl").toString()); }

    static Set<String> values(Model m, String subject, String property) {
        Set<String> out = new TreeSet<>();
        m.listObjectsOfProperty(m.createResource(subject), m.createProperty(property))
                .forEachRemaining(n -> out.add(n.isLiteral() ? n.asLiteral().getLexicalForm() : n.asResource().getURI()));
        return out;
    }

    /** xrefs on the owl:Axiom that annotates (subject, property, value) */
    static Set<String> axiomXrefs(Model m, String subject, String property, String value) {
        Set<String> out = new TreeSet<>();
        m.listSubjectsWithProperty(OWL2.annotatedSource, m.createResource(subject)).forEachRemaining(ax -> {
            if (ax.hasProperty(OWL2.annotatedProperty, m.createResource(property))
                    && ax.getProperty(OWL2.annotatedTarget).getString().equals(value))
                ax.listProperties(m.createProperty(OIO + "hasDbXref")).forEachRemaining(s -> out.add(s.getString()));
        });
        return out;
    }

    @Test
    void oboTermKeepsWhatItsSourceSays() {
        Model m = module("uberon");
        String bm = OBO + "UBERON_0002371";
        assertEquals(Set.of("bone marrow"), values(m, bm, RDFS.label.getURI()));
        assertEquals(Set.of("The soft tissue that fills the cavities of bones."), values(m, bm, OBO + "IAO_0000115"));
        assertEquals(Set.of("ISBN:222", "PMID:111"), axiomXrefs(m, bm, OBO + "IAO_0000115", "The soft tissue that fills the cavities of bones."));
        assertEquals(Set.of("medulla ossium"), values(m, bm, OIO + "hasExactSynonym"));
        assertEquals(Set.of("FMA:1"), axiomXrefs(m, bm, OIO + "hasExactSynonym", "medulla ossium"));
        assertEquals(Set.of("marrow"), values(m, bm, OIO + "hasBroadSynonym"));
        assertEquals(Set.of("BM"), values(m, bm, OIO + "hasRelatedSynonym"));
        assertEquals(Set.of("FMA:9608"), values(m, bm, OIO + "hasDbXref"));
        // extract = root: the source parents up to the root, each with its label; MEVO's placement is NOT in the module
        assertEquals(Set.of(OBO + "UBERON_0000010"), values(m, bm, RDFS.subClassOf.getURI()));
        assertEquals(Set.of(OBO + "UBERON_0000001"), values(m, OBO + "UBERON_0000010", RDFS.subClassOf.getURI()));
        assertEquals(Set.of("root thing"), values(m, OBO + "UBERON_0000001", RDFS.label.getURI()));
        // the header names the source release
        String header = "https://w3id.org/mevo/imports/uberon_import.owl";
        assertEquals(Set.of("UBERON fixture 2024-09-03"), values(m, header, "http://purl.org/dc/terms/source"));
        assertTrue(values(m, header, OWL2.versionInfo.getURI()).iterator().next().contains("UBERON fixture 2024-09-03"));
    }

    @Test
    void obsoleteTermsKeepTheirDeprecationAndAreReported() {
        Model m = module("uberon");
        assertEquals(Set.of("true"), values(m, OBO + "UBERON_0000099", OWL2.deprecated.getURI()));
        assertEquals(Set.of(OBO + "UBERON_0002371"), values(m, OBO + "UBERON_0000099", OBO + "IAO_0100001"));
        assertEquals(1, result.obsoleteInUse().size(), result.obsoleteInUse().toString());
        assertTrue(result.obsoleteInUse().get(0).contains("UBERON:0000099"));
    }

    @Test
    void aTermNoSourceHoldsKeepsItsRecordedSource() {
        Model m = module("uberon");
        assertEquals(Set.of("liver"), values(m, OBO + "UBERON_0002107", RDFS.label.getURI()));
        assertEquals(Set.of("UBERON release page, seen 2026-12 (this fixture source lacks it)"),
                values(m, OBO + "UBERON_0002107", "http://purl.org/dc/terms/source"));
        assertEquals(1, result.tableOnly());
    }

    @Test
    void owlEditFileTermsWithMireotParents() {
        Model m = module("cl");
        String msc = OBO + "CL_0000134";
        assertEquals(Set.of("mesenchymal stem cell"), values(m, msc, RDFS.label.getURI()));
        assertEquals(Set.of("PMID:10102814"), axiomXrefs(m, msc, OBO + "IAO_0000115", "A connective tissue cell that gives rise to other cells."));
        assertEquals(Set.of("MSC"), values(m, msc, OIO + "hasRelatedSynonym"));
        assertEquals(Set.of("PMID:11378515"), axiomXrefs(m, msc, OIO + "hasRelatedSynonym", "MSC"));
        assertEquals(Set.of("marrow stromal cells"), values(m, msc, OIO + "hasNarrowSynonym"));
        // mireot: the intermediate class up to the listed CL:0000000 is kept (with its label); nothing above it
        assertEquals(Set.of(OBO + "CL_0000048"), values(m, msc, RDFS.subClassOf.getURI()));
        assertEquals(Set.of("multi fate stem cell"), values(m, OBO + "CL_0000048", RDFS.label.getURI()));
        assertEquals(Set.of(), values(m, OBO + "CL_0000000", RDFS.subClassOf.getURI()));
        assertFalse(m.containsResource(m.createResource(OBO + "BFO_0000040")));
    }

    @Test
    void goFromGoDbWithScopesFromTheSlice() {
        Model m = module("go");
        String exo = OBO + "GO_0070062";
        assertEquals(Set.of("extracellular exosome"), values(m, exo, RDFS.label.getURI()));
        assertEquals(Set.of("exosome"), values(m, exo, OIO + "hasExactSynonym"), "scope from the slice");
        assertEquals(Set.of("GOC:syn"), axiomXrefs(m, exo, OIO + "hasExactSynonym", "exosome"));
        assertEquals(Set.of("extracellular vesicular exosome"), values(m, exo, OIO + "hasRelatedSynonym"), "GO.db has no scope");
        assertEquals(Set.of("GOC:exo", "PMID:15908444"), axiomXrefs(m, exo, OBO + "IAO_0000115", "A vesicle that is released into the extracellular region."));
        assertEquals(Set.of("GO:0065010"), values(m, exo, OIO + "hasAlternativeId"));
        assertEquals(Set.of(OBO + "GO_1903561"), values(m, exo, RDFS.subClassOf.getURI()), "is_a only, not part_of");
        assertEquals(Set.of(OBO + "GO_0005575"), values(m, OBO + "GO_1903561", RDFS.subClassOf.getURI()));
        assertEquals(Set.of(), values(m, OBO + "GO_0005575", RDFS.subClassOf.getURI()), "the 'all' row is not a GO class");
    }

    @Test
    void hgncGeneWithNcbiAliases() {
        Model m = module("hgnc");
        String g = "http://identifiers.org/hgnc/992";
        assertEquals(Set.of("BCL2L1"), values(m, g, RDFS.label.getURI()));
        assertEquals(Set.of("BCL2 like 1"), values(m, g, OIO + "hasExactSynonym"));
        assertEquals(Set.of("BCLX", "bcl-xL", "protein phosphatase 1, regulatory subunit 52", "BCL-XL/S"),
                values(m, g, OIO + "hasRelatedSynonym"));
        assertEquals(Set.of("NCBIGene:598"), axiomXrefs(m, g, OIO + "hasRelatedSynonym", "BCL-XL/S"), "NCBI Gene's own alias");
        assertEquals(Set.of(), axiomXrefs(m, g, OIO + "hasRelatedSynonym", "BCLX"), "HGNC already gives it");
        assertEquals(Set.of("ENSEMBL:ENSG00000171552", "NCBIGene:598", "UniProtKB:Q07817"), values(m, g, OIO + "hasDbXref"));
        assertFalse(m.containsResource(m.createResource("http://identifiers.org/hgnc/5")), "only listed genes");
    }

    @Test
    void mirbaseNamesAndAccessions() {
        Model m = module("mirbase");
        String mir = "http://identifiers.org/mirbase.mature/MIMAT0000076";
        assertEquals(Set.of("hsa-miR-21-5p"), values(m, mir, RDFS.label.getURI()));
        assertEquals(Set.of("miRBase:MI0000077", "miRBase:MIMAT0000076"), values(m, mir, OIO + "hasDbXref"));
        assertEquals(Set.of("miR-21-5p"), values(m, mir, OIO + "hasRelatedSynonym"));
    }

    @Test
    void mevoPlacementsGoToTheBridgeComponent() {
        Model b = RDFDataMgr.loadModel(dir.resolve("components/external-placements.ttl").toString());
        assertEquals(Set.of("https://w3id.org/mevo/MEVO_0000069"), values(b, OBO + "CL_0000134", RDFS.subClassOf.getURI()));
        assertEquals(Set.of("https://w3id.org/mevo/MEVO_0000075"), values(b, OBO + "GO_0070062", RDFS.subClassOf.getURI()));
        assertEquals(6, result.placements());
        for (String mod : List.of("uberon", "cl", "go", "hgnc", "mirbase"))
            module(mod).listStatements(null, RDFS.subClassOf, (RDFNode) null).forEachRemaining(s ->
                    assertFalse(s.getObject().asResource().getURI().startsWith("https://w3id.org/mevo/"), mod + ": MEVO statement in a module: " + s));
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Path again = dir.resolveSibling(dir.getFileName() + "-again");
        copyFixture(again);
        var r1 = new RefreshImportsOperation(StepLog.stderr()).run(options(again));
        var r2 = new RefreshImportsOperation(StepLog.stderr()).run(options(again));
        assertEquals(6, r1.modulesChanged());
        assertEquals(0, r2.modulesChanged());
    }

    @Test
    void anUnknownTermIsALocatedError(@TempDir Path other) throws Exception {
        copyFixture(other);
        Files.writeString(other.resolve("imports/go_terms.tsv"), "GO:0005739\tMEVO:0000075\t\t\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        var e = assertThrows(MevoException.class, () -> new RefreshImportsOperation(StepLog.stderr()).run(options(other)));
        assertTrue(e.getMessage().contains("go_terms.tsv:3") && e.getMessage().contains("GO:0005739 is in none of the pinned sources"), e.getMessage());
        assertFalse(Files.exists(other.resolve("imports/go_import.ttl")), "nothing is written when a term is unresolved");
    }

    @Test
    void aChangedSourceFileIsRejectedByItsPin(@TempDir Path other) throws Exception {
        copyFixture(other);
        Path spec = other.resolve("imports/sources.tsv");
        Files.writeString(spec, Files.readString(spec).replace("mini-uberon.obo\t\t", "mini-uberon.obo\t" + "0".repeat(64) + "\t"));
        var e = assertThrows(MevoException.class, () -> new RefreshImportsOperation(StepLog.stderr()).run(options(other)));
        assertTrue(e.getMessage().contains("sources.tsv:2") && e.getMessage().contains("not the pinned release"), e.getMessage());
    }
}
