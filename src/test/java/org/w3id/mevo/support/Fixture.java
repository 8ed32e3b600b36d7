package org.w3id.mevo.support;

import java.io.IOException;
import java.nio.file.Path;
import org.w3id.mevo.core.FileTrees;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;

/**
 * The tiny fixture project of the fast test tier, {@code src/test/resources/fixture-project/}: an edit file, one
 * component, one import table, a three-row claims table, one check, one shape, one flattening rule and one example
 * query. Tests work on a copy (the build writes the import module beside its table).
 */
public final class Fixture {
    private Fixture() {}

    /** The fixture as checked in (read only: copy it before building). */
    public static Path source() {
        return TestKb.layout().root().resolve("src").resolve("test").resolve("resources").resolve("fixture-project");
    }

    /** Golden release files the pipeline must produce from the fixture. */
    public static Path goldenRelease() { return source().resolve("expected-release"); }

    /** A fresh copy of the fixture project (ontology/ and queries/) under {@code dir}. */
    public static ProjectLayout copyTo(Path dir) throws IOException {
        for (String d : new String[] {"ontology", "queries"}) FileTrees.copy(source().resolve(d), dir.resolve(d));
        return new ProjectLayout(dir);
    }

    /** The fixture copied under {@code dir} and curated (import module written, files merged, table compiled). */
    public static CuratedKb curated(Path dir) throws IOException {
        return new CurateOperation(StepLog.silent()).run(CurateOperation.Options.of(copyTo(dir)));
    }
}
