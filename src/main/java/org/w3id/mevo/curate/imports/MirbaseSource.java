package org.w3id.mevo.curate.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3id.mevo.core.MevoException;

/**
 * miRBase mature miRNAs, from the GFF3 of a species (type miRNA: ID=MIMAT…;Name=…;Derives_from=MI…) or from
 * mature.fa ({@code >name MIMAT… Genus species short-name}). Label: the miRBase name; xrefs: the mature accession
 * and the hairpin precursor's accession; from mature.fa, the name without species prefix as a related synonym.
 */
public final class MirbaseSource implements TermSource {
    public static final String MATURE = "http://identifiers.org/mirbase.mature/";
    private final Map<String, ExternalTerm> terms = new HashMap<>();

    public MirbaseSource(Path file) {
        boolean fasta = file.getFileName().toString().matches(".*\\.fa(\\.gz)?$");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SourceFiles.open(file), StandardCharsets.UTF_8))) {
            String line;
            Map<String, String> hairpinNames = new HashMap<>();
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (fasta) {
                    if (!line.startsWith(">")) continue;
                    String[] f = line.substring(1).split("\\s+");
                    if (f.length < 3 || !f[1].startsWith("MIMAT"))
                        throw new MevoException(file + ":" + n + ": expected '>name MIMAT… species name'");
                    ExternalTerm t = new ExternalTerm(MATURE + f[1]);
                    t.label = f[0];
                    t.xrefs.add("miRBase:" + f[1]);
                    if (f.length >= 5) t.addSynonym("Related", f[f.length - 1], List.of());
                    terms.put(t.iri, t);
                    continue;
                }
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] cols = line.split("\t", -1);
                if (cols.length < 9) throw new MevoException(file + ":" + n + ": expected 9 GFF3 columns");
                Map<String, String> a = new LinkedHashMap<>();
                for (String kv : cols[8].split(";")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) a.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                if (cols[2].equals("miRNA_primary_transcript")) { hairpinNames.put(a.get("ID"), a.get("Name")); continue; }
                if (!cols[2].equals("miRNA") || a.get("ID") == null) continue;
                String id = a.get("ID").replaceAll("_\\d+$", "");
                ExternalTerm t = terms.computeIfAbsent(MATURE + id, ExternalTerm::new);
                t.label = a.get("Name");
                t.xrefs.add("miRBase:" + id);
                if (a.get("Derives_from") != null) t.xrefs.add("miRBase:" + a.get("Derives_from"));
            }
        } catch (IOException e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public ExternalTerm get(String iri) { return terms.get(iri); }
}
