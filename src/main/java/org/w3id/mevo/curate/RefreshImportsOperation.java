package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.imports.ClassTableSource;
import org.w3id.mevo.curate.imports.ExternalTerm;
import org.w3id.mevo.curate.imports.GoSqliteSource;
import org.w3id.mevo.curate.imports.HgncSource;
import org.w3id.mevo.curate.imports.MirbaseSource;
import org.w3id.mevo.curate.imports.ModuleWriter;
import org.w3id.mevo.curate.imports.NcbiGeneSqliteSource;
import org.w3id.mevo.curate.imports.OboSource;
import org.w3id.mevo.curate.imports.OwlSource;
import org.w3id.mevo.curate.imports.SourceFiles;
import org.w3id.mevo.curate.imports.TermSource;

/**
 * {@code ./mevo refresh-imports --sources DIR [--cache DIR]}: regenerates every import module
 * {@code ontology/imports/NAME_import.ttl} from the pinned source files listed in {@code ontology/imports/sources.tsv}
 * (files in DIR, and Debian packages fetched with apt-get and unpacked into the cache), for the terms listed in the
 * term tables; and writes MEVO's placements of those terms (the tables' mevo_parent column) to the bridge component.
 * The normal build never runs this: it reads the committed modules.
 */
public final class RefreshImportsOperation {
    public static final String SPEC_FILE = "sources.tsv";
    public static final String PLACEMENTS_IRI = org.w3id.mevo.core.MevoIris.COMPONENTS_NS + "external-placements.owl";

    /** @param placementsFile the bridge component to write (components/external-placements.ttl) */
    public record Options(Path importsDir, Path sourcesDir, Path cacheDir, Path prefixes, Path placementsFile) {}

    /** @param terms listed terms; @param classes classes written (terms plus their source ancestors) */
    public record Result(int terms, int classes, int synonyms, int tableOnly, int placements, int modulesChanged,
                         List<String> obsoleteInUse, long ms) {}

    private final StepLog log;

    public RefreshImportsOperation(StepLog log) { this.log = log; }

    /** @param extract root (source ancestors up to the source's root) or mireot (only up to other listed terms) */
    record SourceRow(String module, String role, String format, String file, String sha256, String release, String extract, Path table, long line) {}

    /** What the run counts and collects over all modules. */
    private static final class Totals {
        int terms, classes, synonyms, tableOnly;
        final Map<String, String> placements = new TreeMap<>();
        final List<String> problems = new ArrayList<>(), obsolete = new ArrayList<>();
    }

    /** One module being extracted: its spec rows, its opened sources, and the classes it will hold. */
    private static final class ModuleBuild {
        final String module;
        final List<SourceRow> rows, primaryRows;
        final List<TermSource> primary = new ArrayList<>(), supplements = new ArrayList<>();
        final Map<String, ExternalTerm> out = new LinkedHashMap<>();
        final Map<String, String> notes = new HashMap<>();
        final Deque<String[]> ancestors = new ArrayDeque<>(); // {iri, index of the primary source}
        final List<String> releases = new ArrayList<>();

        ModuleBuild(String module, List<SourceRow> spec) {
            this.module = module;
            this.rows = spec.stream().filter(r -> r.module().equals(module)).toList();
            this.primaryRows = rows.stream().filter(r -> r.role().equals("primary")).toList();
        }
    }

