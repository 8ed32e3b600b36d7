package org.w3id.mevo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.vocabulary.RDF;

/**
 * The "unseen" workload: the example queries with varied constants. In a triple pattern {@code ?x <p> <X>} (or
 * {@code <X> <p> ?y}) with a constant IRI X, other than an rdf:type object, X is replaced by another IRI that is an
 * object (subject) of {@code <p>} in the knowledge base: claims about another gene, another organ, another disease.
 * Up to {@code perQuery} variants per example, each with a different choice (seeded, so the same run twice sends the
 * same queries); an example without such a constant has no variants. Answers may be empty: the point is that the
 * query is executed, not replayed.
 */
final class QueryVariants {
    private QueryVariants() {}

    private record Slot(String iri, List<String> alternatives) {}

    static List<QuerySet.Query> of(List<QuerySet.Query> examples, Path release, int perQuery) {
        Dataset kb = org.w3id.mevo.serve.ServedDataset.loadUnion(release);
        List<QuerySet.Query> out = new ArrayList<>();
        Random random = new Random(42);
        for (QuerySet.Query q : examples) {
            Query parsed;
            try {
                parsed = QueryFactory.create(q.text());
            } catch (RuntimeException e) {
                continue;
            }
            List<Slot> slots = slots(parsed, kb);
            if (slots.isEmpty()) continue;
            for (Slot s : slots) Collections.shuffle(s.alternatives(), random);
            int n = Math.min(perQuery, slots.stream().mapToInt(s -> s.alternatives().size()).max().orElse(0));
            for (int k = 0; k < n; k++) {
                String text = q.text();
                for (int i = 0; i < slots.size(); i++) {
                    Slot s = slots.get(i);
                    text = replace(text, parsed, s.iri(), s.alternatives().get((k + i) % s.alternatives().size()));
                }
                out.add(new QuerySet.Query(q.name() + "~" + (k + 1), text));
            }
        }
        return out;
    }

    private static List<Slot> slots(Query q, Dataset kb) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementPathBlock el) {
                for (TriplePath tp : el.getPattern().getList()) {
                    if (!tp.isTriple()) continue;
                    Triple t = tp.asTriple();
                    Node p = t.getPredicate();
                    if (!p.isURI() || p.equals(RDF.type.asNode())) continue;
                    if (t.getObject().isURI() && !t.getSubject().isURI())
                        add(slots, t.getObject().getURI(), "SELECT DISTINCT ?x { ?s <" + p.getURI() + "> ?x FILTER(isIRI(?x)) } ORDER BY ?x LIMIT 200", kb);
                    else if (t.getSubject().isURI() && !t.getObject().isURI())
                        add(slots, t.getSubject().getURI(), "SELECT DISTINCT ?x { ?x <" + p.getURI() + "> ?o FILTER(isIRI(?x)) } ORDER BY ?x LIMIT 200", kb);
                }
            }
        });
        return new ArrayList<>(slots.values());
    }

    private static void add(Map<String, Slot> slots, String iri, String sparql, Dataset kb) {
        if (slots.containsKey(iri)) return;
        LinkedHashSet<String> alts = new LinkedHashSet<>();
        try (QueryExecution qe = QueryExecution.create(sparql, kb)) {
            qe.execSelect().forEachRemaining(r -> alts.add(r.getResource("x").getURI()));
        }
        alts.remove(iri);
        if (!alts.isEmpty()) slots.put(iri, new Slot(iri, new ArrayList<>(alts)));
    }

    /** Replaces every written form of {@code iri} in the query text ({@code <iri>} or a prefixed name) by {@code <with>}. */
    static String replace(String text, Query parsed, String iri, String with) {
        String out = text.replace("<" + iri + ">", "<" + with + ">");
        for (Map.Entry<String, String> e : parsed.getPrefixMapping().getNsPrefixMap().entrySet()) {
            String ns = e.getValue();
            if (!iri.startsWith(ns)) continue;
            String local = iri.substring(ns.length());
            Pattern p = Pattern.compile("(?<![\\w:])" + Pattern.quote(e.getKey() + ":" + local) + "(?![\\w\\-:]|\\.\\w)");
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement("<" + with + ">"));
        }
        return out;
    }
}
