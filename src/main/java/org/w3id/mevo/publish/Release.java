package org.w3id.mevo.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.w3id.mevo.core.MevoException;

/**
 * The published release folder and its named graphs. The dataset file {@code mevo.nq} holds five named graphs (asserted,
 * inferred, flat below; examples and void); whoever serves or queries it makes the default graph the union of them.
 */
public final class Release {
    /** The curated ontology and compiled tables, as asserted. */
    public static final String ASSERTED = org.w3id.mevo.core.MevoIris.graph("asserted");
    /** What HermiT entails beyond the asserted: subclass links and individual types. */
    public static final String INFERRED = org.w3id.mevo.core.MevoIris.graph("inferred");
    /** Direct triples (claim -> cargo, class -> some-values-from class, size ranges) for simple SPARQL. */
    public static final String FLAT = org.w3id.mevo.core.MevoIris.graph("flat");

    public static final String DATASET_FILE = "mevo.nq";
    public static final String OWL_FILE = "mevo.owl";
    public static final String TURTLE_FILE = "mevo.ttl";
    public static final String REPORT_FILE = "report.tsv";
    public static final String INFO_FILE = "build-info.json";

    private Release() {}

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(DATASET_FILE)) && Files.isRegularFile(dir.resolve(INFO_FILE));
    }

    /** Loads the release into an in-memory dataset (the kind the server uses) whose default graph is the union of the named graphs. */
    public static Dataset loadUnionDataset(Path dir) {
        if (!exists(dir)) throw new MevoException(dir + ": no release here; run ./mevo build first");
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        loadInto(dsg, dir, () -> {});
        return DatasetFactory.wrap(dsg);
    }

    /** Loads the release's quads into an existing dataset inside one write transaction (see below). */
    public static void loadInto(Dataset ds, Path dir) {
        loadInto(ds.asDatasetGraph(), dir, () -> {});
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
    public static void loadInto(DatasetGraph dsg, Path dir, Runnable beforeCommit) {
        Txn.executeWrite(dsg, () -> {
            RDFDataMgr.read(dsg, dir.resolve(DATASET_FILE).toString());
            if (!dsg.getContext().isTrue(TDB2.symUnionDefaultGraph)) writeUnionAsDefaultGraph(dsg);
            beforeCommit.run();
        });
    }

    private static void writeUnionAsDefaultGraph(DatasetGraph dsg) {
        DatasetGraph base = dsg instanceof org.apache.jena.sparql.core.DatasetGraphWrapper w ? w.getWrapped() : dsg;
        org.apache.jena.graph.Graph union = base.getDefaultGraph();
        for (org.apache.jena.graph.Node g : Iter.toList(base.listGraphNodes()))
            base.getGraph(g).find().forEachRemaining(union::add);
    }

    /** The fingerprint of the inputs the release was built from (build-info.json), or null when there is none. */
    public static String fingerprint(Path dir) {
        return BuildInfo.read(dir).map(BuildInfo::fingerprint).orElse(null);
    }

    /** A number recorded in build-info.json (e.g. {@code asserted_triples}), or -1 when absent. */
    public static long infoNumber(Path dir, String key) {
        return BuildInfo.read(dir).map(i -> i.number(key)).orElse(-1L);
    }
}
