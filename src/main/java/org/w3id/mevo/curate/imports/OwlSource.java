package org.w3id.mevo.curate.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.StringDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.w3id.mevo.core.MevoException;

/**
 * An OWL file (functional syntax or RDF/XML, e.g. CL's edit file) read with the OWL API. Its owl:imports are not
 * followed: only what the file itself states is taken, as an OBO edit file is its own source.
 */
public final class OwlSource implements TermSource {
    static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    static final String DEF = "http://purl.obolibrary.org/obo/IAO_0000115";
    static final String REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001";
    private final OWLOntology ont;

    public OwlSource(Path file) {
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SourceFiles.open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("Import(")) continue; // functional syntax: imports are not part of this source
                text.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        var m = OWLManager.createOWLOntologyManager();
        m.setOntologyLoaderConfiguration(new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT).setFollowRedirects(false));
        m.getIRIMappers().clear();
        m.getIRIMappers().add(iri -> null);
        try {
            ont = m.loadOntologyFromOntologyDocument(new StringDocumentSource(text.toString()));
        } catch (OWLOntologyCreationException e) {
            throw new MevoException(file + ": not a readable OWL file: " + e.getMessage(), e);
        }
    }

    @Override
    public ExternalTerm get(String iri) {
        IRI i = IRI.create(iri);
        OWLClass c = ont.getOWLOntologyManager().getOWLDataFactory().getOWLClass(i);
        List<OWLAnnotationAssertionAxiom> as = ont.annotationAssertionAxioms(i).toList();
        if (as.isEmpty()) return null;
        ExternalTerm t = new ExternalTerm(iri);
        for (OWLAnnotationAssertionAxiom a : as.stream().sorted().toList()) {
            String p = a.getProperty().getIRI().toString();
            String v = a.getValue().asLiteral().map(l -> l.getLiteral())
                    .orElseGet(() -> a.getValue().asIRI().map(IRI::toString).orElse(null));
            if (v == null) continue;
            List<String> xrefs = a.annotations().filter(an -> an.getProperty().getIRI().toString().equals(OIO + "hasDbXref"))
                    .map(OWLAnnotation::getValue).map(x -> x.asLiteral().map(l -> l.getLiteral()).orElse(x.toString())).sorted().toList();
            switch (p) {
                case "http://www.w3.org/2000/01/rdf-schema#label" -> { if (t.label == null) t.label = v; }
                case DEF -> { t.definition = v; t.definitionXrefs.addAll(xrefs); }
                case OIO + "hasExactSynonym" -> t.addSynonym("Exact", v, xrefs);
                case OIO + "hasRelatedSynonym" -> t.addSynonym("Related", v, xrefs);
                case OIO + "hasBroadSynonym" -> t.addSynonym("Broad", v, xrefs);
                case OIO + "hasNarrowSynonym" -> t.addSynonym("Narrow", v, xrefs);
                case OIO + "hasDbXref" -> t.xrefs.add(v);
                case OIO + "hasAlternativeId" -> t.altIds.add(v);
                case "http://www.w3.org/2002/07/owl#deprecated" -> t.deprecated = v.equals("true");
                case REPLACED_BY -> t.replacedBy.add(v.startsWith("http") ? v : v);
                case OIO + "consider" -> t.consider.add(v);
                default -> { }
            }
        }
        ont.subClassAxiomsForSubClass(c).map(ax -> ax.getSuperClass()).filter(s -> s.isNamed())
                .map(s -> s.asOWLClass().getIRI().toString()).sorted().forEach(t.parents::add);
        return t;
    }
}
