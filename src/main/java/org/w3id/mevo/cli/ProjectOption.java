package org.w3id.mevo.cli;

import java.nio.file.Path;
import org.w3id.mevo.core.ProjectLayout;
import picocli.CommandLine.Option;

/** Options every command has: {@code --project DIR} and {@code --help}. */
public final class ProjectOption {
    @Option(names = "--project", paramLabel = "DIR", description = "use the MEVO checkout at DIR instead of this one")
    Path project;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** The project this command works on: {@code --project DIR}, or the checkout around the working directory. */
    public ProjectLayout layout() {
        return ProjectLayout.discover(project == null ? Path.of("") : project);
    }
}
