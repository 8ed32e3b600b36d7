package org.w3id.mevo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.TestKb;

/**
 * {@link QueryComments}: a query without its comments parses to the same query as with them (ARQ's parser is the
 * judge, {@code Query.equals} compares prologue and pattern), for every SPARQL file of the project and for the
 * places a {@code #} is not a comment (IRIs, the four string forms, escaped local names, {@code <} as an operator);
 * syntax errors stay errors, on the same line and column.
 */
@Tag("fast")
class QueryCommentsTest {
    private static Query parse(String text) { return QueryFactory.create(text, Syntax.syntaxARQ); }

    private static void assertSameQuery(String text) {
        String stripped = QueryComments.strip(text);
        assertEquals(parse(text), parse(stripped), "same query without comments:\n" + text + "\n---\n" + stripped);
    }

    @Test
    void everySparqlFileOfTheProjectParsesTheSameWithoutItsComments() throws IOException {
        Path root = TestKb.layout().root();
        List<Path> files;
        try (Stream<Path> s = Stream.of("queries", "ontology", "src/test/resources").map(root::resolve).flatMap(d -> {
            try {
                return Files.walk(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            files = s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        assertTrue(files.size() > 60, "SPARQL files: " + files.size());
        int shorter = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            Query q;
            try {
                q = parse(text);
            } catch (QueryParseException e) {
                continue; // a CONSTRUCT/SELECT that is not ARQ-parsable on its own is no case here
            }
            String stripped = QueryComments.strip(text);
            assertEquals(q, parse(stripped), f.toString());
            assertEquals(text.split("\n", -1).length, stripped.split("\n", -1).length, f + ": line breaks kept");
            if (stripped.length() < text.length()) shorter++;
        }
        assertTrue(shorter > 50, "files whose comments were removed: " + shorter);
    }

    @Test
    void aHashInsideAnIriAStringOrAnEscapedNameIsNoComment() {
        String[] cases = {
            "SELECT * { ?s <http://example.org/a#b> \"c # d\" } # tail",
            "SELECT * { ?s ?p 'single # quoted' . ?s ?p 'it\\'s # still' } # c",
            "SELECT * { ?s ?p \"\"\"long # \"quoted\" and \"\"twice # \"\"\" } # c",
            "SELECT * { ?s ?p '''long\n# not a comment\n''' }\n# a comment",
            "PREFIX ex: <http://example.org/ns#>\nSELECT * { ?s ex:a\\#b ?o } # the local name holds #",
            "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?s != <urn:x#y>) } # operator then IRI",
            "SELECT * { ?s ?p ?o FILTER(?o<?s) } # IRIREF-looking operands",
            "SELECT * { ?s ?p \"x\\\"# y\" } # escaped quote",
            "SELECT * { ?s ?p \"\"\"\"\"\" } # empty long string\n",
            "ASK {} #",
            "# only a comment line\r\nASK { ?s ?p ?o }\r\n# and another",
        };
        for (String c : cases) assertSameQuery(c);
        assertEquals("SELECT * { ?s <http://example.org/a#b> \"c # d\" } ",
                QueryComments.strip("SELECT * { ?s <http://example.org/a#b> \"c # d\" } # tail"));
        assertEquals("\r\nASK { ?s ?p ?o }\r\n", QueryComments.strip("# only a comment line\r\nASK { ?s ?p ?o }\r\n# and another"));
    }

    @Test
    void unicodeEscapesOrNoHashLeaveTheTextAsItIs() {
        String escaped = "SELECT * { ?s ?p \"\\u0023 not # a comment\" } # c";
        assertSame(escaped, QueryComments.strip(escaped));
        String plain = "SELECT * { ?s ?p ?o }";
        assertSame(plain, QueryComments.strip(plain));
    }

    @Test
    void syntaxErrorsStayOnTheirLineAndColumn() {
        for (String bad : List.of("SELECT * # c\n{ ?s ?p }", "SELECT * { ?s ?p \"open # c\n}", "SELECT * { ?s ?p ?o } # c\nLIMIT x")) {
            QueryParseException a = assertThrows(QueryParseException.class, () -> parse(bad));
            QueryParseException b = assertThrows(QueryParseException.class, () -> parse(QueryComments.strip(bad)));
            assertEquals(List.of(a.getLine(), a.getColumn()), List.of(b.getLine(), b.getColumn()), bad);
        }
        assertNotEquals(-1, QueryComments.strip("SELECT * # c\n{ ?s ?p }").indexOf('\n'));
    }
}
