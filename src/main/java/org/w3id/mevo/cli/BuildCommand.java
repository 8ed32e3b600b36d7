package org.w3id.mevo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.mevo.Pipeline;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", sortOptions = false,
        description = "curate -> validate -> reason -> publish; writes the release to release/")
public final class BuildCommand implements Callable<Integer> {
    @Option(names = "--release", paramLabel = "DIR", description = "write the release elsewhere")
    Path release;

    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        ProjectLayout layout = project.layout();
        new Pipeline(StepLog.stderr()).build(new Pipeline.Options(layout, release != null ? release : layout.defaultReleaseDir()));
        return 0;
    }
}
