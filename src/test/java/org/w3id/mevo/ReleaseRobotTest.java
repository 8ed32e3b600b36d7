package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.support.TestKb;

/**
 * The release as the OBO community's own tool sees it: ROBOT 1.9.8 from Maven Central, run as a separate JVM (it uses
 * OWL API 4, so it stays off MEVO's classpath; tools/robot/pom.xml resolves its classpath).
 */
class ReleaseRobotTest {
    static String classpath;

    @BeforeAll
    static void robotClasspath() throws Exception {
        Path out = Path.of("target", "robot.classpath").toAbsolutePath();
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            Process p = new ProcessBuilder("mvn", "-B", "-q", "-f", "tools/robot/pom.xml", "dependency:build-classpath",
                    "-Dmdep.outputFile=" + out).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "resolving ROBOT 1.9.8 failed:\n" + log);
        }
        classpath = Files.readString(out, StandardCharsets.UTF_8).trim();
        assertTrue(classpath.contains("robot-command-1.9.8.jar"), classpath);
    }

    /** Runs ROBOT; returns exit code and output. */
    static Result robot(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", classpath, "org.obolibrary.robot.CommandLineInterface"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "robot " + String.join(" ", args) + " timed out");
        return new Result(p.exitValue(), out);
    }

    record Result(int code, String out) {}

    @Test
    void robotReportHasNoError(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report.tsv");
        Result r = robot("report", "-i", TestKb.release().resolve("mevo-full.owl").toString(), "--fail-on", "none", "-o", report.toString());
        assertEquals(0, r.code(), r.out());
        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        long errors = rows.stream().filter(l -> l.startsWith("ERROR\t")).count(), warns = rows.stream().filter(l -> l.startsWith("WARN\t")).count();
        System.out.println("robot report on mevo-full.owl: ERROR=" + errors + " WARN=" + warns);
        assertEquals(0, errors, "ROBOT report ERROR rows:\n" + String.join("\n", rows.stream().filter(l -> l.startsWith("ERROR\t")).toList()));
    }

    @Test
    void fullAndBaseAreOwl2Dl() throws Exception {
        for (String f : List.of("mevo-full.owl", "mevo-base.owl")) {
            Result r = robot("validate-profile", "--profile", "DL", "-i", TestKb.release().resolve(f).toString());
            assertEquals(0, r.code(), f + " is not in OWL 2 DL:\n" + r.out());
            assertTrue(r.out().contains("in profile"), r.out());
        }
    }

    @Test
    void oboRoundTripsWithoutChangingAnyIri(@TempDir Path tmp) throws Exception {
        Path obo = TestKb.release().resolve("mevo.obo"), owl = tmp.resolve("from-obo.owl"), back = tmp.resolve("back.obo");
        Result a = robot("convert", "-i", obo.toString(), "-o", owl.toString());
        assertEquals(0, a.code(), a.out());
        Result b = robot("convert", "-i", owl.toString(), "--format", "obo", "-o", back.toString());
        assertEquals(0, b.code(), b.out());
        // OBO -> OWL: the same classes and object properties, under the same IRIs, as the released OWL file
        Graph fromObo = RDFDataMgr.loadGraph(owl.toString()), full = RDFDataMgr.loadGraph(TestKb.release().resolve("mevo-full.owl").toString());
        for (Node type : List.of(OWL2.Class.asNode(), OWL2.ObjectProperty.asNode())) {
            Set<String> x = entities(fromObo, type), y = entities(full, type);
            assertFalse(x.stream().anyMatch(i -> i.startsWith("http://purl.obolibrary.org/obo/MEVO_")), "MEVO IDs came back as OBO PURLs");
            // the OBO parser turns each alt_id into a deprecated stub class pointing to its term (term replaced by):
            // those are new entities, not changed IRIs; every one must come from an alt_id line of the OBO file
            Set<String> stubs = new TreeSet<>(x);
            stubs.removeAll(y);
            Set<String> altIds = altIds(obo);
            for (String stub : stubs) {
                assertTrue(fromObo.contains(NodeFactory.createURI(stub), OWL2.deprecated.asNode(), Node.ANY)
                        && fromObo.contains(NodeFactory.createURI(stub), NodeFactory.createURI(REPLACED_BY), Node.ANY)
                        && altIds.contains(stub.replaceFirst("^http://purl.obolibrary.org/obo/([A-Za-z]+)_", "$1:")),
                        stub + " appeared after OBO -> OWL and is not a deprecated alt_id stub");
            }
            Set<String> kept = new TreeSet<>(x);
            kept.removeAll(stubs);
            assertEquals(y, kept, "entity IRIs of type " + type + " after OBO -> OWL");
        }
        // OWL -> OBO again: the same stanza IDs
        assertEquals(ids(obo), ids(back), "stanza ids after OBO -> OWL -> OBO");
        assertTrue(Files.readString(obo, StandardCharsets.UTF_8).contains("\nidspace: MEVO https://w3id.org/mevo/MEVO_\n"));
    }

    private static Set<String> entities(Graph g, Node type) {
        Set<String> s = new TreeSet<>();
        g.find(Node.ANY, RDF.type.asNode(), type).forEach(t -> { if (t.getSubject().isURI()) s.add(t.getSubject().getURI()); });
        return s;
    }

    private static final String REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001";

    private static Set<String> altIds(Path obo) throws Exception {
        Set<String> s = new TreeSet<>();
        for (String l : Files.readAllLines(obo, StandardCharsets.UTF_8)) if (l.startsWith("alt_id: ")) s.add(l.substring(8).trim());
        return s;
    }

    private static Set<String> ids(Path obo) throws Exception {
        Set<String> s = new TreeSet<>();
        for (String l : Files.readAllLines(obo, StandardCharsets.UTF_8)) if (l.startsWith("id: ")) s.add(l.substring(4).trim());
        return s;
    }
}
