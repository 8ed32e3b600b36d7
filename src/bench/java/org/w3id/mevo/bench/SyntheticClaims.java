package org.w3id.mevo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.w3id.mevo.core.MevoException;

/**
 * A seeded generator of synthetic claim tables with the shape of the real ones: each synthetic row starts from a real
 * claim row (so outcomes, evidence, study design and citation columns stay mutually consistent) and then draws its
 * biological context (source, cargo, targets, pathways, recipient cells, disease, organism, organ) from other real
 * rows, so it reuses only real, resolvable terms.
 */
public final class SyntheticClaims {
    /** Columns re-drawn from other rows; everything else comes from the base row. */
    static final Set<String> CONTEXT_COLUMNS = Set.of("organ", "ev_source", "cargo", "targets_up", "targets_down",
            "pathways", "recipient_cells", "disease_model", "organism");

    public record Options(List<Path> realTables, int claims, long seed, int firstId) {}

    private SyntheticClaims() {}

    /** Writes the synthetic table (header and template row of the first real table) and returns its path. */
    public static Path write(Options o, Path target) {
        List<String> header = null, template = null;
        List<String[]> rows = new ArrayList<>();
        try {
            for (Path t : o.realTables()) {
                List<String> lines = Files.readAllLines(t, StandardCharsets.UTF_8);
                if (header == null) { header = org.w3id.mevo.curate.TsvFile.cells(lines.get(0)); template = org.w3id.mevo.curate.TsvFile.cells(lines.get(1)); }
                else if (!header.equals(org.w3id.mevo.curate.TsvFile.cells(lines.get(0))))
                    throw new MevoException(t + ": claim tables must share one header to be mixed");
                for (int i = 2; i < lines.size(); i++) if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) rows.add(org.w3id.mevo.curate.TsvFile.cells(lines.get(i)).toArray(String[]::new));
            }
            if (rows.isEmpty()) throw new MevoException("no real claims to draw from");
            Random rnd = new Random(o.seed());
            int idCol = header.indexOf("id");
            List<String> out = new ArrayList<>(o.claims() + 2);
            out.add(org.w3id.mevo.curate.TsvFile.line(header));
            out.add(org.w3id.mevo.curate.TsvFile.line(template));
            for (int n = 0; n < o.claims(); n++) {
                String[] row = rows.get(rnd.nextInt(rows.size())).clone();
                for (int c = 0; c < header.size(); c++) {
                    if (CONTEXT_COLUMNS.contains(header.get(c)) && rnd.nextBoolean()) row[c] = rows.get(rnd.nextInt(rows.size()))[c];
                }
                row[idCol] = String.format("MEVO:%07d", o.firstId() + n);
                out.add(org.w3id.mevo.curate.TsvFile.line(row));
            }
            Files.createDirectories(target.getParent());
            Files.write(target, out, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new MevoException("cannot write synthetic claims " + target + ": " + e.getMessage(), e);
        }
    }
}
