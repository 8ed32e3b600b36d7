package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The example queries whose whole-KB aggregate is precomputed at publish time (ontology/describe/stat-NAME.rq, rows
 * in the description graph) answer exactly what the aggregate gives when it runs live on the served data: each
 * rule, sent to the endpoint, constructs the same rows the description graph holds for its table; and every such
 * example reads its own table.
 */
class PrecomputedStatisticsTest {
    private static final String DESCRIPTION = "https://w3id.org/mevo/graph/void";

    @Test
    void storedRowsEqualTheAggregateRunLiveOnTheServedData() throws Exception {
        List<Path> rules;
        try (Stream<Path> s = Files.list(TestKb.layout().root().resolve("ontology/describe"))) {
            rules = s.filter(p -> p.getFileName().toString().startsWith("stat-")).sorted().toList();
        }
        assertTrue(rules.size() >= 9, "precomputed aggregates: " + rules);
        for (Path rule : rules) {
            String name = rule.getFileName().toString().replaceFirst("^stat-", "").replaceFirst("\\.rq$", "");
            Graph live = construct(Files.readString(rule, StandardCharsets.UTF_8));
            Graph stored = construct("PREFIX stat: <https://w3id.org/mevo/statistics#>\n"
                    + "CONSTRUCT { ?row ?p ?o } WHERE { GRAPH <" + DESCRIPTION + "> { ?row stat:table \"" + name + "\" ; ?p ?o } }");
            assertTrue(live.size() > 0, name + ": the aggregate gives rows");
            assertTrue(live.isIsomorphicWith(stored), name + ": stored rows differ from the live aggregate\nlive: "
                    + live.find().toList() + "\nstored: " + stored.find().toList());
            String example = Files.readString(TestKb.layout().queriesDir().resolve(name + ".rq"), StandardCharsets.UTF_8);
            assertTrue(example.contains("stat:table \"" + name + "\"") && example.contains("stat-" + name + ".rq"),
                    "queries/" + name + ".rq reads its precomputed rows and names the rule");
        }
    }

    private static Graph construct(String query) {
        var r = Http.postForm(TestKb.sparqlUrl(), "query=" + Http.encode(query), "application/n-triples");
        assertEquals(200, r.statusCode(), r.body());
        return RDFParser.source(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))).lang(Lang.NTRIPLES).toGraph();
    }
}
