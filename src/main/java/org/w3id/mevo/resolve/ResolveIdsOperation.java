package org.w3id.mevo.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.curate.TsvFile;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;

/**
 * {@code ./mevo resolve-ids}: asks NCBI E-utilities for the PMIDs and DOIs the reference table still lacks and writes
 * them as <em>proposals</em> (columns proposed_pmid, proposed_doi, proposal_origin) with their origin and date.
 * Confirmed values (columns pmid, doi) are never touched: a curator checks a proposal and moves it across.
 */
public final class ResolveIdsOperation {
    static final List<String> PROPOSAL_COLUMNS = List.of("proposed_pmid", "proposed_doi", "proposal_origin");

    /** @param limit at most this many references are looked up (0 = all) */
    public record Options(Path table, Eutils.Options eutils, LocalDate today, int limit) {}

    public record Result(int looked, int proposedPmid, int proposedDoi, int unparsable, int requests) {}

    private final StepLog log;

    public ResolveIdsOperation(StepLog log) { this.log = log; }

    public Result run(Options o) {
        var step = log.start("resolve-ids");
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(o.table(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MevoException("cannot read " + o.table() + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2) throw new CurationException(o.table(), 1, "header", "needs a header and a template row");
        List<String> header = new ArrayList<>(TsvFile.cells(lines.get(0)));
        List<String> template = new ArrayList<>(TsvFile.cells(lines.get(1)));
        for (String c : PROPOSAL_COLUMNS) {
            if (!header.contains(c)) { header.add(c); template.add("IGNORE"); }
        }
        int cRef = col(header, "ref", o), cEntry = col(header, "entry", o), cPmid = col(header, "pmid", o),
            cDoi = col(header, "doi", o), cPp = header.indexOf("proposed_pmid"), cPd = header.indexOf("proposed_doi"),
            cOrigin = header.indexOf("proposal_origin");
        Eutils eutils = new Eutils(o.eutils());
        int looked = 0, pp = 0, pd = 0, unparsable = 0;
        TsvFile.Writer out = new TsvFile.Writer().row(header).row(template);
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) { out.verbatim(line); continue; }
            List<String> cells = new ArrayList<>(TsvFile.cells(line));
            while (cells.size() < header.size()) cells.add("");
            String pmid = cells.get(cPmid).trim(), doi = cells.get(cDoi).trim();
            boolean needs = (pmid.isEmpty() || doi.isEmpty()) && cells.get(cPp).isEmpty() && cells.get(cPd).isEmpty();
            if (!needs || (o.limit() > 0 && looked >= o.limit())) { out.row(cells); continue; }
            looked++;
            List<String> how = new ArrayList<>();
            String knownPmid = pmid;
            if (pmid.isEmpty()) {
                Optional<String> found = Optional.empty();
                if (!doi.isEmpty()) {
                    found = eutils.doiToPmid(doi);
                    if (found.isPresent()) how.add("PMID by ESearch on the DOI");
                } else {
                    Optional<Citation> c = Citation.parse(cells.get(cEntry));
                    if (c.isEmpty()) unparsable++;
                    else {
                        found = eutils.citationToPmid(c.get(), cells.get(cRef).trim());
                        if (found.isPresent()) how.add("PMID by ECitMatch on journal/year/volume/page/author");
                    }
                }
                if (found.isPresent()) { cells.set(cPp, found.get()); knownPmid = found.get(); pp++; }
            }
            if (doi.isEmpty() && !knownPmid.isEmpty()) {
                Optional<String> d = eutils.pmidToDoi(knownPmid);
                if (d.isPresent()) { cells.set(cPd, d.get()); how.add("DOI by ESummary of PMID " + knownPmid); pd++; }
            }
            if (!how.isEmpty()) cells.set(cOrigin, "NCBI E-utilities, " + o.today() + ": " + String.join("; ", how)
                    + " (proposal, not yet confirmed by a curator)");
            out.row(cells);
        }
        out.writeTo(o.table());
        step.done("looked-up=" + looked + " proposed-pmid=" + pp + " proposed-doi=" + pd + " unparsable=" + unparsable
                + " requests=" + eutils.requests());
        return new Result(looked, pp, pd, unparsable, eutils.requests());
    }

    private static int col(List<String> header, String name, Options o) {
        int i = header.indexOf(name);
        if (i < 0) throw new CurationException(o.table(), 1, "header", "missing required column '" + name + "'");
        return i;
    }
}
