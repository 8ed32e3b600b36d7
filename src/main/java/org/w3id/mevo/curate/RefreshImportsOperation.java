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

    public Result run(Options o) {
        long t0 = System.nanoTime();
        var step = log.start("refresh-imports");
        Prefixes prefixes = Prefixes.load(o.prefixes());
        Map<String, List<ImportTerms.Term>> tables = ImportTerms.read(o.importsDir(), prefixes);
        List<SourceRow> spec = readSpec(o.importsDir().resolve(SPEC_FILE));
        Map<String, TermSource> open = new HashMap<>();
        int terms = 0, classes = 0, synonyms = 0, tableOnly = 0, changed = 0;
        Map<String, String> placements = new TreeMap<>();
        List<String> problems = new ArrayList<>(), obsolete = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        try {
            for (var e : tables.entrySet()) {
                String module = e.getKey();
                List<SourceRow> rows = spec.stream().filter(r -> r.module().equals(module)).toList();
                List<SourceRow> primaryRows = rows.stream().filter(r -> r.role().equals("primary")).toList();
                List<TermSource> primary = new ArrayList<>(), supplements = new ArrayList<>();
                for (SourceRow r : rows) (r.role().equals("primary") ? primary : supplements).add(source(r, o, prefixes, open));
                Map<String, ExternalTerm> out = new LinkedHashMap<>();
                Map<String, String> notes = new HashMap<>();
                Deque<String[]> ancestors = new ArrayDeque<>(); // {iri, index of the primary source}
                List<String> releases = new ArrayList<>();
                for (ImportTerms.Term t : e.getValue()) {
                    terms++;
                    if (t.mevoParentIri() != null) placements.put(t.iri(), t.mevoParentIri());
                    ExternalTerm x = null;
                    int holder = -1;
                    for (int i = 0; i < primary.size() && x == null; i++) { x = primary.get(i).get(t.iri()); holder = i; }
                    if (x == null) {
                        if (!t.tableOnly()) {
                            problems.add(new CurationException(t.file(), t.line(), "column 'id'", t.id() + " is in none of the pinned sources of module '"
                                    + module + "' (" + String.join("; ", primaryRows.stream().map(SourceRow::release).toList())
                                    + "): check the ID, or give its label and the source (database or page, date) where it was seen").getMessage());
                            continue;
                        }
                        x = new ExternalTerm(t.iri());
                        x.label = t.label();
                        notes.put(t.iri(), t.source());
                        tableOnly++;
                    } else {
                        if (t.tableOnly())
                            problems.add(new CurationException(t.file(), t.line(), "column 'label'", t.id() + " is in " + primaryRows.get(holder).release()
                                    + ": leave label and source empty, the module takes them from the source").getMessage());
                        if (x.deprecated) // written with owl:deprecated, so the QC gate (and robot report) flag every use
                            obsolete.add(t.file().getFileName() + ":" + t.line() + " " + t.id() + " '" + x.label + "' is obsolete in "
                                    + primaryRows.get(holder).release() + (x.replacedBy.isEmpty() ? "" : "; replaced by "
                                    + String.join(", ", x.replacedBy.stream().map(prefixes::shorten).toList())));
                        for (TermSource s : supplements) s.supplement(x);
                        addRelease(releases, primaryRows.get(holder).release());
                        for (String p : x.parents) ancestors.add(new String[] {p, Integer.toString(holder)});
                    }
                    out.put(x.iri, x);
                }
                if (!supplements.isEmpty() && !out.isEmpty())
                    rows.stream().filter(r -> r.role().equals("supplement")).forEach(r -> addRelease(releases, r.release()));
                // source parents up to the source's root: label, parents and deprecation of each intermediate class
                while (!ancestors.isEmpty()) {
                    String[] a = ancestors.pop();
                    if (out.containsKey(a[0])) continue;
                    ExternalTerm p = primary.get(Integer.parseInt(a[1])).get(a[0]);
                    if (p == null) continue;
                    ExternalTerm light = new ExternalTerm(p.iri);
                    light.label = p.label;
                    light.deprecated = p.deprecated;
                    light.parents.addAll(p.parents);
                    out.put(p.iri, light);
                    for (String pp : p.parents) ancestors.add(new String[] {pp, a[1]});
                }
                if (rows.stream().anyMatch(r -> r.role().equals("primary") && r.extract().equals("mireot"))) {
                    // MIREOT: keep a source ancestor only when it lies on the source's is_a path from a listed term up to
                    // another listed term (the term where MEVO attaches it); the source's upper classes are not copied
                    java.util.Set<String> listed = new java.util.HashSet<>();
                    e.getValue().forEach(t -> listed.add(t.iri()));
                    Map<String, Boolean> reaches = new HashMap<>();
                    out.keySet().removeIf(iri -> !listed.contains(iri) && !reachesListed(iri, out, listed, reaches));
                }
                // a parent link to a class that is not kept (e.g. another ontology's root) is dropped
                for (ExternalTerm x : out.values()) x.parents.retainAll(out.keySet());
                classes += out.size();
                synonyms += out.values().stream().mapToInt(x -> x.synonyms.size()).sum();
                String text = ModuleWriter.module(ImportTerms.moduleIri(module), module + ImportTerms.TABLE_SUFFIX, releases, out.values(), notes);
                texts.put(o.importsDir().resolve(module + ImportTerms.MODULE_SUFFIX), text);
                log.info(module + ": terms=" + e.getValue().size() + " classes=" + out.size() + " sources=" + releases);
            }
        } finally {
            open.values().forEach(TermSource::close);
        }
        if (!problems.isEmpty())
            throw new MevoException(problems.size() + " problem(s); no module was written:\n" + String.join("\n", problems));
        texts.put(o.placementsFile(), ModuleWriter.placements(PLACEMENTS_IRI, placements));
        for (var t : texts.entrySet()) if (write(t.getKey(), t.getValue())) changed++;
        obsolete.forEach(w -> log.info("WARNING obsolete term in use: " + w));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        step.done("terms=" + terms + " classes=" + classes + " synonyms=" + synonyms + " table-only=" + tableOnly
                + " placements=" + placements.size() + " obsolete-in-use=" + obsolete.size() + " files-changed=" + changed);
        return new Result(terms, classes, synonyms, tableOnly, placements.size(), changed, obsolete, ms);
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