    public Result run(Options o) {
        long t0 = System.nanoTime();
        var step = log.start("refresh-imports");
        Prefixes prefixes = Prefixes.load(o.prefixes());
        Map<String, List<ImportTerms.Term>> tables = ImportTerms.read(o.importsDir(), prefixes);
        List<SourceRow> spec = readSpec(o.importsDir().resolve(SPEC_FILE));
        Map<String, TermSource> open = new HashMap<>();
        Totals totals = new Totals();
        Map<Path, String> texts = new LinkedHashMap<>();
        try {
            for (var e : tables.entrySet()) {
                ModuleBuild m = new ModuleBuild(e.getKey(), spec);
                for (SourceRow r : m.rows) (r.role().equals("primary") ? m.primary : m.supplements).add(source(r, o, prefixes, open));
                for (ImportTerms.Term t : e.getValue()) addListedTerm(m, t, prefixes, totals);
                if (!m.supplements.isEmpty() && !m.out.isEmpty())
                    m.rows.stream().filter(r -> r.role().equals("supplement")).forEach(r -> addRelease(m.releases, r.release()));
                addSourceAncestors(m);
                if (m.rows.stream().anyMatch(r -> r.role().equals("primary") && r.extract().equals("mireot"))) keepMireotPath(m, e.getValue());
                // a parent link to a class that is not kept (e.g. another ontology's root) is dropped
                for (ExternalTerm x : m.out.values()) x.parents.retainAll(m.out.keySet());
                totals.classes += m.out.size();
                totals.synonyms += m.out.values().stream().mapToInt(x -> x.synonyms.size()).sum();
                String text = ModuleWriter.module(ImportTerms.moduleIri(m.module), m.module + ImportTerms.TABLE_SUFFIX, m.releases, m.out.values(), m.notes);
                texts.put(o.importsDir().resolve(m.module + ImportTerms.MODULE_SUFFIX), text);
                log.info(m.module + ": terms=" + e.getValue().size() + " classes=" + m.out.size() + " sources=" + m.releases);
            }
        } finally {
            open.values().forEach(TermSource::close);
        }
        if (!totals.problems.isEmpty())
            throw new MevoException(totals.problems.size() + " problem(s); no module was written:\n" + String.join("\n", totals.problems));
        texts.put(o.placementsFile(), ModuleWriter.placements(PLACEMENTS_IRI, totals.placements));
        int changed = 0;
        for (var t : texts.entrySet()) if (write(t.getKey(), t.getValue())) changed++;
        totals.obsolete.forEach(w -> log.info("WARNING obsolete term in use: " + w));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        step.done("terms=" + totals.terms + " classes=" + totals.classes + " synonyms=" + totals.synonyms + " table-only=" + totals.tableOnly
                + " placements=" + totals.placements.size() + " obsolete-in-use=" + totals.obsolete.size() + " files-changed=" + changed);
        return new Result(totals.terms, totals.classes, totals.synonyms, totals.tableOnly, totals.placements.size(), changed, totals.obsolete, ms);
    }

    /**
     * A term of the module's table: taken from the first primary source that holds it (then completed by the
     * supplements), or, for a table-only term (label and source given in the table), written from the table.
     */
    private static void addListedTerm(ModuleBuild m, ImportTerms.Term t, Prefixes prefixes, Totals totals) {
        totals.terms++;
        if (t.mevoParentIri() != null) totals.placements.put(t.iri(), t.mevoParentIri());
        ExternalTerm x = null;
        int holder = -1;
        for (int i = 0; i < m.primary.size() && x == null; i++) { x = m.primary.get(i).get(t.iri()); holder = i; }
        if (x == null) {
            if (!t.tableOnly()) {
                totals.problems.add(new CurationException(t.file(), t.line(), "column 'id'", t.id() + " is in none of the pinned sources of module '"
                        + m.module + "' (" + String.join("; ", m.primaryRows.stream().map(SourceRow::release).toList())
                        + "): check the ID, or give its label and the source (database or page, date) where it was seen").getMessage());
                return;
            }
            x = new ExternalTerm(t.iri());
            x.label = t.label();
            m.notes.put(t.iri(), t.source());
            totals.tableOnly++;
        } else {
            String release = m.primaryRows.get(holder).release();
            if (t.tableOnly())
                totals.problems.add(new CurationException(t.file(), t.line(), "column 'label'", t.id() + " is in " + release
                        + ": leave label and source empty, the module takes them from the source").getMessage());
            if (x.deprecated) // written with owl:deprecated, so the QC gate (and robot report) flag every use
                totals.obsolete.add(t.file().getFileName() + ":" + t.line() + " " + t.id() + " '" + x.label + "' is obsolete in "
                        + release + (x.replacedBy.isEmpty() ? "" : "; replaced by "
                        + String.join(", ", x.replacedBy.stream().map(prefixes::shorten).toList())));
            for (TermSource s : m.supplements) s.supplement(x);
            addRelease(m.releases, release);
            for (String p : x.parents) m.ancestors.add(new String[] {p, Integer.toString(holder)});
        }
        m.out.put(x.iri, x);
    }

    /** Source parents up to the source's root: label, parents and deprecation of each intermediate class. */
    private static void addSourceAncestors(ModuleBuild m) {
        while (!m.ancestors.isEmpty()) {
            String[] a = m.ancestors.pop();
            if (m.out.containsKey(a[0])) continue;
            ExternalTerm p = m.primary.get(Integer.parseInt(a[1])).get(a[0]);
            if (p == null) continue;
            ExternalTerm light = new ExternalTerm(p.iri);
            light.label = p.label;
            light.deprecated = p.deprecated;
            light.parents.addAll(p.parents);
            m.out.put(p.iri, light);
            for (String pp : p.parents) m.ancestors.add(new String[] {pp, a[1]});
        }
    }

