package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;
import org.w3id.mevo.reason.ReasonOperation;
import org.w3id.mevo.reason.ReasoningFailure;
import org.w3id.mevo.support.ProjectCopy;
import org.w3id.mevo.support.TestKb;

/** The fast path for large ABoxes (HermiT on the TBox + structural realisation) concludes exactly what HermiT does. */
class RealisationTest {

    private static Set<String> lines(Graph g) {
        Set<String> s = new TreeSet<>();
        g.find().forEach(t -> s.add(t.toString()));
        return s;
    }

    @Test
    void structuralRealisationEqualsHermitOnTheRealKnowledgeBase() {
        CuratedKb kb = new CurateOperation(StepLog.silent()).run(CurateOperation.Options.of(TestKb.layout()));
        var d = org.w3id.mevo.core.Diagnostics.withoutLocations(TestKb.prefixes());
        var base = ReasonOperation.Options.defaults();
        var hermit = new ReasonOperation(StepLog.silent()).run(kb.tbox(), kb.abox(), d, base.with(ReasonOperation.Realisation.HERMIT));
        var structural = new ReasonOperation(StepLog.silent()).run(kb.tbox(), kb.abox(), d, base.with(ReasonOperation.Realisation.STRUCTURAL));
        assertTrue(hermit.typeLinks() > 1000, "HermiT types: " + hermit.typeLinks());
        assertEquals(ReasonOperation.Realisation.HERMIT, hermit.realisation());
        assertEquals(ReasonOperation.Realisation.STRUCTURAL, structural.realisation(), "the structural path really ran");
        Set<String> a = lines(hermit.inferred()), b = lines(structural.inferred());
        Set<String> onlyHermit = new TreeSet<>(a); onlyHermit.removeAll(b);
        Set<String> onlyStructural = new TreeSet<>(b); onlyStructural.removeAll(a);
        assertTrue(onlyHermit.isEmpty() && onlyStructural.isEmpty(),
                "only HermiT: " + onlyHermit.stream().limit(10).toList() + "\nonly structural: " + onlyStructural.stream().limit(10).toList());
        assertEquals(hermit.typeLinks(), structural.typeLinks());
    }

    @Test
    void structuralRealisationCatchesAClaimInTwoDisjointCategories(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        ProjectCopy.editFirstRecord(l.tablesDir().resolve("claims-cancer.tsv"), "outcomes", "tumour-supporting outcome | tumour-inhibiting outcome");
        CuratedKb kb = new CurateOperation(StepLog.silent()).run(CurateOperation.Options.of(l));
        ReasoningFailure f = assertThrows(ReasoningFailure.class, () -> new ReasonOperation(StepLog.silent()).run(kb.tbox(), kb.abox(),
                new org.w3id.mevo.core.Diagnostics(TestKb.prefixes(), kb.locations()), ReasonOperation.Options.defaults().with(ReasonOperation.Realisation.STRUCTURAL)));
        assertEquals(List.of("MEVO:1001001"), f.culprits());
        assertTrue(f.getMessage().contains("claims-cancer.tsv:3") && f.getMessage().contains("disjoint"), f.getMessage());
    }
}
