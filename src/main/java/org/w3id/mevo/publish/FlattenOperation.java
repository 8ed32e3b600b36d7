package org.w3id.mevo.publish;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.w3id.mevo.core.Graphs;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;

/**
 * Publish, step one: the flattened view (Ubergraph style). Every {@code ontology/flatten/*.rq} is a CONSTRUCT
 * run over asserted + inferred; its triples join the direct triples the tables compiled.
 */
public final class FlattenOperation {
    public record Options(Path rulesDir) {}

    private final StepLog log;

    public FlattenOperation(StepLog log) { this.log = log; }

    public Graph run(Graph asserted, Graph inferred, Graph tableFlat, Options o) {
        var step = log.start("flatten");
        Graph all = org.w3id.mevo.core.UnionView.of(asserted, inferred); // a view: no copy of millions of triples
        Dataset ds = DatasetFactory.wrap(ModelFactory.createModelForGraph(all));
        Graph flat = Graphs.copy(tableFlat);
        int rules = 0;
        for (Path p : SparqlFiles.list(o.rulesDir())) {
            SparqlFiles f = SparqlFiles.read(p);
            try (QueryExecution qe = SparqlFiles.buildExecution(ds, f.query())) {
                Model m = qe.execConstruct();
                Graphs.addAll(flat, m.getGraph());
            }
            rules++;
        }
        step.done("rules=" + rules + " flat-triples=" + flat.size());
        return flat;
    }
}