    /**
     * MIREOT: keep a source ancestor only when it lies on the source's is_a path from a listed term up to another
     * listed term (the term where MEVO attaches it); the source's upper classes are not copied.
     */
    private static void keepMireotPath(ModuleBuild m, List<ImportTerms.Term> table) {
        java.util.Set<String> listed = new java.util.HashSet<>();
        table.forEach(t -> listed.add(t.iri()));
        Map<String, Boolean> reaches = new HashMap<>();
        m.out.keySet().removeIf(iri -> !listed.contains(iri) && !reachesListed(iri, m.out, listed, reaches));
    }

    /** whether a listed term is among the source ancestors of {@code iri} */
    private static boolean reachesListed(String iri, Map<String, ExternalTerm> all, java.util.Set<String> listed, Map<String, Boolean> memo) {
        Boolean m = memo.get(iri);
        if (m != null) return m;
        memo.put(iri, false); // cycles
        boolean r = false;
        ExternalTerm t = all.get(iri);
        if (t != null) for (String p : t.parents) if (listed.contains(p) || reachesListed(p, all, listed, memo)) { r = true; break; }
        memo.put(iri, r);
        return r;
    }

    private static void addRelease(List<String> releases, String r) { if (!releases.contains(r)) releases.add(r); }

    private static TermSource source(SourceRow r, Options o, Prefixes prefixes, Map<String, TermSource> open) {
        String key = r.format() + " " + r.file();
        TermSource s = open.get(key);
        if (s != null) return s;
        String where = r.table() + ":" + r.line();
        Path file;
        if (r.file().startsWith("deb:")) {
            String rest = r.file().substring(4);
            int slash = rest.indexOf('/');
            if (slash < 0) throw new MevoException(where + ": column 'file': expected deb:PACKAGE=VERSION/path/inside/the/package");
            Path pkg = SourceFiles.debianPackage(rest.substring(0, slash), r.sha256(), o.cacheDir(), where);
            file = pkg.resolve(rest.substring(slash + 1));
            if (!Files.isRegularFile(file)) throw new MevoException(where + ": the package has no " + rest.substring(slash + 1));
        } else {
            file = o.sourcesDir().resolve(r.file());
            if (!Files.isRegularFile(file))
                throw new MevoException(where + ": column 'file': " + r.file() + " is not in " + o.sourcesDir() + " (the folder given by --sources)");
            SourceFiles.checkSha256(file, r.sha256(), where);
        }
        s = switch (r.format()) {
            case "obo" -> new OboSource(file, prefixes);
            case "owl" -> new OwlSource(file);
            case "go-sqlite" -> new GoSqliteSource(file);
            case "ncbigene-sqlite" -> new NcbiGeneSqliteSource(file);
            case "hgnc-tsv" -> new HgncSource(file);
            case "mirbase" -> new MirbaseSource(file);
            case "class-table" -> new ClassTableSource(file, prefixes);
            default -> throw new MevoException(where + ": column 'format': unknown format '" + r.format()
                    + "' (obo, owl, go-sqlite, ncbigene-sqlite, hgnc-tsv, mirbase, class-table)");
        };
        open.put(key, s);
        return s;
    }

    static List<SourceRow> readSpec(Path file) {
        if (!Files.isRegularFile(file)) throw new MevoException(file + ": not found (the list of pinned sources per import module)");
        TsvFile t = TsvFile.read(file);
        int cM = t.column("module"), cR = t.column("role"), cF = t.column("format"), cFile = t.column("file"),
            cSha = t.column("sha256"), cRel = t.column("release"), cX = t.column("extract");
        List<SourceRow> out = new ArrayList<>();
        for (TsvFile.Row r : t.rows()) {
            String role = r.cell(cR);
            if (!role.equals("primary") && !role.equals("supplement"))
                throw new CurationException(file, r.line(), "column 'role'", "'" + role + "' must be primary or supplement");
            if (r.cell(cRel).isEmpty()) throw new CurationException(file, r.line(), "column 'release'", "name the source release");
            String x = r.cell(cX);
            if (role.equals("primary") && !x.equals("root") && !x.equals("mireot"))
                throw new CurationException(file, r.line(), "column 'extract'", "'" + x + "': a primary source needs root or mireot");
            out.add(new SourceRow(r.cell(cM), role, r.cell(cF), r.cell(cFile), r.cell(cSha), r.cell(cRel), x, file, r.line()));
        }
        return out;
    }

    private static boolean write(Path target, String text) {
        try {
            if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) return false;
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new MevoException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
