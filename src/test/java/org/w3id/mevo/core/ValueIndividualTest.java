package org.w3id.mevo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The value-individual IRI {@code <record>-<column>-<n>}: minted, parsed back, recognised. */
@Tag("fast")
class ValueIndividualTest {
    static final String CLAIM = "https://w3id.org/mevo/MEVO_1000001";

    @Test
    void mintedIrisParseBackToTheirParts() {
        // column names as the tables have them: plain words and snake_case (cargo, cargo_depleted, reported_ev_type)
        for (String column : new String[] {"cargo", "cargo_depleted", "reported_ev_type", "targets2", "2", "_"}) {
            for (int n : new int[] {1, 2, 10, 123}) {
                String iri = ValueIndividual.mint(CLAIM, column, n);
                assertEquals(CLAIM + "-" + column + "-" + n, iri);
                assertEquals(Optional.of(new ValueIndividual(CLAIM, column, n)), ValueIndividual.parse(iri), iri);
                assertTrue(ValueIndividual.belongsTo(iri, CLAIM), iri);
            }
        }
    }

    @Test
    void aRecordIriWithDashesAndDigitsStillParsesFromTheEnd() {
        // clinical-trials.tsv records are ClinicalTrials.gov IRIs; a record IRI may also hold dashes
        String trial = "https://clinicaltrials.gov/study/NCT03384433";
        assertEquals(Optional.of(new ValueIndividual(trial, "conditions", 1)), ValueIndividual.parse(trial + "-conditions-1"));
        String dashed = "https://example.org/rec-2-b-7";
        String iri = ValueIndividual.mint(dashed, "ev_source", 3);
        assertEquals(Optional.of(new ValueIndividual(dashed, "ev_source", 3)), ValueIndividual.parse(iri));
        assertTrue(ValueIndividual.belongsTo(iri, dashed));
        assertFalse(ValueIndividual.belongsTo(iri, "https://example.org/rec-2"), "the record is the whole prefix, not a part of it");
    }

    @Test
    void irisOfOtherShapesAreNotValueIndividuals() {
        for (String iri : new String[] {CLAIM, "https://w3id.org/mevo/MEVO_0000102", "https://w3id.org/mevo/reference/88",
                "https://w3id.org/mevo/examples/ev-subtype-sizes", CLAIM + "-cargo", CLAIM + "-cargo-", CLAIM + "-cargo-0",
                CLAIM + "-cargo-01", CLAIM + "-cargo-x", CLAIM + "--1", CLAIM + "-car.go-1", "-cargo-1", ""}) {
            assertFalse(ValueIndividual.isValueIndividual(iri), iri);
            assertEquals(Optional.empty(), ValueIndividual.parse(iri), iri);
        }
        assertFalse(ValueIndividual.isValueIndividual(null));
        assertFalse(ValueIndividual.belongsTo(CLAIM + "-cargo-1", "https://w3id.org/mevo/MEVO_1000002"));
    }

    @Test
    void aColumnNameThatWouldNotParseBackIsRefused() {
        // a '-' in the column would make <record>-<column>-<n> ambiguous; the table compiler reports it with file and line
        for (String column : new String[] {"cargo-depleted", "cargo depleted", "", "cargo/x", "cargo#x"}) {
            assertFalse(ValueIndividual.isColumnName(column), column);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueIndividual.mint(CLAIM, column, 1));
            assertTrue(e.getMessage().contains("'" + column + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ValueIndividual.mint(CLAIM, "cargo", 0));
        assertThrows(IllegalArgumentException.class, () -> ValueIndividual.mint("", "cargo", 1));
    }
}
