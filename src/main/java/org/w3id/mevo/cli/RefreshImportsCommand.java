package org.w3id.mevo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.RefreshImportsOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refresh-imports", sortOptions = false, description = {
        "regenerate every ontology/imports/*_import.ttl (and components/external-placements.ttl)",
        "from the pinned sources in ontology/imports/sources.tsv; needs apt-get for the Debian packages",
        "(GO.db, org.Hs.eg.db); the build itself never refreshes"})
public final class RefreshImportsCommand implements Callable<Integer> {
    @Option(names = "--sources", paramLabel = "DIR", required = true,
            description = "folder holding the pinned source files named in sources.tsv")
    Path sources;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "target/import-sources",
            description = "where the Debian packages are fetched and unpacked (default target/import-sources)")
    Path cache;

    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        StepLog log = StepLog.stderr();
        ProjectLayout layout = project.layout();
        var r = new RefreshImportsOperation(log).run(new RefreshImportsOperation.Options(layout.importsDir(), sources, cache,
                layout.prefixes(), layout.ontologyDir().resolve("components").resolve("external-placements.ttl")));
        log.info("refresh-imports took " + r.ms() + " ms");
        return 0;
    }
}
