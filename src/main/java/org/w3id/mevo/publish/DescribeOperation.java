package org.w3id.mevo.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;

/**
 * Self-description: every {@code ontology/describe/*.rq} is a CONSTRUCT run over the finished dataset (all named
 * graphs, default graph = their union); together they make the SPARQL 1.1 Service Description and VoID graph, and
 * the precomputed answers of the example queries that aggregate over the whole knowledge base
 * ({@code stat-NAME.rq}: one resource per answer row, read by {@code queries/NAME.rq}).
 *
 * <p>The rules are independent reads of the same graphs, so they run on up to {@link #MAX_THREADS} threads (at 100k
 * claims they are about 30 s of CPU over 11 M triples); their triples are added in the order of the rule files, so
 * the result does not depend on which rule finished first.
 */
public final class DescribeOperation {
    public static final String GRAPH = org.w3id.mevo.core.MevoIris.graph("void");

    /** Threads for the rules: the build machines have 2 cores; more would only add memory for concurrent aggregates. */
    static final int MAX_THREADS = 2;

    public record Options(Path rulesDir) {}

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final StepLog log;

    public DescribeOperation(StepLog log) { this.log = log; }

    public Graph run(Map<String, Graph> graphs, Options o) {
        var step = log.start("describe");
        List<SparqlFiles> rules = SparqlFiles.list(o.rulesDir()).stream().map(SparqlFiles::read).toList();
        rules.forEach(SparqlFiles::query); // a syntax error stops the step before any rule runs, naming file and line
        int threads = Math.max(1, Math.min(MAX_THREADS, Math.min(rules.size(), Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mevo-describe");
            t.setDaemon(true);
            return t;
        });
        Graph out = GraphFactory.createDefaultGraph();
        StringBuilder ms = new StringBuilder();
        long cpuMs = 0;
        try {
            // long rules first (header "# schedule: first"), so that the short ones fill the other thread meanwhile
            List<SparqlFiles> order = new ArrayList<>(rules);
            order.sort(java.util.Comparator.comparing(r -> !r.header().getOrDefault("schedule", "").startsWith("first")));
            java.util.Map<SparqlFiles, Future<Graph>> byRule = new java.util.IdentityHashMap<>();
            java.util.Map<SparqlFiles, long[]> timeByRule = new java.util.IdentityHashMap<>();
            for (SparqlFiles rule : order) {
                long[] t = new long[2];
                timeByRule.put(rule, t);
                byRule.put(rule, pool.submit(() -> {
                    long t0 = System.nanoTime(), c0 = THREADS.getCurrentThreadCpuTime();
                    Graph g = construct(graphs, rule);
                    t[0] = (System.nanoTime() - t0) / 1_000_000;
                    t[1] = (THREADS.getCurrentThreadCpuTime() - c0) / 1_000_000;
                    return g;
                }));
            }
            for (int i = 0; i < rules.size(); i++) {
                SparqlFiles rule = rules.get(i);
                byRule.get(rule).get().find().forEach(out::add);
                ms.append(i == 0 ? "" : ",").append(rule.name()).append(':').append(timeByRule.get(rule)[0])
                        .append('/').append(timeByRule.get(rule)[1]);
                cpuMs += timeByRule.get(rule)[1];
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new MevoException("describe: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("describe interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        step.done("rules=" + rules.size() + " triples=" + out.size() + " threads=" + threads + " rules-cpu-ms=" + cpuMs
                + " rule-ms(wall/cpu)=" + ms);
        return out;
    }

    /** One rule over its own view of the dataset: the default graph is a view of the union, linked, not copied. */
    private static Graph construct(Map<String, Graph> graphs, SparqlFiles rule) {
        // (10 M triples at 100k claims: a copy would need gigabytes)
        var dsg = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral(
                org.w3id.mevo.core.UnionView.of(graphs.values().toArray(Graph[]::new)));
        graphs.forEach((name, g) -> dsg.addGraph(org.apache.jena.graph.NodeFactory.createURI(name), g));
        Dataset ds = DatasetFactory.wrap(dsg);
        try (QueryExecution qe = SparqlFiles.buildExecution(ds, rule.query())) {
            return qe.execConstruct().getGraph();
        }
    }
}
