package org.w3id.mevo.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.w3id.mevo.core.Prefixes;

/**
 * Expected answers kept beside each competency query: {@code queries/NAME.expected.tsv}, a header of variable names
 * and one row per expected solution (IRIs as CURIEs, literals as their lexical form). The query's header comment
 * {@code # expect: exact} demands exactly these rows; {@code # expect: contains} (default) demands at least them.
 */
public final class ExpectedResults {
    private ExpectedResults() {}

    public record Table(List<String> vars, Set<String> rows) {}

    public static Path fileFor(Path query) {
        String n = query.getFileName().toString();
        return query.resolveSibling(n.substring(0, n.length() - 3) + ".expected.tsv");
    }

    public static Table read(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.removeIf(l -> l.isBlank() || l.startsWith("#"));
        List<String> vars = List.of(lines.get(0).split("\t", -1));
        Set<String> rows = new TreeSet<>(lines.subList(1, lines.size()));
        return new Table(vars, rows);
    }

    /** Renders a result set as TSV rows over the given variables, in the same notation as the expected files. */
    public static Set<String> render(ResultSet rs, List<String> vars, Prefixes prefixes) {
        Set<String> out = new TreeSet<>();
        while (rs.hasNext()) {
            QuerySolution s = rs.next();
            List<String> cells = new ArrayList<>();
            for (String v : vars) cells.add(text(s.get(v), prefixes));
            out.add(String.join("\t", cells));
        }
        return out;
    }

    /**
     * Asserts that {@code actual} answers the query as its {@code # expect:} mode demands: exactly the expected rows
     * ({@code exact...}), or at least them and not nothing (anything else, the default {@code contains}).
     */
    public static void assertRows(Table expected, Set<String> actual, String mode, String what, Path expectedFile) {
        if (mode.startsWith("exact")) {
            assertEquals(expected.rows(), actual, what + ": rows differ from " + expectedFile);
        } else {
            Set<String> missing = new TreeSet<>(expected.rows());
            missing.removeAll(actual);
            assertTrue(missing.isEmpty(), what + ": expected rows missing: " + missing + "\nactual: " + actual);
            assertFalse(actual.isEmpty(), what + ": no rows");
        }
    }

    static String text(RDFNode n, Prefixes prefixes) {
        if (n == null) return "";
        if (n.isURIResource()) return prefixes.shorten(n.asResource().getURI());
        if (n.isLiteral()) return org.w3id.mevo.curate.TsvFile.cell(n.asLiteral().getLexicalForm());
        return "_:b";
    }
}
