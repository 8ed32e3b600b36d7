package org.w3id.mevo.core;

import java.util.Map;

/**
 * What the build's error messages and reports need to speak to a curator: an IRI as a CURIE, and where an entity was
 * curated ({@code file:line}). One record passed to validate and reason (it replaces two same-typed
 * {@code Function<String, String>} parameters, "shorten" and "locate", that could be swapped without a compile error).
 *
 * @param prefixes the project's CURIE prefixes (ontology/prefixes.tsv)
 * @param locations entity IRI -> "file:line" where it was curated (records: their table row; terms: their file)
 */
public record Diagnostics(Prefixes prefixes, Map<String, String> locations) {
    public Diagnostics {
        locations = locations == null ? Map.of() : locations;
    }

    /** For steps that know no curation locations (benchmarks, tests of a single step). */
    public static Diagnostics withoutLocations(Prefixes prefixes) { return new Diagnostics(prefixes, Map.of()); }

    /** The IRI as a CURIE of a known prefix, or the IRI itself. */
    public String curie(String iri) { return prefixes.shorten(iri); }

    /** Where the entity was curated ("file:line"), or null when unknown. */
    public String location(String iri) { return iri == null ? null : locations.get(iri); }

    /** Where the entity was curated, or, for a value individual ({@link ValueIndividual}), where its record was. */
    public String recordLocation(String iri) {
        String loc = location(iri);
        return loc != null ? loc : ValueIndividual.parse(iri).map(v -> location(v.record())).orElse(null);
    }
}
