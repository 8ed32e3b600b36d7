package org.w3id.mevo.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * The pages around the SPARQL endpoint: the service description at each query endpoint (GET without {@code query});
 * dereferenceable MEVO IRIs ({@code /MEVO_0000102}, {@code /reference/88},
 * {@code /examples/NAME}) as HTML, Turtle or JSON-LD by content negotiation; {@code /void} (service description and
 * VoID); {@code /download/FILE} (release artefacts); and {@code /ui/...} API calls of Fuseki's UI, redirected to the
 * server root where Fuseki answers them.
 */
public final class SiteFilter implements Filter {
    private static final Pattern ENTITY = Pattern.compile("^/(MEVO_[0-9]{7}(" + org.w3id.mevo.core.ValueIndividual.SUFFIX_REGEX + ")?|reference/[0-9]+|examples/[A-Za-z0-9_.-]+)$");
    private static final Pattern DOWNLOAD = Pattern.compile("^/download/([A-Za-z0-9_.-]+)$");

    private final java.util.function.Supplier<DatasetGraph> dataset;
    private DatasetGraph dsg;
    private final EntityPages pages;
    private final Path releaseDir;
    private final String voidGraph;
    private volatile java.util.Set<String> endpoints;
    private final Artefacts artefacts;
    private final RelationsPage relations;
    /** The endpoint IRI in the published service description; a served copy names the URL it was fetched from. */
    static final String PUBLIC_ENDPOINT = org.w3id.mevo.core.MevoIris.SPARQL_ENDPOINT;

    /** @param dataset supplies the served dataset once the server is built */
    public SiteFilter(java.util.function.Supplier<DatasetGraph> dataset, EntityPages pages, Path releaseDir, String voidGraph) {
        this(dataset, pages, releaseDir, voidGraph, null);
    }

