package org.w3id.mevo.curate;

import java.util.Map;
import org.apache.jena.graph.Graph;

/**
 * Everything curated, compiled but not yet reasoned.
 *
 * @param ontologyIri the ontology IRI of the edit file
 * @param tbox classes, properties and axioms of the edit file, its components and import module (merged, one header)
 * @param abox individuals compiled from the tables (claims, references, trials)
 * @param flat direct triples compiled from the tables (record -> class), the start of the flattened view
 * @param locations record IRI -> "file:line" where it was curated, for error messages
 */
public record CuratedKb(String ontologyIri, Graph tbox, Graph abox, Graph flat, Map<String, String> locations) {

    /**
     * The asserted ontology: TBox and ABox together, as HermiT and the asserted graph see it; a read-only view, not a
     * copy (the ABox is millions of triples at scale).
     */
    public Graph asserted() {
        return org.w3id.mevo.core.UnionView.of(tbox, abox);
    }
}
