package org.w3id.mevo.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ValueIndividual;

/**
 * A curation table in MEVO table syntax: row 1 names the columns, row 2 says what each column means, every later row
 * is one record compiled to OWL individuals. The syntax resembles ROBOT's template strings but is MEVO's own
 * ({@code SOME}, {@code LINK}, {@code !}, {@code /regex/}, {@code &&}, every cell split at {@code |}); every keyword is
 * documented beside its ROBOT counterpart in {@value #SYNTAX_DOC}.
 * The table knows nothing about claims or references: its meaning is all in the template row.
 */
public final class TemplateTable {
    /** Separator between several values in one cell. */
    public static final String VALUE_SEPARATOR = "\\s*\\|\\s*";
    /** Where the syntax is documented, keyword by keyword, beside ROBOT's (named in error messages). */
    public static final String SYNTAX_DOC = "ontology/tables/README.md";
    /** ROBOT template keywords that MEVO table syntax does not have, each with MEVO's way to say it (or why there is none). */
    static final java.util.Map<String, String> ROBOT_ONLY = java.util.Map.ofEntries(
            java.util.Map.entry("AT", "a typed literal is written A <property> ^^<datatype>"),
            java.util.Map.entry("AL", "language-tagged literals are not supported"),
            java.util.Map.entry("AI", "a link to an IRI is written LINK <property> <pattern with %>"),
            java.util.Map.entry("I", "a link is written LINK <property> <pattern with %>, a literal A <property>"),
            java.util.Map.entry("TI", "a class named in the cell is written SOME <property> (a named value individual)"),
            java.util.Map.entry("LABEL", "the label is written A rdfs:label; the record's IRI comes from the ID column"));

    sealed interface Directive permits Id, Type, Annotation, Some, Link, Ignore {}
    record Id(String pattern, Pattern check) implements Directive {}
    record Type(boolean required) implements Directive {}
    record Annotation(String property, Pattern check, RDFDatatype datatype, boolean required) implements Directive {}
    record Some(String property, boolean required) implements Directive {}
    record Link(String property, String pattern, Pattern check, boolean required) implements Directive {}
    record Ignore() implements Directive {}

    /**
     * Result of compiling: the OWL form (individuals, types, assertions) and the flattened direct triples (record ->
     * class for SOME columns; literals and links are already direct in the OWL form, so they are not repeated).
     */
    public record Compiled(Graph owl, Graph flat, int records, java.util.Map<String, String> locations) {}

    private final TsvFile table;
    private final List<List<Directive>> directives;

    private TemplateTable(TsvFile table, List<List<Directive>> directives) {
        this.table = table;
        this.directives = directives;
    }

    public static TemplateTable parse(TsvFile table, Prefixes prefixes) {
        if (table.rows().isEmpty())
            throw new CurationException(table.path(), 2, "template row", "missing: row 2 must hold the template strings");
        TsvFile.Row tpl = table.rows().get(0);
        List<List<Directive>> cols = new ArrayList<>();
        boolean hasId = false;
        for (int i = 0; i < table.header().size(); i++) {
            String field = "column '" + table.header().get(i) + "'";
            List<Directive> ds = new ArrayList<>();
            for (String part : tpl.cell(i).split("\\s*&&\\s*")) {
                Directive d = parseDirective(part.trim(), prefixes, table, tpl.line(), field, i + 1);
                if (d instanceof Some && !ValueIndividual.isColumnName(table.header().get(i)))
                    throw new CurationException(table.path(), tpl.line(), field, "a SOME column's name becomes part of the IRIs "
                            + "<record>-<column>-<n> of its values: use letters, digits and '_' only");
                if (d instanceof Id) hasId = true;
                ds.add(d);
            }
            cols.add(ds);
        }
        if (!hasId) throw new CurationException(table.path(), tpl.line(), "template row", "no column has the ID template");
        return new TemplateTable(table, cols);
    }

