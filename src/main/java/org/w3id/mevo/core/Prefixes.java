package org.w3id.mevo.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The CURIE prefix map (Bioregistry-style prefixes), read from {@code ontology/prefixes.tsv}. */
public final class Prefixes {
    private static final Pattern CURIE = Pattern.compile("^([A-Za-z][A-Za-z0-9_.]*):([A-Za-z0-9_.\\-]+)$");
    private final Map<String, String> map;

    private Prefixes(Map<String, String> map) { this.map = Collections.unmodifiableMap(map); }

    public static Prefixes load(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MevoException("cannot read prefix table " + file + ": " + e.getMessage(), e);
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t", -1);
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank())
                throw new CurationException(file, i + 1, "row", "expected two cells: prefix<TAB>namespace");
            if (m.put(cells[0].trim(), cells[1].trim()) != null)
                throw new CurationException(file, i + 1, "column 'prefix'", "duplicate prefix '" + cells[0] + "'");
        }
        return new Prefixes(m);
    }

    public Map<String, String> asMap() { return map; }

    /** True when the text has the shape of a CURIE (prefix:local), whether or not the prefix is known. */
    public static boolean looksLikeCurie(String text) { return CURIE.matcher(text).matches(); }

    /** Expands a CURIE; empty when the text is not a CURIE of a known prefix. */
    public Optional<String> expand(String curie) {
        var m = CURIE.matcher(curie);
        if (!m.matches()) return Optional.empty();
        String ns = map.get(m.group(1));
        return ns == null ? Optional.empty() : Optional.of(ns + m.group(2));
    }

    /** Expands a CURIE, or returns the text itself when it is already an absolute http(s) IRI. */
    public Optional<String> expandOrIri(String text) {
        if (text.startsWith("http://") || text.startsWith("https://")) return Optional.of(text);
        return expand(text);
    }

    /** Shortens an IRI to a CURIE using the longest matching namespace; the IRI itself if none matches. */
    public String shorten(String iri) {
        String best = null;
        String bestPrefix = null;
        for (var e : map.entrySet()) {
            if (iri.startsWith(e.getValue()) && (best == null || e.getValue().length() > best.length())) {
                best = e.getValue();
                bestPrefix = e.getKey();
            }
        }
        return best == null ? iri : bestPrefix + ":" + iri.substring(best.length());
    }

    public boolean knowsPrefix(String prefix) { return map.containsKey(prefix); }
}
