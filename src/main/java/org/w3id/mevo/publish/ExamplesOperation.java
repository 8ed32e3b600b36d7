package org.w3id.mevo.publish;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;

/**
 * Publishes the competency queries inside the endpoint, in the SIB sparql-examples style: each {@code queries/*.rq}
 * becomes an {@code sh:SPARQLExecutable} with its question as {@code rdfs:comment} and its text as {@code sh:select}
 * (or {@code sh:ask} / {@code sh:construct}), so users can find examples with SPARQL and the web UI can offer them.
 */
public final class ExamplesOperation {
    public static final String GRAPH = org.w3id.mevo.core.MevoIris.graph("examples");
    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final String SCHEMA = "https://schema.org/";

    /** @param endpoint the public endpoint IRI the examples target (schema:target) */
    public record Options(Path queriesDir, String endpoint) {}

    private final StepLog log;

    public ExamplesOperation(StepLog log) { this.log = log; }

    public Graph run(Options o) {
        var step = log.start("examples");
        Graph g = GraphFactory.createDefaultGraph();
        int n = 0;
        for (Path p : SparqlFiles.list(o.queriesDir())) {
            SparqlFiles f = SparqlFiles.read(p);
            Query q = f.query();
            Node ex = NodeFactory.createURI(org.w3id.mevo.core.MevoIris.EXAMPLES_NS + f.name());
            g.add(Triple.create(ex, RDF.type.asNode(), uri(SH + "SPARQLExecutable")));
            String kind = q.isSelectType() ? "Select" : q.isAskType() ? "Ask" : q.isConstructType() ? "Construct" : "Describe";
            g.add(Triple.create(ex, RDF.type.asNode(), uri(SH + "SPARQL" + kind + "Executable")));
            g.add(Triple.create(ex, uri(SH + kind.toLowerCase(java.util.Locale.ROOT)), NodeFactory.createLiteralString(f.text())));
            g.add(Triple.create(ex, RDFS.label.asNode(), NodeFactory.createLiteralString(f.name())));
            String question = f.header().getOrDefault("question", f.name());
            g.add(Triple.create(ex, RDFS.comment.asNode(), NodeFactory.createLiteralString(question)));
            g.add(Triple.create(ex, uri(SCHEMA + "target"), uri(o.endpoint())));
            n++;
        }
        step.done("examples=" + n);
        return g;
    }

    private static Node uri(String s) { return NodeFactory.createURI(s); }
}
