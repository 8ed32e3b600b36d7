package org.w3id.mevo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;
import org.w3id.mevo.reason.ReasonOperation;

/**
 * Scaling: synthetic claim tables of 1k, 10k, 100k claims (seeded, real terms) are curated and reasoned; reasoning is
 * timed with the structural realiser (HermiT classifies the TBox) and, where asked, with HermiT over the whole ABox,
 * so both approaches can be compared on the same data in the same run.
 */
public final class ScalingBenchmark {
    /** @param hermitUpTo also run HermiT over the whole ABox for sizes up to this many claims */
    public record Options(ProjectLayout layout, List<Integer> sizes, long seed, int hermitUpTo, Path workDir) {}

    public record Row(int claims, long individuals, long curateMs, String strategy, long reasonMs, long typeLinks, long peakHeapMb) {
        public String tsv() {
            return String.format(Locale.ROOT, "%d\t%d\t%d\t%s\t%d\t%d\t%d", claims, individuals, curateMs, strategy, reasonMs, typeLinks, peakHeapMb);
        }
    }

    private final StepLog log;

    public ScalingBenchmark(StepLog log) { this.log = log; }

    public List<Row> run(Options o) {
        List<Row> rows = new ArrayList<>();
        Prefixes prefixes = Prefixes.load(o.layout().prefixes());
        for (int n : o.sizes()) {
            Path root = o.workDir().resolve("scale-" + n);
            ProjectLayout l = SyntheticProject.create(new SyntheticProject.Options(o.layout(), root, n, o.seed()));
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            CuratedKb kb = new CurateOperation(StepLog.silent()).run(new CurateOperation.Options(l.editFile(), l.catalog(), l.prefixes(),
                    l.importsDir(), List.of(l.tablesDir(), l.referencesDir())));
            long curateMs = (System.nanoTime() - t0) / 1_000_000;
            long individuals = kb.abox().find(org.apache.jena.graph.Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(),
                    org.apache.jena.vocabulary.OWL2.NamedIndividual.asNode()).toList().size();
            rows.add(reason(n, individuals, curateMs, kb, prefixes, ReasonOperation.Realisation.STRUCTURAL));
            if (n <= o.hermitUpTo()) rows.add(reason(n, individuals, curateMs, kb, prefixes, ReasonOperation.Realisation.HERMIT));
            org.w3id.mevo.core.FileTrees.delete(root);
        }
        return rows;
    }

    private Row reason(int n, long individuals, long curateMs, CuratedKb kb, Prefixes prefixes, ReasonOperation.Realisation r) {
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        var res = new ReasonOperation(log).run(kb.tbox(), kb.abox(), org.w3id.mevo.core.Diagnostics.withoutLocations(prefixes),
                ReasonOperation.Options.defaults().with(r));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Row row = new Row(n, individuals, curateMs, res.realisation().name().toLowerCase(Locale.ROOT), ms, res.typeLinks(), peakHeapMb());
        log.info(String.format(Locale.ROOT, "scaling: %,d claims (%,d individuals): %s reasoning+materialisation %,d ms, peak heap %,d MB",
                n, individuals, row.strategy(), ms, row.peakHeapMb()));
        return row;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum / (1024 * 1024);
    }
}
