package org.w3id.mevo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics record: CURIEs and curation locations, including a value individual's record row. */
@Tag("fast")
class DiagnosticsTest {
    @Test
    void curiesAndLocationsOfRecordsAndTheirValues(@TempDir Path dir) throws IOException {
        Path tsv = Files.writeString(dir.resolve("prefixes.tsv"), "prefix\tnamespace\nMEVO\thttps://w3id.org/mevo/MEVO_\n");
        String claim = MevoIris.term("1000001");
        Diagnostics d = new Diagnostics(Prefixes.load(tsv), Map.of(claim, "ontology/tables/claims-cancer.tsv:3"));
        assertEquals("MEVO:1000001", d.curie(claim));
        assertEquals("http://example.org/x", d.curie("http://example.org/x"), "an IRI of no known prefix stays whole");
        assertEquals("ontology/tables/claims-cancer.tsv:3", d.location(claim));
        String value = ValueIndividual.mint(claim, "outcomes", 2);
        assertNull(d.location(value), "the value individual itself was not curated on a line of its own");
        assertEquals("ontology/tables/claims-cancer.tsv:3", d.recordLocation(value), "its record's row is");
        assertNull(d.recordLocation(MevoIris.term("1000002")));
        assertNull(d.location(null));
        Diagnostics none = Diagnostics.withoutLocations(Prefixes.load(tsv));
        assertNull(none.location(claim));
        assertNull(none.recordLocation(value));
        assertEquals("MEVO:1000001", none.curie(claim));
    }
}
