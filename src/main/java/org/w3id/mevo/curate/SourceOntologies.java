package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/**
 * Labels and direct named parents of external terms, read from source ontology files (OBO 1.4 flat files and
 * OWL functional-syntax files) as ODK reads them to extract import modules. IDs are normalised to CURIEs.
 */
public final class SourceOntologies {
    public record Entry(String label, List<String> parents) {}

    private static final Pattern OFN_LABEL = Pattern.compile("^AnnotationAssertion\\(rdfs:label (\\S+) \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern OFN_SUB = Pattern.compile("^SubClassOf\\((\\S+) (\\S+)\\)$");
    private static final Pattern OFN_PREFIX = Pattern.compile("^Prefix\\((\\w*):=<([^>]+)>\\)");

    private final Map<String, Entry> terms = new LinkedHashMap<>();
    private final Prefixes prefixes;

    private SourceOntologies(Prefixes prefixes) { this.prefixes = prefixes; }

    public static SourceOntologies read(Path dir, Prefixes prefixes) {
        SourceOntologies s = new SourceOntologies(prefixes);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".obo")) s.readObo(f);
                else if (n.endsWith(".owl") && isFunctionalSyntax(f)) s.readOfn(f);
            }
        } catch (IOException e) {
            throw new MevoException("cannot read source ontologies in " + dir + ": " + e.getMessage(), e);
        }
        return s;
    }

    public Map<String, Entry> terms() { return terms; }

    private static boolean isFunctionalSyntax(Path f) throws IOException {
        try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 50; i++) {
                String line = r.readLine();
                if (line == null) return false;
                if (line.startsWith("Prefix(") || line.startsWith("Ontology(")) return true;
                if (line.startsWith("<?xml") || line.startsWith("<rdf:RDF")) return false;
            }
        }
        return false;
    }

    private String curie(String id) {
        if (id.startsWith("http://") || id.startsWith("https://")) return prefixes.shorten(id);
        return id;
    }

    private void put(String id, String label, List<String> parents) {
        String c = curie(id);
        Entry old = terms.get(c);
        if (old == null) { terms.put(c, new Entry(label, parents)); return; }
        List<String> ps = new ArrayList<>(old.parents());
        parents.stream().filter(p -> !ps.contains(p)).forEach(ps::add);
        terms.put(c, new Entry(old.label() != null ? old.label() : label, ps));
    }

    private void readObo(Path f) throws IOException {
        String id = null, name = null;
        List<String> parents = new ArrayList<>();
        boolean inTerm = false;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("[")) {
                if (inTerm && id != null) put(id, name, parents);
                inTerm = line.equals("[Term]");
                id = null; name = null; parents = new ArrayList<>();
            } else if (inTerm && line.startsWith("id: ")) id = line.substring(4).trim();
            else if (inTerm && line.startsWith("name: ")) name = line.substring(6).trim();
            else if (inTerm && line.startsWith("is_a: ")) {
                String p = line.substring(6).trim().split("\\s")[0];
                parents.add(curie(p));
            }
        }
        if (inTerm && id != null) put(id, name, parents);
    }

    private void readOfn(Path f) throws IOException {
        Map<String, String> ns = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            Matcher m;
            if ((m = OFN_PREFIX.matcher(line)).find()) { ns.put(m.group(1), m.group(2)); continue; }
            if ((m = OFN_LABEL.matcher(line)).find()) { labels.putIfAbsent(expand(m.group(1), ns), m.group(2)); continue; }
            if ((m = OFN_SUB.matcher(line)).find()) {
                String sub = expand(m.group(1), ns), sup = expand(m.group(2), ns);
                if (sub != null && sup != null) parents.computeIfAbsent(sub, k -> new ArrayList<>()).add(curie(sup));
            }
        }
        for (var e : labels.entrySet()) if (e.getKey() != null) put(e.getKey(), e.getValue(), parents.getOrDefault(e.getKey(), List.of()));
    }

    /** obo:CL_0000134 or <http://...> to an absolute IRI, using the file's Prefix declarations. */
    private static String expand(String token, Map<String, String> ns) {
        if (token.startsWith("<") && token.endsWith(">")) return token.substring(1, token.length() - 1);
        int c = token.indexOf(':');
        if (c < 0 || token.contains("(")) return null;
        String base = ns.get(token.substring(0, c));
        return base == null ? null : base + token.substring(c + 1);
    }
}
