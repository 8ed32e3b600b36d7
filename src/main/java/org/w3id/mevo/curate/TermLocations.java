package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each term is curated: the first line of a Turtle file that starts a statement about it ({@code :0000702 a
 * owl:Class ;}, {@code obo:CL_0000115 rdfs:subClassOf ...}, {@code <iri> ...}), as "file:line", so quality findings on
 * ontology terms name the place to fix, as findings on table records do.
 */
final class TermLocations {
    private static final Pattern PREFIX = Pattern.compile("^@prefix\\s+([A-Za-z0-9_.-]*):\\s*<([^>]*)>\\s*\\.");
    private static final Pattern SUBJECT = Pattern.compile("^(<[^>\\s]+>|[A-Za-z0-9_.-]*:[A-Za-z0-9_.-]*)\\s");

    private TermLocations() {}

    static Map<String, String> of(Iterable<Path> turtleFiles, Path root) {
        Map<String, String> out = new HashMap<>();
        for (Path f : turtleFiles) {
            if (f == null || !f.toString().endsWith(".ttl")) continue;
            List<String> lines;
            try { lines = Files.readAllLines(f, StandardCharsets.UTF_8); } catch (IOException e) { continue; }
            Map<String, String> ns = new HashMap<>();
            String shown = root == null ? f.toString() : root.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher p = PREFIX.matcher(line);
                if (p.find()) { ns.put(p.group(1), p.group(2)); continue; }
                Matcher s = SUBJECT.matcher(line);
                if (!s.find()) continue;
                String tok = s.group(1), iri;
                if (tok.startsWith("<")) iri = tok.substring(1, tok.length() - 1);
                else {
                    int c = tok.indexOf(':');
                    String base = ns.get(tok.substring(0, c));
                    if (base == null) continue;
                    iri = base + tok.substring(c + 1);
                }
                out.putIfAbsent(iri, shown + ":" + (i + 1));
            }
        }
        return out;
    }
}