    private static Directive parseDirective(String text, Prefixes prefixes, TsvFile t, long line, String field, int column) {
        if (text.isEmpty() || text.equals("IGNORE")) return new Ignore();
        if (text.matches(".*(^|\\s)SPLIT=.*"))
            throw new CurationException(t.path(), line, field, "SPLIT= in column " + column + " is ROBOT template syntax: MEVO table "
                    + "syntax splits every cell at '|' already (see " + SYNTAX_DOC + ")");
        String[] words = text.split("\\s+", 2);
        String keyword = words[0];
        boolean required = keyword.endsWith("!");
        if (required) keyword = keyword.substring(0, keyword.length() - 1);
        String rest = words.length > 1 ? words[1].trim() : "";
        Pattern check = null;
        // a trailing /regex/ is recognised by its leading slash at the start or after whitespace
        int slash = rest.startsWith("/") ? 0 : -1;
        java.util.regex.Matcher ws = Pattern.compile("\\s/").matcher(rest);
        if (slash < 0 && ws.find()) slash = ws.start() + 1;
        if (slash >= 0 && rest.endsWith("/") && rest.length() - 1 > slash) {
            String regex = rest.substring(slash + 1, rest.length() - 1);
            try {
                check = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new CurationException(t.path(), line, field, "bad regular expression: " + e.getDescription());
            }
            rest = rest.substring(0, slash).trim();
        }
        switch (keyword) {
            case "ID" -> { return new Id(rest.isEmpty() ? null : rest, check); }
            case "TYPE" -> { return new Type(required); }
            case "A" -> {
                String[] p = rest.split("\\s*\\^\\^\\s*");
                String prop = property(p[0], prefixes, t, line, field);
                RDFDatatype dt = null;
                if (p.length > 1) {
                    String dtIri = prefixes.expandOrIri(p[1]).orElse(p[1].startsWith("xsd:")
                            ? XSD.NS + p[1].substring(4) : null);
                    if (dtIri == null) throw new CurationException(t.path(), line, field, "unknown datatype " + p[1]);
                    dt = TypeMapper.getInstance().getSafeTypeByName(dtIri);
                }
                return new Annotation(prop, check, dt, required);
            }
            case "SOME" -> { return new Some(property(rest, prefixes, t, line, field), required); }
            case "LINK" -> {
                String[] p = rest.split("\\s+");
                if (p.length != 2 || !p[1].contains("%"))
                    throw new CurationException(t.path(), line, field, "LINK needs a property and an IRI pattern with % (column "
                            + column + "; see " + SYNTAX_DOC + ")");
                return new Link(property(p[0], prefixes, t, line, field), p[1], check, required);
            }
            default -> {
                String robot = ROBOT_ONLY.get(keyword);
                throw new CurationException(t.path(), line, field, "unknown template keyword '" + keyword + "' in column " + column
                        + (robot == null ? "" : " ('" + keyword + "' is ROBOT template syntax; in MEVO table syntax " + robot + ")")
                        + "; the keywords are ID, TYPE, A, SOME, LINK, IGNORE (see " + SYNTAX_DOC + ")");
            }
        }
    }

    private static String property(String curie, Prefixes prefixes, TsvFile t, long line, String field) {
        return prefixes.expandOrIri(curie).orElseThrow(() ->
                new CurationException(t.path(), line, field, "'" + curie + "' is not a CURIE of a known prefix"));
    }

    /** Compiles every record; the first defect stops compilation with its file, line and column. */
    public Compiled compile(TermResolver resolver) {
        Graph owl = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        Graph flat = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        Prefixes prefixes = resolver.prefixes();
        List<TsvFile.Row> records = table.rows().subList(1, table.rows().size());
        java.util.Map<String, String> locations = new java.util.LinkedHashMap<>();
        for (TsvFile.Row row : records) {
            Node subject = subjectOf(row, prefixes);
            String where = table.path() + ":" + row.line();
            String before = locations.put(subject.getURI(), where);
            if (before != null) throw err(row, "ID", "duplicate record ID " + prefixes.shorten(subject.getURI()) + " (also at " + before + ")");
            owl.add(Triple.create(subject, RDF.type.asNode(), OWL2.NamedIndividual.asNode()));
            for (int c = 0; c < directives.size(); c++) {
                String field = "column '" + table.header().get(c) + "'";
                String cell = row.cell(c);
                for (Directive d : directives.get(c)) {
                    if (cell.isEmpty()) {
                        if (isRequired(d)) throw err(row, field, "required value is empty");
                        continue;
                    }
                    String[] values = cell.split(VALUE_SEPARATOR);
                    for (int v = 0; v < values.length; v++) {
                        String value = values[v].trim();
                        if (value.isEmpty()) throw err(row, field, "empty value between '|' separators");
                        emit(d, value, v + 1, subject, row, c, field, resolver, owl, flat);
                    }
                }
            }
        }
        return new Compiled(owl, flat, records.size(), locations);
    }

