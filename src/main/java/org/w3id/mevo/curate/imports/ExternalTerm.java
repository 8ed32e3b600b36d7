package org.w3id.mevo.curate.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a source file says about one external term: the fields an OBO import module keeps. */
public final class ExternalTerm {
    /** scope is Exact, Related, Broad or Narrow; null when the source records no scope (written as Related). */
    public static final class Synonym {
        public String scope;
        public final String text;
        public final Set<String> xrefs = new TreeSet<>();
        Synonym(String scope, String text) { this.scope = scope; this.text = text; }
    }

    public final String iri;
    public String label;
    public String definition;
    public final Set<String> definitionXrefs = new TreeSet<>();
    public final List<Synonym> synonyms = new ArrayList<>();
    public final Set<String> xrefs = new TreeSet<>();
    public final Set<String> altIds = new TreeSet<>();
    public boolean deprecated;
    public final Set<String> replacedBy = new TreeSet<>();
    public final Set<String> consider = new TreeSet<>();
    /** named parents in the source (IRIs) */
    public final Set<String> parents = new LinkedHashSet<>();
    /** where this term's data came from (release strings of the sources that contributed) */
    public final Set<String> sources = new LinkedHashSet<>();

    public ExternalTerm(String iri) { this.iri = iri; }

    /** Adds a synonym unless the label or the same text is already there; returns the kept synonym (or null). */
    public Synonym addSynonym(String scope, String text, java.util.Collection<String> xrefs) {
        if (text == null || text.isBlank()) return null;
        String t = text.strip();
        if (t.equals(label)) return null;
        for (Synonym s : synonyms)
            if (s.text.equals(t)) {
                if (s.scope == null) s.scope = scope;
                s.xrefs.addAll(xrefs);
                return s;
            }
        Synonym s = new Synonym(scope, t);
        s.xrefs.addAll(xrefs);
        synonyms.add(s);
        return s;
    }

    /** Adds what a supplementary source says: synonyms (or their missing scope), xrefs, definition xrefs of the same definition. */
    public void supplementFrom(ExternalTerm o) {
        if (label == null) label = o.label;
        if (definition == null) { definition = o.definition; definitionXrefs.addAll(o.definitionXrefs); }
        else if (o.definition != null && norm(definition).equals(norm(o.definition))) definitionXrefs.addAll(o.definitionXrefs);
        for (Synonym s : o.synonyms) addSynonym(s.scope, s.text, s.xrefs);
        xrefs.addAll(o.xrefs);
    }

    private static String norm(String s) { return s.replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT); }

    public static String scopeFromObo(String token) {
        return switch (token) {
            case "EXACT" -> "Exact";
            case "RELATED" -> "Related";
            case "BROAD" -> "Broad";
            case "NARROW" -> "Narrow";
            default -> null;
        };
    }
}
