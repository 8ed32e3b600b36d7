package org.w3id.mevo.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.resolve.Eutils;
import org.w3id.mevo.resolve.ResolveIdsOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resolve-ids", sortOptions = false, description = {
        "ask NCBI E-utilities for PMIDs/DOIs the reference table lacks (needs internet); writes proposals",
        "(proposed_pmid, proposed_doi, proposal_origin), never overwrites a confirmed value"})
public final class ResolveIdsCommand implements Callable<Integer> {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "look up at most N references")
    int limit;

    @Option(names = "--eutils", paramLabel = "URL", description = "E-utilities base URL (default NCBI)")
    String eutils;

    @Option(names = "--email", paramLabel = "ADDR", defaultValue = "",
            description = "contact address sent to NCBI, as its usage policy asks")
    String email;

    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        var ncbi = Eutils.Options.ncbi();
        var e = new Eutils.Options(eutils != null ? eutils : ncbi.baseUrl(), ncbi.delay(), ncbi.tool(), email);
        new ResolveIdsOperation(StepLog.stderr()).run(new ResolveIdsOperation.Options(
                project.layout().referencesDir().resolve("review-references.tsv"), e, LocalDate.now(), limit));
        return 0;
    }
}
