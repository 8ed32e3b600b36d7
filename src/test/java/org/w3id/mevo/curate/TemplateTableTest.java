package org.w3id.mevo.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.support.Fixture;

/**
 * The template compiler on its own: the fixture's claims table, and small tables written here, each compiled against
 * the fixture's curated classes (a real {@link TermResolver}). Every defect names file, line and column.
 */
@Tag("fast")
class TemplateTableTest {
    static final String M = "https://w3id.org/mevo/MEVO_";
    static final String HEADER = "id\ttype\tsummary\toutcomes\tevidence\n";
    static final String TEMPLATE = "ID\tTYPE!\tA! dcterms:description\tSOME! MEVO:9900001\tSOME MEVO:9900002\n";

    static TermResolver resolver;
    static Prefixes prefixes;
    static Path fixtureTable;

    @BeforeAll
    static void curateTheFixture(@TempDir Path tmp) throws IOException {
        CuratedKb kb = Fixture.curated(tmp);
        prefixes = Prefixes.load(tmp.resolve("ontology/prefixes.tsv"));
        resolver = new TermResolver(kb.tbox(), prefixes);
        fixtureTable = tmp.resolve("ontology/tables/claims.tsv");
    }

    static Node iri(String local) { return NodeFactory.createURI(M + local); }

    @Test
    void theFixtureTableCompilesToOneIndividualPerRecordAndOnePerValue() {
        TemplateTable.Compiled c = TemplateTable.parse(TsvFile.read(fixtureTable), prefixes).compile(resolver);
        assertEquals(3, c.records());
        Node claim2 = iri("9901002");
        assertTrue(c.owl().contains(claim2, RDF.type.asNode(), OWL2.NamedIndividual.asNode()));
        assertTrue(c.owl().contains(claim2, RDF.type.asNode(), iri("9900010")), "TYPE given as a CURIE");
        assertTrue(c.owl().contains(iri("9901001"), RDF.type.asNode(), iri("9900010")), "TYPE given as a label");
        // SOME: the second value of 'outcomes' is the individual <record>-outcomes-2, typed with the named class
        Node value = iri("9901002-outcomes-2");
        assertTrue(c.owl().contains(claim2, iri("9900001"), value));
        assertTrue(c.owl().contains(value, RDF.type.asNode(), iri("9900021")));
        assertTrue(c.owl().contains(value, RDF.type.asNode(), OWL2.NamedIndividual.asNode()));
        // the flat form links the record straight to the class
        assertTrue(c.flat().contains(claim2, iri("9900001"), iri("9900021")));
        assertTrue(c.flat().contains(claim2, iri("9900002"), NodeFactory.createURI("http://purl.obolibrary.org/obo/ECO_0000181")));
        assertFalse(c.owl().find(iri("9901003"), iri("9900002"), Node.ANY).hasNext(), "an empty optional cell emits nothing");
        assertFalse(c.owl().find(Node.ANY, Node.ANY, NodeFactory.createLiteralString("cell-based")).hasNext(), "IGNORE emits nothing");
        assertEquals(fixtureTable + ":4", c.locations().get(M + "9901002"), "line 4 (after header and template rows and one record): the record's file:line");
    }

    @Test
    void typedPatternedAndLinkedCellsBecomeTypedLiteralsAndLinks(@TempDir Path tmp) throws IOException {
        Path t = table(tmp, "ref\tyear\tpmid\n",
                "ID https://w3id.org/mevo/reference/% /^[0-9]+$/\tA MEVO:0000021 ^^xsd:integer\t"
                        + "A MEVO:0000054 /^[1-9][0-9]*$/ && LINK rdfs:seeAlso https://pubmed.ncbi.nlm.nih.gov/%/\n",
                "7\t2004\t15277707\n");
        TemplateTable.Compiled c = TemplateTable.parse(TsvFile.read(t), prefixes).compile(resolver);
        Node ref = NodeFactory.createURI("https://w3id.org/mevo/reference/7");
        assertTrue(c.owl().contains(ref, iri("0000021"), NodeFactory.createLiteralDT("2004",
                org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(XSD.integer.getURI()))));
        assertTrue(c.owl().contains(ref, iri("0000054"), NodeFactory.createLiteralString("15277707")));
        assertTrue(c.owl().contains(Triple.create(ref, NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                NodeFactory.createURI("https://pubmed.ncbi.nlm.nih.gov/15277707/"))));
    }

    @Test
    void anEmptyRequiredCellNamesFileLineAndColumn(@TempDir Path tmp) throws IOException {
        Path t = table(tmp, HEADER, TEMPLATE, "MEVO:9901001\tfixture claim\t\tfixture repair outcome\t\n");
        CurationException e = assertThrows(CurationException.class,
                () -> TemplateTable.parse(TsvFile.read(t), prefixes).compile(resolver));
        assertEquals(t + ":3: column 'summary': required value is empty", e.getMessage());
    }

    @Test
    void anUnknownLabelNamesTheCellAndSuggestsTheRightCase(@TempDir Path tmp) throws IOException {
        Path t = table(tmp, HEADER, TEMPLATE, "MEVO:9901001\tfixture claim\tA summary long enough.\tFixture Repair Outcome\t\n");
        CurationException e = assertThrows(CurationException.class,
                () -> TemplateTable.parse(TsvFile.read(t), prefixes).compile(resolver));
        assertEquals(3, e.line());
        assertEquals("column 'outcomes'", e.field());
        assertTrue(e.getMessage().contains("unknown label 'Fixture Repair Outcome' (did you mean [MEVO:9900021]?)"), e.getMessage());
    }