    private void emit(Directive d, String value, int index, Node subject, TsvFile.Row row, int column,
                      String field, TermResolver resolver, Graph owl, Graph flat) {
        if (d instanceof Type) {
            Node cls = resolveClass(resolver, value, row, field);
            owl.add(Triple.create(subject, RDF.type.asNode(), cls));
        } else if (d instanceof Annotation a) {
            check(a.check(), value, row, field);
            Node lit;
            if (a.datatype() != null) {
                if (!a.datatype().isValid(value))
                    throw err(row, field, "'" + value + "' is not a valid " + a.datatype().getURI());
                lit = NodeFactory.createLiteralDT(value, a.datatype());
            } else {
                lit = NodeFactory.createLiteralString(value);
            }
            owl.add(Triple.create(subject, NodeFactory.createURI(a.property()), lit));
        } else if (d instanceof Some s) {
            Node cls = resolveClass(resolver, value, row, field);
            Node prop = NodeFactory.createURI(s.property());
            Node ind = NodeFactory.createURI(ValueIndividual.mint(subject.getURI(), table.header().get(column), index));
            owl.add(Triple.create(ind, RDF.type.asNode(), OWL2.NamedIndividual.asNode()));
            owl.add(Triple.create(ind, RDF.type.asNode(), cls));
            owl.add(Triple.create(subject, prop, ind));
            flat.add(Triple.create(subject, prop, cls));
        } else if (d instanceof Link l) {
            check(l.check(), value, row, field);
            Node target = NodeFactory.createURI(linkTarget(l.pattern(), value, resolver.prefixes()));
            owl.add(Triple.create(subject, NodeFactory.createURI(l.property()), target));
        }
        // Id is handled by subjectOf; Ignore emits nothing
    }

    /**
     * The IRI a LINK cell points to: the pattern with {@code %} replaced by the cell, or, when the cell is a CURIE
     * whose expansion already has the pattern's form ({@code MEVO:1003001} for {@code https://w3id.org/mevo/MEVO_%}),
     * that expansion.
     */
    static String linkTarget(String pattern, String value, Prefixes prefixes) {
        int pct = pattern.indexOf('%');
        String head = pattern.substring(0, pct), tail = pattern.substring(pct + 1);
        if (value.indexOf(':') > 0) {
            var iri = prefixes.expand(value);
            if (iri.isPresent() && iri.get().startsWith(head) && iri.get().endsWith(tail)
                    && iri.get().length() > head.length() + tail.length()) return iri.get();
        }
        return pattern.replace("%", value);
    }

    private Node subjectOf(TsvFile.Row row, Prefixes prefixes) {
        for (int c = 0; c < directives.size(); c++) {
            for (Directive d : directives.get(c)) {
                if (!(d instanceof Id id)) continue;
                String field = "column '" + table.header().get(c) + "'";
                String cell = row.cell(c);
                if (cell.isEmpty()) throw err(row, field, "the record has no ID");
                check(id.check(), cell, row, field);
                if (id.pattern() != null) return NodeFactory.createURI(id.pattern().replace("%", cell));
                return NodeFactory.createURI(prefixes.expand(cell).orElseThrow(() ->
                        err(row, field, "'" + cell + "' is not a CURIE of a known prefix")));
            }
        }
        throw err(row, "template row", "no ID column");
    }

    private static boolean isRequired(Directive d) {
        if (d instanceof Type t) return t.required();
        if (d instanceof Annotation a) return a.required();
        if (d instanceof Some s) return s.required();
        if (d instanceof Link l) return l.required();
        return false;
    }

    private Node resolveClass(TermResolver resolver, String value, TsvFile.Row row, String field) {
        TermResolver.Resolution r = resolver.resolveClass(value);
        if (!r.ok()) throw err(row, field, r.problem());
        return NodeFactory.createURI(r.iri());
    }

    private void check(Pattern p, String value, TsvFile.Row row, String field) {
        if (p != null && !p.matcher(value).matches())
            throw err(row, field, "malformed value '" + value + "' (must match /" + p.pattern() + "/)");
    }

    private CurationException err(TsvFile.Row row, String field, String message) {
        return new CurationException(table.path(), row.line(), field, message);
    }

    public TsvFile table() { return table; }
}
