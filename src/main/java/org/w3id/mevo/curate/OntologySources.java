package org.w3id.mevo.curate;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.w3id.mevo.core.MevoException;

/**
 * The edit file and its imports closure, each import resolved through the XML catalog exactly as Protégé
 * resolves it. An import the catalog does not map is an error: the edit file must open offline.
 *
 * @param ontologyIri the edit file's ontology IRI
 * @param files import IRI (or the edit file's own IRI) -> parsed graph, in load order
 * @param paths the same keys -> local file
 */
public record OntologySources(String ontologyIri, Map<String, Graph> files, Map<String, Path> paths) {

    public static OntologySources load(Path editFile, Catalog catalog) {
        Graph root = RdfFiles.parse(editFile);
        String rootIri = ontologyIri(root, editFile);
        Map<String, Graph> files = new LinkedHashMap<>();
        Map<String, Path> paths = new LinkedHashMap<>();
        files.put(rootIri, root);
        paths.put(rootIri, editFile);
        Deque<String> todo = new ArrayDeque<>(imports(root));
        Map<String, String> importedBy = new LinkedHashMap<>();
        imports(root).forEach(i -> importedBy.put(i, editFile.toString()));
        while (!todo.isEmpty()) {
            String iri = todo.pop();
            if (files.containsKey(iri)) continue;
            Path local = catalog.resolve(iri).orElseThrow(() -> new MevoException(importedBy.get(iri)
                    + ": imports <" + iri + ">, which " + catalog.file() + " does not map to a local file"));
            Graph g = RdfFiles.parse(local);
            files.put(iri, g);
            paths.put(iri, local);
            for (String next : imports(g)) {
                importedBy.putIfAbsent(next, local.toString());
                todo.push(next);
            }
        }
        return new OntologySources(rootIri, files, paths);
    }

    private static String ontologyIri(Graph g, Path file) {
        List<Node> onts = g.find(Node.ANY, RDF.type.asNode(), OWL2.Ontology.asNode()).mapWith(Triple::getSubject).toList();
        if (onts.size() != 1 || !onts.get(0).isURI())
            throw new MevoException(file + ": expected exactly one owl:Ontology header with an IRI, found " + onts.size());
        return onts.get(0).getURI();
    }

    private static List<String> imports(Graph g) {
        List<String> out = new ArrayList<>();
        g.find(Node.ANY, OWL2.imports.asNode(), Node.ANY).forEach(t -> {
            if (t.getObject().isURI()) out.add(t.getObject().getURI());
        });
        out.sort(String::compareTo);
        return out;
    }
}
