package org.w3id.mevo.publish;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published release folder and its named graphs. The dataset file {@code mevo.nq} holds five named graphs (asserted,
 * inferred, flat below; examples and void); whoever serves or queries it makes the default graph the union of them
 * (the server's loader: serve/ServedDataset).
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

    /** The fingerprint of the inputs the release was built from (build-info.json), or null when there is none. */
    public static String fingerprint(Path dir) {
        return BuildInfo.read(dir).map(BuildInfo::fingerprint).orElse(null);
    }

    /** A number recorded in build-info.json (e.g. {@code asserted_triples}), or -1 when absent. */
    public static long infoNumber(Path dir, String key) {
        return BuildInfo.read(dir).map(i -> i.number(key)).orElse(-1L);
    }
}