    @Test
    void aValueFailingItsPatternOrDatatypeIsRejected(@TempDir Path tmp) throws IOException {
        Path t = table(tmp, "ref\tyear\n", "ID https://w3id.org/mevo/reference/% /^[0-9]+$/\tA MEVO:0000021 ^^xsd:integer\n",
                "7\tabout 2004\n");
        CurationException e = assertThrows(CurationException.class,
                () -> TemplateTable.parse(TsvFile.read(t), prefixes).compile(resolver));
        assertTrue(e.getMessage().startsWith(t + ":3: column 'year': 'about 2004' is not a valid"), e.getMessage());

        Path bad = table(tmp.resolve("b"), "ref\n", "ID https://w3id.org/mevo/reference/% /^[0-9]+$/\n", "7a\n");
        CurationException id = assertThrows(CurationException.class,
                () -> TemplateTable.parse(TsvFile.read(bad), prefixes).compile(resolver));
        assertEquals(bad + ":3: column 'ref': malformed value '7a' (must match /^[0-9]+$/)", id.getMessage());
    }

    @Test
    void emptyValuesBetweenSeparatorsAndDuplicateIdsAreRejected(@TempDir Path tmp) throws IOException {
        Path t = table(tmp, HEADER, TEMPLATE,
                "MEVO:9901001\tfixture claim\tA summary long enough.\tfixture repair outcome |  | MEVO:9900022\t\n");
        assertTrue(assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(t), prefixes).compile(resolver))
                .getMessage().endsWith(":3: column 'outcomes': empty value between '|' separators"));

        Path d = table(tmp.resolve("d"), HEADER, TEMPLATE,
                "MEVO:9901001\tfixture claim\tA summary long enough.\tfixture repair outcome\t\n"
                        + "MEVO:9901001\tfixture claim\tAnother summary, same ID.\tfixture repair outcome\t\n");
        CurationException dup = assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(d), prefixes).compile(resolver));
        assertEquals(4, dup.line());
        assertTrue(dup.getMessage().contains("duplicate record ID MEVO:9901001 (also at " + d + ":3)"), dup.getMessage());
    }

    @Test
    void templateRowErrorsNameTheTemplateLineAndColumn(@TempDir Path tmp) throws IOException {
        Path robot = table(tmp, "id\tx\n", "ID\tAT dcterms:description\n", "");
        CurationException k = assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(robot), prefixes));
        assertEquals(robot + ":2: column 'x': unknown template keyword 'AT' in column 2 ('AT' is ROBOT template syntax; in MEVO "
                + "table syntax a typed literal is written A <property> ^^<datatype>); the keywords are ID, TYPE, A, SOME, LINK, "
                + "IGNORE (see ontology/tables/README.md)", k.getMessage());

        Path unknown = table(tmp.resolve("u"), "id\tx\ty\n", "ID\tA dcterms:description\tSOMETHING MEVO:9900001\n", "");
        assertEquals(unknown + ":2: column 'y': unknown template keyword 'SOMETHING' in column 3; the keywords are ID, TYPE, A, "
                + "SOME, LINK, IGNORE (see ontology/tables/README.md)",
                assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(unknown), prefixes)).getMessage());

        Path split = table(tmp.resolve("s"), "id\tx\n", "ID\tSOME MEVO:9900001 SPLIT=|\n", "");
        assertEquals(split + ":2: column 'x': SPLIT= in column 2 is ROBOT template syntax: MEVO table syntax splits every cell at "
                + "'|' already (see ontology/tables/README.md)",
                assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(split), prefixes)).getMessage());

        Path prefix = table(tmp.resolve("p"), "id\tx\n", "ID\tSOME nope:1\n", "");
        assertEquals(prefix + ":2: column 'x': 'nope:1' is not a CURIE of a known prefix",
                assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(prefix), prefixes)).getMessage());

        Path link = table(tmp.resolve("l"), "id\tx\n", "ID\tLINK rdfs:seeAlso https://example.org/\n", "");
        assertTrue(assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(link), prefixes))
                .getMessage().endsWith("LINK needs a property and an IRI pattern with % (column 2; see ontology/tables/README.md)"));

        Path noId = table(tmp.resolve("n"), "x\n", "A dcterms:description\n", "");
        assertEquals(noId + ":2: template row: no column has the ID template",
                assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(noId), prefixes)).getMessage());

        Path regex = table(tmp.resolve("r"), "id\tx\n", "ID\tA dcterms:description /[a-/\n", "");
        assertTrue(assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(regex), prefixes))
                .getMessage().startsWith(regex + ":2: column 'x': bad regular expression"));
    }

    @Test
    void aSomeColumnWhoseNameCannotBePartOfAnIriIsRejected(@TempDir Path tmp) throws IOException {
        // the values of a SOME column get the IRIs <record>-<column>-<n>; a '-' in the column name would not parse back
        Path t = table(tmp, "id\tdisease-model\n", "ID\tSOME MEVO:9900001\n", "");
        CurationException e = assertThrows(CurationException.class, () -> TemplateTable.parse(TsvFile.read(t), prefixes));
        assertEquals(2, e.line());
        assertEquals("column 'disease-model'", e.field());
        assertTrue(e.getMessage().contains("<record>-<column>-<n>"), e.getMessage());
    }

    static Path table(Path dir, String header, String template, String records) throws IOException {
        Files.createDirectories(dir);
        Path t = dir.resolve("table.tsv");
        Files.writeString(t, header + template + records, StandardCharsets.UTF_8);
        return t;
    }
}