    /** @param ontologyDir the project's ontology/ folder, whose import and component modules answer their IRIs (null: none) */
    public SiteFilter(java.util.function.Supplier<DatasetGraph> dataset, EntityPages pages, Path releaseDir, String voidGraph, Path ontologyDir) {
        this.artefacts = new Artefacts(releaseDir, ontologyDir);
        this.relations = new RelationsPage(pages.prefixes(), voidGraph);
        this.dataset = dataset;
        this.pages = pages;
        this.releaseDir = releaseDir;
        this.voidGraph = voidGraph;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (dsg == null) dsg = dataset.get();
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.startsWith("/ui/") && (path.startsWith("/ui/$/") || path.startsWith("/ui/mevo"))) {
            String target = path.substring(3) + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            resp.setStatus(307);
            resp.setHeader("Location", target);
            return;
        }
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) { chain.doFilter(request, response); return; }
        var m = ENTITY.matcher(path);
        if (m.matches()) { entity(req, resp, EntityPages.BASE + m.group(1)); return; }
        var d = DOWNLOAD.matcher(path);
        if (d.matches()) { download(resp, d.group(1)); return; }
        if (path.equals("/void")) { describe(req, resp); return; }
        if (path.equals("/relations")) {
            boolean fragment = req.getParameter("fragment") != null;
            String html = Txn.calculateRead(dsg, () -> relations.html(dsg, fragment));
            resp.setHeader("Access-Control-Allow-Origin", "*");
            html(resp, 200, html);
            return;
        }
        if (artefacts.handle(req, resp, path, dsg)) return;
        // the service description answers a bare GET only: any parameter (query=, update=, ...) goes to Fuseki as before
        if ((req.getQueryString() == null || req.getQueryString().isEmpty()) && queryEndpoints(req).contains(path)) { serviceDescription(req, resp, path); return; }
        chain.doFilter(request, response);
    }

    private void entity(HttpServletRequest req, HttpServletResponse resp, String iri) throws IOException {
        String accept = req.getHeader("Accept") == null ? "" : req.getHeader("Accept");
        RDFFormat rdf = rdfFormat(accept);
        resp.setHeader("Vary", "Accept");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        if (rdf != null) {
            Graph g = Txn.calculateRead(dsg, () -> pages.describe(dsg, iri));
            if (g.isEmpty()) { ServletOps.responseSendError(resp, 404, "unknown MEVO IRI: " + iri); return; }
            resp.setStatus(200);
            resp.setContentType(contentType(rdf));
            try (OutputStream out = resp.getOutputStream()) { RDFDataMgr.write(out, g, rdf); }
            return;
        }
        int n = 1;
        try { if (req.getParameter("page") != null) n = Integer.parseInt(req.getParameter("page")); } catch (NumberFormatException e) { n = 1; }
        int pageNo = n;
        EntityPages.Page page = Txn.calculateRead(dsg, () -> pages.html(dsg, iri, pageNo));
        html(resp, page.found() ? 200 : 404, page.html());
    }

    private void download(HttpServletResponse resp, String name) throws IOException {
        Path f = releaseDir.resolve(name).normalize();
        if (!f.startsWith(releaseDir) || !Files.isRegularFile(f) || name.startsWith(".")) {
            ServletOps.responseSendError(resp, 404, "no such release file: " + name);
            return;
        }
        String type = name.endsWith(".ttl") ? "text/turtle" : name.endsWith(".owl") ? "application/rdf+xml"
                : name.endsWith(".nq") ? "application/n-quads" : name.endsWith(".json") ? "application/json"
                : "text/plain; charset=utf-8";
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        try (OutputStream out = resp.getOutputStream()) { Files.copy(f, out); }
    }

    private void describe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RDFFormat rdf = rdfFormat(req.getHeader("Accept") == null ? "" : req.getHeader("Accept"));
        if (rdf == null) rdf = RDFFormat.TURTLE;
        RDFFormat format = rdf;
        Graph g = Txn.calculateRead(dsg, () -> org.w3id.mevo.core.Graphs.copy(dsg.getGraph(NodeFactory.createURI(voidGraph))));
        resp.setStatus(200);
        resp.setContentType(contentType(format));
        resp.setHeader("Access-Control-Allow-Origin", "*");
        try (OutputStream out = resp.getOutputStream()) { RDFDataMgr.write(out, g, format); }
    }

    /** Paths of the SPARQL query endpoints Fuseki serves ({@code /mevo/sparql}, {@code /mevo/query}, {@code /mevo}), read once from Fuseki's registry. */
    private java.util.Set<String> queryEndpoints(HttpServletRequest req) {
        java.util.Set<String> eps = endpoints;
        if (eps != null) return eps;
        eps = new java.util.HashSet<>();
        var registry = org.apache.jena.fuseki.server.DataAccessPointRegistry.get(req.getServletContext());
        if (registry == null) return java.util.Set.of(); // not yet set up: no caching of the empty answer
        for (var dap : registry.accessPoints()) {
            String ds = dap.getName().startsWith("/") ? dap.getName() : "/" + dap.getName();
            for (var ep : dap.getDataService().getEndpoints(org.apache.jena.fuseki.server.Operation.Query))
                eps.add(ep.getName() == null || ep.getName().isEmpty() ? ds : ds + "/" + ep.getName());
        }
        endpoints = java.util.Set.copyOf(eps);
        return endpoints;
    }

    /**
     * SPARQL 1.1 Service Description at the endpoint URL itself (GET without {@code query}): the published description
     * (graph {@link #voidGraph}, SD and VoID together) with the public endpoint IRI replaced by the URL that was asked,
     * plus {@code rdfs:seeAlso} to {@code /void}. Turtle by default; JSON-LD, RDF/XML or N-Triples by {@code Accept}.
     * A browser (Accept: text/html) is sent to the query page instead.
     */
    private void serviceDescription(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        String accept = req.getHeader("Accept") == null ? "" : req.getHeader("Accept");
        resp.setHeader("Vary", "Accept");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        RDFFormat rdf = rdfFormat(accept);
        if (rdf == null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html")) {
            resp.setStatus(303);
            resp.setHeader("Location", req.getContextPath() + "/editor.html");
            return;
        }
        if (rdf == null) rdf = RDFFormat.TURTLE;
        String base = req.getScheme() + "://" + req.getHeader("Host") + req.getContextPath();
        if (req.getHeader("Host") == null) base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + req.getContextPath();
        Node here = NodeFactory.createURI(base + path);
        Node published = NodeFactory.createURI(PUBLIC_ENDPOINT);
        Graph g = Txn.calculateRead(dsg, () -> {
            Graph copy = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            dsg.getGraph(NodeFactory.createURI(voidGraph)).find().forEach(t -> copy.add(Triple.create(
                    t.getSubject().equals(published) ? here : t.getSubject(), t.getPredicate(),
                    t.getObject().equals(published) ? here : t.getObject())));
            return copy;
        });
        g.add(Triple.create(here, org.apache.jena.vocabulary.RDFS.seeAlso.asNode(), NodeFactory.createURI(base + "/void")));
        g.getPrefixMapping().setNsPrefix("sd", "http://www.w3.org/ns/sparql-service-description#")
                .setNsPrefix("void", "http://rdfs.org/ns/void#").setNsPrefix("dcterms", "http://purl.org/dc/terms/")
                .setNsPrefix("formats", "http://www.w3.org/ns/formats/").setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        resp.setStatus(200);
        resp.setContentType(contentType(rdf));
        try (OutputStream out = resp.getOutputStream()) { RDFDataMgr.write(out, g, rdf); }
    }

    static RDFFormat rdfFormat(String accept) {
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        if (a.contains("text/html")) return null;
        if (a.contains("text/turtle")) return RDFFormat.TURTLE;
        if (a.contains("application/ld+json")) return RDFFormat.JSONLD;
        if (a.contains("application/n-triples")) return RDFFormat.NTRIPLES;
        if (a.contains("application/rdf+xml")) return RDFFormat.RDFXML;
        return null;
    }

    static String contentType(RDFFormat f) {
        Lang l = f.getLang();
        return l.getHeaderString() + (l.getHeaderString().startsWith("text/") ? "; charset=utf-8" : "");
    }

    /** An HTML page (an entity page, found or not, or the relations table). */
    private static void html(HttpServletResponse resp, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setContentLength(b.length);
        try (OutputStream out = resp.getOutputStream()) { out.write(b); }
    }
}
