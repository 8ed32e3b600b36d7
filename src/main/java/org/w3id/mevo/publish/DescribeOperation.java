package org.w3id.mevo.publish;

import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;

/**
 * Self-description: every {@code ontology/describe/*.rq} is a CONSTRUCT run over the finished dataset (all named
 * graphs, default graph = their union); together they make the SPARQL 1.1 Service Description and VoID graph, and
 * the precomputed answers of the example queries that aggregate over the whole knowledge base
 * ({@code stat-NAME.rq}: one resource per answer row, read by {@code queries/NAME.rq}).
 */
public final class DescribeOperation {
    public static final String GRAPH = org.w3id.mevo.core.MevoIris.graph("void");

    public record Options(Path rulesDir) {}

    private final StepLog log;

    public DescribeOperation(StepLog log) { this.log = log; }

    public Graph run(Map<String, Graph> graphs, Options o) {
        var step = log.start("describe");
        // the default graph is a view of the union, linked, not copied (10 M triples at 100k claims: gigabytes)
        var dsg = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral(
                org.w3id.mevo.core.UnionView.of(graphs.values().toArray(Graph[]::new)));
        graphs.forEach((name, g) -> dsg.addGraph(org.apache.jena.graph.NodeFactory.createURI(name), g));
        Dataset ds = DatasetFactory.wrap(dsg);
        Graph out = GraphFactory.createDefaultGraph();
        int rules = 0;
        for (Path p : SparqlFiles.list(o.rulesDir())) {
            try (QueryExecution qe = SparqlFiles.buildExecution(ds, SparqlFiles.read(p).query())) {
                qe.execConstruct().getGraph().find().forEach(out::add);
            }
            rules++;
        }
        step.done("rules=" + rules + " triples=" + out.size());
        return out;
    }
}
