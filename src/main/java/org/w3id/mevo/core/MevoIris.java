package org.w3id.mevo.core;

/**
 * MEVO's own IRIs, in one place: every namespace and IRI scheme under {@code https://w3id.org/mevo/} that the code
 * mints or recognises. The ontology IRI itself is read from the edit file ({@code ontology/mevo-edit.ttl}), and the
 * CURIE prefixes curators write are in {@code ontology/prefixes.tsv}; this class holds only what Java builds.
 */
public final class MevoIris {
    /** Everything MEVO publishes lives under this base; the local server maps {@code BASE + X} to {@code /X}. */
    public static final String BASE = "https://w3id.org/mevo/";
    /** Term and record IRIs: {@code MEVO_} plus seven digits (CURIE {@code MEVO:nnnnnnn}). */
    public static final String TERM_NS = BASE + "MEVO_";
    /** Named graphs of the published dataset ({@code graph/asserted}, {@code graph/inferred}, ...). */
    public static final String GRAPH_NS = BASE + "graph/";
    /** The dated version IRIs of release files: {@code releases/DATE/FILE}. */
    public static final String RELEASES_NS = BASE + "releases/";
    /** Import modules: {@code imports/NAME_import.owl}. */
    public static final String IMPORTS_NS = BASE + "imports/";
    /** Component modules: {@code components/NAME.owl}. */
    public static final String COMPONENTS_NS = BASE + "components/";
    /** The example queries published as data: {@code examples/NAME}. */
    public static final String EXAMPLES_NS = BASE + "examples/";
    /** MEVO's public SPARQL endpoint, as named in the examples and the service description. */
    public static final String SPARQL_ENDPOINT = BASE + "sparql";

    private MevoIris() {}

    /** A MEVO term or record IRI from its seven digits ({@code term("0000102")} is exosome). */
    public static String term(String digits) { return TERM_NS + digits; }

    /** A named graph of the published dataset ({@code graph("asserted")}). */
    public static String graph(String name) { return GRAPH_NS + name; }

    /** The version IRI of a release file: {@code release("2026-12-06", "mevo.owl")}. */
    public static String release(String date, String file) { return RELEASES_NS + date + "/" + file; }

    /** The IRI of a file published at the base ({@code mevo-base.owl} and the like). */
    public static String file(String name) { return BASE + name; }

    /** True for IRIs under MEVO's term namespace. */
    public static boolean isTerm(String iri) { return iri.startsWith(TERM_NS); }
}
