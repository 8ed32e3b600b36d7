package org.w3id.mevo.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.publish.Release;

/**
 * The served dataset: a published release ({@code mevo.nq}, its named graphs) loaded so that a query on the default
 * graph sees the union of the named graphs. Used by both server modes, by {@code ./mevo query} and by the tests.
 */
public final class ServedDataset {
    private ServedDataset() {}

    /** Loads the release into an in-memory dataset (the kind the server uses) whose default graph is the union of the named graphs. */
    public static Dataset loadUnion(Path releaseDir) {
        if (!Release.exists(releaseDir)) throw new MevoException(releaseDir + ": no release here; run ./mevo build first");
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        load(dsg, releaseDir, () -> {});
        return DatasetFactory.wrap(dsg);
    }

    /**
     * Loads the release's quads into {@code dsg} inside one write transaction; {@code beforeCommit} runs inside that
     * transaction after the last quad was read (persistent mode's crash test uses it to hold the load open).
     *
     * <p>Queries see the union of the release's named graphs as the default graph. A TDB2 dataset configured with
     * {@code tdb2:unionDefaultGraph true} provides that itself; into any other dataset (the in-memory one
     * fuseki-config/mevo.ttl declares) the union is also written, once, as its default graph: a query on the default
     * graph then reads one graph instead of merging and de-duplicating quads from five. A text-indexed dataset gets
     * that copy on its base dataset, so the text index holds each literal once.
     */
    public static void load(DatasetGraph dsg, Path releaseDir, Runnable beforeCommit) {
        Txn.executeWrite(dsg, () -> {
            RDFDataMgr.read(dsg, releaseDir.resolve(Release.DATASET_FILE).toString());
            if (!dsg.getContext().isTrue(TDB2.symUnionDefaultGraph)) writeUnionAsDefaultGraph(dsg);
            beforeCommit.run();
        });
    }

    private static void writeUnionAsDefaultGraph(DatasetGraph dsg) {
        DatasetGraph base = dsg instanceof DatasetGraphWrapper w ? w.getWrapped() : dsg;
        Graph union = base.getDefaultGraph();
        for (Node g : Iter.toList(base.listGraphNodes()))
            base.getGraph(g).find().forEachRemaining(union::add);
    }

    /**
     * What {@link #loadEmpty} did: the datasets filled, their quads, the load time, and the first dataset.
     * @param loadNanos time spent in the loads alone (not in counting)
     */
    public record Loaded(List<String> datasets, long quads, long loadNanos, DatasetGraph first) {}

    /** Loads the release into every dataset of a server's registry that starts empty. */
    public static Loaded loadEmpty(DataAccessPointRegistry registry, Path releaseDir) {
        long quads = 0, nanos = 0;
        List<String> names = new ArrayList<>();
        DatasetGraph first = null;
        for (DataAccessPoint dap : registry.accessPoints()) {
            DatasetGraph dsg = dap.getDataService().getDataset();
            if (!Txn.calculateRead(dsg, dsg::isEmpty)) continue;
            long t0 = System.nanoTime();
            load(dsg, releaseDir, () -> {});
            nanos += System.nanoTime() - t0;
            quads += Txn.calculateRead(dsg, () -> countQuads(dsg));
            names.add(dap.getName());
            if (first == null) first = dsg;
        }
        return new Loaded(names, quads, nanos, first);
    }

    /** Quads in the named graphs: what the release holds (a copy of their union as the default graph is not counted). */
    private static long countQuads(DatasetGraph dsg) {
        long n = 0;
        var it = dsg.findNG(null, null, null, null);
        while (it.hasNext()) { it.next(); n++; }
        return n;
    }
}
