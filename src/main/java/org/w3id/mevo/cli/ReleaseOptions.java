package org.w3id.mevo.cli;

import java.nio.file.Path;
import org.w3id.mevo.Pipeline;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Option;

/**
 * {@code --release DIR} and {@code --no-build} of the commands that use a built release (serve, query, bench,
 * bench-load), and the one place that rebuilds a release that is missing or older than the curated files.
 */
public final class ReleaseOptions {
    @Option(names = "--release", paramLabel = "DIR", description = "use this release folder (default release/)")
    Path release;

    @Option(names = "--no-build", description = "use the release as it is, even if older than the curated files")
    boolean noBuild;

    /** The release folder: {@code --release DIR}, or the project's {@code release/}. */
    public Path dir(ProjectLayout layout) {
        return release != null ? release : layout.defaultReleaseDir();
    }

    /** The release folder, built first when it is missing or stale (unless {@code --no-build}). */
    public Path ensureCurrent(ProjectLayout layout, StepLog log) {
        Path dir = dir(layout);
        if (!noBuild) ensureCurrent(layout, dir, log);
        return dir;
    }

    /** Builds {@code release} when it is missing or older than the curated files of {@code layout}. */
    public static void ensureCurrent(ProjectLayout layout, Path release, StepLog log) {
        if (Pipeline.isCurrent(layout, release)) return;
        log.info("release missing or older than the curated files: building first");
        new Pipeline(log).build(new Pipeline.Options(layout, release));
    }
}
