package org.w3id.mevo.publish;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDFS;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.OBODocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.model.*;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.OwlBridge;

/**
 * The ODK-shaped ontology artefacts: the reduced full ontology, the base (MEVO's own axioms, with declarations of
 * everything they use, written by the OWL API so it stays in OWL 2 DL) and the OBO file (written by the OWL API's OBO
 * support, with an idspace for MEVO's IRIs and the definition sources as definition xrefs).
 */
public final class OboArtefacts {
    public static final String IDSPACE = "idspace: MEVO " + org.w3id.mevo.core.MevoIris.TERM_NS;
    private static final String OIO_XREF = "http://www.geneontology.org/formats/oboInOwl#hasDbXref";
    private static final String DEF = "http://purl.obolibrary.org/obo/IAO_0000115";
    private static final String DEF_SOURCE = "http://purl.obolibrary.org/obo/IAO_0000119";

    private OboArtefacts() {}

    /**
     * Removes every asserted or inferred SubClassOf(C D) between named classes that another named superclass E of C
     * already implies (C ⊑ E ⊑ D, E equivalent to neither), as {@code robot reduce} does. The graph must hold the
     * transitive closure of the named subclass links (the reasoned ontology does). Returns how many were removed.
     */
    static int reduce(Graph g) {
        Node sub = RDFS.subClassOf.asNode();
        java.util.Map<Node, Set<Node>> supers = new java.util.HashMap<>();
        g.find(Node.ANY, sub, Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI() && !t.getSubject().equals(t.getObject()))
                supers.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(t.getObject());
        });
        List<Triple> redundant = new java.util.ArrayList<>();
        supers.forEach((c, ds) -> {
            for (Node d : ds) {
                if (supers.getOrDefault(d, Set.of()).contains(c)) continue; // C ≡ D: keep both links
                for (Node e : ds) {
                    if (e.equals(d)) continue;
                    Set<Node> es = supers.getOrDefault(e, Set.of());
                    boolean eEquivC = es.contains(c), eEquivD = supers.getOrDefault(d, Set.of()).contains(e);
                    if (!eEquivC && !eEquivD && es.contains(d)) { redundant.add(Triple.create(c, sub, d)); break; }
                }
            }
        });
        redundant.forEach(g::delete);
        return redundant.size();
    }

    /** The OWL API view of the reduced full ontology (types come from its declarations). */
    static OWLOntology owl(Graph full) {
        return OwlBridge.toOwlApi(full, OWLManager.createOWLOntologyManager());
    }

    /**
     * MEVO's own axioms (ODK base, as {@code robot remove --base-iri MEVO_ --axioms external}): axioms whose subject is
     * a MEVO entity, the ontology annotations, and a declaration of every entity those axioms use.
     */
    static String base(OWLOntology full, String baseIri, String versionIri) {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLDataFactory df = m.getOWLDataFactory();
        try {
            OWLOntology base = m.createOntology(new OWLOntologyID(IRI.create(baseIri), IRI.create(versionIri)));
            full.annotations().forEach(a -> m.applyChange(new AddOntologyAnnotation(base, a)));
            Set<OWLAxiom> keep = full.axioms().filter(OboArtefacts::internal).collect(Collectors.toCollection(HashSet::new));
            Set<OWLEntity> used = new HashSet<>();
            keep.forEach(ax -> ax.signature().forEach(used::add));
            keep.forEach(ax -> { if (ax instanceof OWLAnnotationAssertionAxiom aa) aa.annotationPropertiesInSignature().forEach(used::add); });
            full.annotations().forEach(a -> used.add(a.getProperty()));
            for (OWLEntity e : used) if (!e.isBuiltIn()) keep.add(df.getOWLDeclarationAxiom(e));
            // annotation values that are IRIs of entities are not part of the signature; they need no declaration
            m.addAxioms(base, keep.stream());
            return save(base, new RDFXMLDocumentFormat());
        } catch (OWLOntologyCreationException e) {
            throw new MevoException("cannot build the base ontology: " + e.getMessage(), e);
        }
    }

    private static boolean mevo(IRI iri) { return org.w3id.mevo.core.MevoIris.isTerm(iri.toString()); }

    private static boolean internal(OWLAxiom ax) {
        Stream<IRI> subjects;
        if (ax instanceof OWLDeclarationAxiom d) subjects = Stream.of(d.getEntity().getIRI());
        else if (ax instanceof OWLAnnotationAssertionAxiom a) subjects = a.getSubject().asIRI().stream();
        else if (ax instanceof OWLSubClassOfAxiom s) subjects = s.getSubClass().isNamed()
                ? Stream.of(s.getSubClass().asOWLClass().getIRI()) : s.classesInSignature().map(OWLClass::getIRI);
        else if (ax instanceof OWLSubObjectPropertyOfAxiom s) subjects = s.getSubProperty().isNamed()
                ? Stream.of(s.getSubProperty().asOWLObjectProperty().getIRI()) : Stream.empty();
        else if (ax instanceof OWLSubAnnotationPropertyOfAxiom s) subjects = Stream.of(s.getSubProperty().getIRI());
        else if (ax instanceof OWLClassAxiom) subjects = ax.classesInSignature().map(OWLClass::getIRI);
        else subjects = ax.signature().filter(e -> !e.isOWLClass() && !e.isOWLDatatype()).map(OWLEntity::getIRI);
        return subjects.anyMatch(OboArtefacts::mevo);
    }

    /**
     * OBO 1.4 from the reduced full ontology: definitions get their sources (IAO:0000119 values that are CURIEs, such as
     * doi:...) as xrefs, and the header gets {@code idspace: MEVO https://w3id.org/mevo/MEVO_}, so that OBO → OWL gives
     * back MEVO's own IRIs.
     */
    static String obo(OWLOntology full) {
        OWLOntologyManager m = full.getOWLOntologyManager();
        OWLDataFactory df = m.getOWLDataFactory();
        OWLAnnotationProperty def = df.getOWLAnnotationProperty(IRI.create(DEF)), src = df.getOWLAnnotationProperty(IRI.create(DEF_SOURCE)),
                xref = df.getOWLAnnotationProperty(IRI.create(OIO_XREF));
        List<OWLAnnotationAssertionAxiom> defs = full.axioms(AxiomType.ANNOTATION_ASSERTION)
                .filter(a -> a.getProperty().equals(def) && a.getAnnotations().isEmpty()).toList();
        for (OWLAnnotationAssertionAxiom d : defs) {
            List<OWLAnnotation> xrefs = full.annotationAssertionAxioms(d.getSubject())
                    .filter(a -> a.getProperty().equals(src) && a.getValue().asLiteral().isPresent())
                    .map(a -> a.getValue().asLiteral().get().getLiteral().trim())
                    .filter(v -> v.matches("[A-Za-z][A-Za-z0-9_.-]*:\\S+"))
                    .sorted().distinct().map(v -> df.getOWLAnnotation(xref, df.getOWLLiteral(v))).toList();
            if (xrefs.isEmpty()) continue;
            m.removeAxiom(full, d);
            m.addAxiom(full, df.getOWLAnnotationAssertionAxiom(d.getSubject(), d.getAnnotation(), xrefs));
        }
        String text = save(full, new OBODocumentFormat());
        // the OWL API's OBO writer has no idspace for non-OBO IRIs; it goes right after format-version
        int nl = text.indexOf('\n');
        if (!text.startsWith("format-version:") || nl < 0) throw new MevoException("unexpected OBO header: " + text.substring(0, Math.min(80, text.length())));
        return text.substring(0, nl + 1) + IDSPACE + "\n" + text.substring(nl + 1);
    }

    static String save(OWLOntology o, OWLDocumentFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            o.getOWLOntologyManager().saveOntology(o, f, out);
        } catch (OWLOntologyStorageException e) {
            throw new MevoException("cannot write " + f.getKey() + ": " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Graph copy(Graph g) { return org.w3id.mevo.core.Graphs.copy(g); }
}
