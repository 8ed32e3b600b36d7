package org.w3id.mevo.curate.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/** An OBO 1.4 flat file (optionally gzipped): [Term] stanzas with name, def, synonym, xref, is_a, is_obsolete, replaced_by. */
public final class OboSource implements TermSource {
    private final Map<String, ExternalTerm> terms = new HashMap<>();

    public OboSource(Path file, Prefixes prefixes) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SourceFiles.open(file), StandardCharsets.UTF_8))) {
            ExternalTerm t = null;
            boolean inTerm = false;
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("[")) {
                    inTerm = line.strip().equals("[Term]");
                    t = null;
                    continue;
                }
                if (!inTerm) continue;
                int colon = line.indexOf(": ");
                if (colon < 0) continue;
                String tag = line.substring(0, colon), value = stripComment(line.substring(colon + 2));
                try {
                    if (tag.equals("id")) {
                        if (!value.contains(":")) { t = null; continue; } // e.g. OBI's built-in "ObsoleteClass"
                        t = new ExternalTerm(SourceFiles.iri(value.strip(), prefixes));
                        terms.putIfAbsent(t.iri, t);
                        continue;
                    }
                    if (t == null) continue;
                    switch (tag) {
                        case "name" -> t.label = value.strip();
                        case "def" -> {
                            Quoted q = quoted(value);
                            t.definition = q.text;
                            t.definitionXrefs.addAll(xrefList(q.rest));
                        }
                        case "synonym" -> {
                            Quoted q = quoted(value);
                            String rest = q.rest.strip();
                            String scope = ExternalTerm.scopeFromObo(rest.split("\\s+")[0]);
                            t.addSynonym(scope == null ? "Related" : scope, q.text, xrefList(rest));
                        }
                        case "xref" -> t.xrefs.add(value.strip().split("\\s+")[0]);
                        case "alt_id" -> t.altIds.add(value.strip());
                        case "is_a" -> {
                            String p = value.strip().split("\\s+")[0];
                            if (p.contains(":")) t.parents.add(SourceFiles.iri(p, prefixes)); // not e.g. OBI's "ObsoleteClass"
                        }
                        case "is_obsolete" -> t.deprecated = value.strip().equals("true");
                        case "replaced_by" -> t.replacedBy.add(SourceFiles.iri(value.strip(), prefixes));
                        case "consider" -> t.consider.add(value.strip());
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    throw new MevoException(file + ":" + n + ": cannot read the '" + tag + "' line: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public ExternalTerm get(String iri) { return terms.get(iri); }

    record Quoted(String text, String rest) {}

    /** "text with \" escapes" rest */
    static Quoted quoted(String v) {
        int start = v.indexOf('"');
        if (start < 0) throw new IllegalArgumentException("expected a quoted string in: " + v);
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) { sb.append(v.charAt(++i)); continue; }
            if (c == '"') break;
            sb.append(c);
        }
        if (i >= v.length()) throw new IllegalArgumentException("unterminated quoted string in: " + v);
        return new Quoted(sb.toString(), v.substring(i + 1));
    }

    /** the [a, b] list at the end of a def or synonym line */
    static List<String> xrefList(String rest) {
        int a = rest.lastIndexOf('['), b = rest.lastIndexOf(']');
        List<String> out = new ArrayList<>();
        if (a < 0 || b < a) return out;
        for (String x : rest.substring(a + 1, b).split(",")) {
            String s = x.strip();
            int q = s.indexOf(" \"");
            if (q > 0) s = s.substring(0, q);
            if (!s.isEmpty()) out.add(s.replace("\\:", ":"));
        }
        return out;
    }

    /** removes a trailing " ! comment" and " {qualifiers}" outside quotes */
    private static String stripComment(String v) {
        boolean inQ = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '"') inQ = !inQ;
            if (!inQ && c == '!' && i > 0 && v.charAt(i - 1) == ' ') return v.substring(0, i).strip();
        }
        return v;
    }
}
