package org.w3id.mevo.serve;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;

/**
 * The ontology's own IRIs, answered by the local server as w3id.org would redirect them ({@code https://w3id.org/mevo/X}
 * is {@code /X} here):
 * <ul>
 * <li>{@code /mevo.owl}, {@code /mevo-base.owl}, {@code /mevo-full.owl}, {@code /mevo.obo}, {@code /mevo.json} (any file
 * of the release): the file;</li>
 * <li>{@code /releases/DATE/FILE} (the versionIRIs): the same file when DATE is the served release's version, else 404
 * naming the version served;</li>
 * <li>{@code /imports/NAME.owl}, {@code /components/NAME.owl} (the modules {@code ontology/mevo-edit.ttl} imports): the
 * module's source file, when its ontology header has that IRI.</li>
 * </ul>
 * An OWL file is RDF/XML by default (also for browsers); {@code Accept} picks Turtle, JSON-LD or N-Triples (converted),
 * and for an ontology with an OBO or OBO-Graphs JSON edition ({@code X.obo}, {@code X.json} beside {@code X.owl}),
 * {@code text/obo} or {@code application/json} picks that file.
 */
final class Artefacts {
    private static final Pattern RELEASE_FILE = Pattern.compile("^/([A-Za-z0-9_-]+\\.(owl|obo|json|ttl))$");
    private static final Pattern VERSION = Pattern.compile("^/releases/([0-9A-Za-z._-]+)/([A-Za-z0-9_-]+\\.(owl|obo|json|ttl))$");
    private static final Pattern MODULE = Pattern.compile("^/(imports|components)/([A-Za-z0-9_-]+)\\.owl$");

    private final Path releaseDir;
    private final Path ontologyDir;

    /** @param ontologyDir the project's ontology/ folder (module sources), or null when there is none */
    Artefacts(Path releaseDir, Path ontologyDir) {
        this.releaseDir = releaseDir;
        this.ontologyDir = ontologyDir;
    }

    /** Answers the request if the path is one of the IRIs above; false if it is not. */
    boolean handle(HttpServletRequest req, HttpServletResponse resp, String path, DatasetGraph dsg) throws IOException {
        var m = RELEASE_FILE.matcher(path);
        if (m.matches()) {
            Path f = releaseDir.resolve(m.group(1));
            if (!Files.isRegularFile(f)) return false;
            sendFile(req, resp, f);
            return true;
        }
        var v = VERSION.matcher(path);
        if (v.matches()) {
            String served = servedVersion(dsg).orElse(null);
            Path f = releaseDir.resolve(v.group(2));
            if (served == null || !served.equals(v.group(1)) || !Files.isRegularFile(f)) {
                ServletOps.responseSendError(resp, 404, "release " + v.group(1) + " file " + v.group(2) + " is not served here; "
                        + "this server serves release " + (served == null ? "(unknown)" : served) + ": " + org.w3id.mevo.core.MevoIris.RELEASES_NS + served + "/");
                return true;
            }
            sendFile(req, resp, f);
            return true;
        }
        var mod = MODULE.matcher(path);
        if (mod.matches() && ontologyDir != null) {
            Path src = ontologyDir.resolve(mod.group(1)).resolve(mod.group(2) + ".ttl");
            if (!Files.isRegularFile(src)) return false;
            Graph g = RDFDataMgr.loadGraph(src.toString(), Lang.TURTLE);
            Node iri = NodeFactory.createURI(EntityPages.BASE + path.substring(1));
            if (!g.contains(iri, RDF.type.asNode(), OWL2.Ontology.asNode())) return false;
            sendGraph(req, resp, g, RDFFormat.RDFXML_PLAIN);
            return true;
        }
        return false;
    }

    /** The version of the served release: the date segment of the ontology's versionIRI {@code .../releases/DATE/FILE}. */
    static Optional<String> servedVersion(DatasetGraph dsg) {
        String prefix = org.w3id.mevo.core.MevoIris.RELEASES_NS;
        return Txn.calculateRead(dsg, () -> {
            var it = dsg.find(Node.ANY, Node.ANY, OWL2.versionIRI.asNode(), Node.ANY);
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (o.isURI() && o.getURI().startsWith(prefix) && o.getURI().indexOf('/', prefix.length()) > 0)
                    return Optional.of(o.getURI().substring(prefix.length(), o.getURI().indexOf('/', prefix.length())));
            }
            return Optional.<String>empty();
        });
    }

    private void sendFile(HttpServletRequest req, HttpServletResponse resp, Path f) throws IOException {
        String name = f.getFileName().toString();
        String accept = req.getHeader("Accept") == null ? "" : req.getHeader("Accept").toLowerCase(Locale.ROOT);
        resp.setHeader("Vary", "Accept");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        if (name.endsWith(".owl")) {
            String stem = name.substring(0, name.length() - 4);
            Path obo = releaseDir.resolve(stem + ".obo"), json = releaseDir.resolve(stem + ".json");
            if ((accept.contains("text/obo") || accept.contains("application/obo")) && Files.isRegularFile(obo)) { raw(resp, obo, "text/obo; charset=utf-8"); return; }
            if (accept.contains("application/json") && !accept.contains("application/ld+json") && Files.isRegularFile(json)) { raw(resp, json, "application/json"); return; }
            RDFFormat rdf = SiteFilter.rdfFormat(accept);
            if (rdf == null || rdf.getLang().equals(Lang.RDFXML)) { raw(resp, f, "application/rdf+xml"); return; }
            sendGraph(req, resp, RDFDataMgr.loadGraph(f.toString(), Lang.RDFXML), rdf);
            return;
        }
        Lang lang = RDFLanguages.filenameToLang(name);
        String type = name.endsWith(".obo") ? "text/obo; charset=utf-8" : name.endsWith(".json") ? "application/json"
                : lang != null ? SiteFilter.contentType(RDFFormat.TURTLE) : "text/plain; charset=utf-8";
        raw(resp, f, type);
    }

    private static void sendGraph(HttpServletRequest req, HttpServletResponse resp, Graph g, RDFFormat fallback) throws IOException {
        RDFFormat rdf = SiteFilter.rdfFormat(req.getHeader("Accept") == null ? "" : req.getHeader("Accept"));
        if (rdf == null) rdf = fallback;
        if (rdf.getLang().equals(Lang.RDFXML)) rdf = RDFFormat.RDFXML_PLAIN;
        resp.setHeader("Vary", "Accept");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setStatus(200);
        resp.setContentType(SiteFilter.contentType(rdf));
        try (OutputStream out = resp.getOutputStream()) { RDFDataMgr.write(out, g, rdf); }
    }

    private static void raw(HttpServletResponse resp, Path f, String type) throws IOException {
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setContentLengthLong(Files.size(f));
        try (OutputStream out = resp.getOutputStream()) { Files.copy(f, out); }
    }
}
