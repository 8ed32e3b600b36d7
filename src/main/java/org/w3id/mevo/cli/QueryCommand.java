package org.w3id.mevo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.query.QueryOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", sortOptions = false, description = "run a SPARQL query against the built release, without a server")
public final class QueryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.rq", description = "the SPARQL query")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "table", converter = Main.FormatConverter.class,
            description = "table (default), tsv, csv, json, xml, curies")
    QueryOperation.Format format;

    @Mixin ReleaseOptions release;
    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        ProjectLayout layout = project.layout();
        Path releaseDir = release.ensureCurrent(layout, StepLog.stderr());
        new QueryOperation().run(new QueryOperation.Options(file, releaseDir, format, Prefixes.load(layout.prefixes())), System.out);
        return 0;
    }
}
