package org.w3id.mevo.curate.imports;

/** One pinned source file, read on demand. */
public interface TermSource extends AutoCloseable {
    /** The term as this source states it, or null when the source does not hold it. */
    ExternalTerm get(String iri);

    /** Adds to {@code t} what this source says about it (for sources that only supplement another). */
    default void supplement(ExternalTerm t) {
        ExternalTerm o = get(t.iri);
        if (o != null) t.supplementFrom(o);
    }

    @Override default void close() {}
}
