package org.w3id.mevo.serve;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitor;
import org.apache.jena.sparql.expr.ExprVisitorBase;

/**
 * Fuseki's query operation with a result-size cap. A SELECT with no LIMIT runs with LIMIT cap+1; if it would return
 * more than the cap, or asks for a LIMIT above it, the client gets HTTP 400 with a message saying so and how to page.
 * The cap is data: {@code ja:context [ ja:cxtName "mevo:resultCap" ; ja:cxtValue "10000" ]} in fuseki-config/mevo.ttl,
 * read with the other limits below by {@link ServerSettings}.
 *
 * <p>It also guards federated queries: a query may only make SERVICE calls to the endpoints in the allow-list, also data:
 * {@code ja:context [ ja:cxtName "mevo:serviceAllowList" ; ja:cxtValue "https://a/sparql https://b/sparql" ]}
 * (whitespace-separated endpoint IRIs, matched exactly; an entry ending in {@code *} matches every IRI starting with
 * the rest). Without that setting no SERVICE call is allowed. A SERVICE anywhere in the query (sub-queries, EXISTS in
 * FILTER/BIND/ORDER BY/GROUP BY/aggregates) to another endpoint, to an IRI with user info, or to a variable gets
 * HTTP 400 naming the endpoint and the allow-list, before anything is executed: the server is not an open proxy that
 * can be made to call arbitrary hosts (including ones on its own network).
 *
 * <p>And a query longer than {@code mevo:maxQueryLength} characters (default 524,288, as long as the request-line
 * limit allows a GET) gets HTTP 413 before it is parsed: the time limit only starts after parsing, and the SPARQL
 * parser takes time that grows with the square of a very long token (a 20 MB comment keeps a CPU busy for minutes).
 */
public final class CappedQueryProcessor extends SPARQL_QueryDataset {
    private final long cap;
    private final long maxQueryLength;
    private final List<String> serviceAllowList;
    private final AdmissionGate gate;

    /** A cap of {@code cap} rows, the default query length limit, no SERVICE calls allowed, and no admission gate. */
    public CappedQueryProcessor(long cap) {
        this(cap, ServerSettings.DEFAULT_MAX_QUERY_LENGTH, List.of(), new AdmissionGate(0, 0));
    }

    /**
     * The limits of {@code settings} (fuseki-config's mevo:resultCap, mevo:maxQueryLength, mevo:serviceAllowList) and
     * its admission gate (mevo:maxConcurrentQueries, mevo:queueWaitMillis).
     */
    public CappedQueryProcessor(ServerSettings settings) {
        this(settings.resultCap(), settings.maxQueryLength(), settings.serviceAllowList(),
                new AdmissionGate(settings.maxConcurrentQueries(), settings.queueWaitMillis()));
    }

    CappedQueryProcessor(long cap, long maxQueryLength, List<String> serviceAllowList, AdmissionGate gate) {
        this.cap = cap;
        this.maxQueryLength = maxQueryLength;
        this.serviceAllowList = List.copyOf(serviceAllowList);
        this.gate = gate;
    }

    long cap(HttpAction action) { return cap; }

    static String message(long cap) {
        return "MEVO: this query asks for more than " + cap + " result rows, the endpoint's result-size cap. "
                + "Add LIMIT " + cap + " (or less) and page through the results with OFFSET, or download the data from /download/.";
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        long cap = cap(action);
        if (query.isSelectType() && query.hasLimit() && query.getLimit() > cap) ServletOps.errorBadRequest(message(cap));
    }

    /** HTTP 400 naming the endpoint when the query makes a SERVICE call the allow-list does not admit. */
    void checkServices(HttpAction action, Query query) {
        Set<Node> services = serviceNodes(query);
        if (services.isEmpty()) return;
        List<String> allowList = serviceAllowList(action);
        for (Node service : services) {
            String refused = refusal(service, allowList);
            if (refused != null) ServletOps.errorBadRequest(refused);
        }
    }

    long maxQueryLength(HttpAction action) { return maxQueryLength; }

    static String tooLong(long max) {
        return "MEVO: the query is longer than " + max + " characters, the most this endpoint accepts. "
                + "Whole dumps of the data are at /download/.";
    }

    /**
     * Every query (GET, form or body) is checked for length before it is parsed. Then the steps of Fuseki's
     * {@code SPARQLQueryProcessor.execute}, with two costs per request removed (BENCHMARKS.md, "Peers"): Fuseki
     * serialises every parsed query back to text for its log lines (14 % of the server's CPU on uncached requests,
     * even with the request log off); here the log lines carry the request's own text, as in Fuseki's first log line.
     * And the SERVICE allow-list walk (a second algebra compile) runs only when the text can hold a SERVICE keyword.
     * Parsing, execution and writing the answer wait for a turn at the {@link AdmissionGate}.
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        long max = maxQueryLength(action);
        if (queryString != null && queryString.length() > max) ServletOps.error(413, tooLong(max));
        if (queryString == null || queryString.isBlank())
            ServletOps.errorBadRequest(queryString == null || queryString.isEmpty() ? "Error: Empty query string" : "Error: Blank query string");
        try (AdmissionGate.Ticket turn = gate.enter()) {
            executeAdmitted(queryString, action);
        }
    }

    private void executeAdmitted(String queryString, HttpAction action) {
        String queryStringLog = ServletOps.formatForLog(queryString);
        if (action.log.isInfoEnabled()) action.log.info(String.format("[%d] Query = %s", action.id, queryStringLog));
        Query query = null;
        try {
            query = QueryFactory.create(QueryComments.strip(queryString), Fuseki.BaseParserSPARQL, Syntax.syntaxARQ);
            validateQuery(action, query);
            if (mayHoldService(queryString)) checkServices(action, query);
        } catch (ActionErrorException e) {
            throw e;
        } catch (QueryParseException e) {
            String msg = SPARQLProtocol.messageForParseException(e);
            action.log.warn(String.format("[%d] %s", action.id, msg));
            ServletOps.errorBadRequest(msg);
        } catch (QueryException e) {
            String msg = SPARQLProtocol.messageForException(e);
            action.log.warn(String.format("[%d] %s", action.id, msg));
            ServletOps.errorBadRequest("Error: \n" + queryString + "\n" + msg);
        }
        try {
            action.beginRead();
            Pair<DatasetGraph, Query> p = decideDataset(action, query, queryStringLog);
            Query q = p.getRight() == null ? query : p.getRight();
            try (QueryExec qExec = createQueryExec(action, q, p.getLeft())) {
                QueryExecResult result = executeQuery(action, qExec, query, queryStringLog);
                sendResults(action, result, query.getPrologue());
            }
        } catch (QueryParseException e) {
            action.abortSilent();
            ServletOps.errorBadRequest("Query parse error: \n" + queryString + "\n" + SPARQLProtocol.messageForException(e));
        } catch (QueryCancelledException e) {
            action.abortSilent();
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
            throw e;
        } finally {
            action.endRead();
        }
        action.getRequest().setAttribute(ResultCache.COMPLETE, Boolean.TRUE); // reached only when no error was thrown
    }

    /**
     * False only when the query text cannot hold a SERVICE: the keyword (any case) is absent and there is no
     * {@code \}{@code u} / {@code \}{@code U} escape, which the SPARQL parser decodes before it reads keywords.
     */
    static boolean mayHoldService(String queryText) {
        if (QueryComments.hasUnicodeEscape(queryText)) return true;
        int n = queryText.length() - 7;
        for (int i = 0; i <= n; i++) {
            char c = queryText.charAt(i);
            if ((c == 's' || c == 'S') && queryText.regionMatches(true, i, "SERVICE", 0, 7)) return true;
        }
        return false;
    }

    /**
     * As Fuseki's, but the body is read only up to the length limit (HTTP 413 beyond it, without reading the rest),
     * and a body that cannot be read (ends early, broken chunked encoding) is the client's fault: HTTP 400, where
     * Fuseki answers 500.
     */
    @Override
    protected void executeBody(HttpAction action) {
        long max = maxQueryLength(action);
        StringBuilder sb = new StringBuilder();
        try (Reader in = new InputStreamReader(action.getRequestInputStream(), StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            for (int n; (n = in.read(buf)) != -1; ) {
                sb.append(buf, 0, n);
                if (sb.length() > max) {
                    // the rest of the body stays unread: the connection cannot be reused, and the client must know
                    action.getResponse().setHeader("Connection", "close");
                    ServletOps.error(413, tooLong(max));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ActionErrorException a) throw a;
            ServletOps.errorBadRequest("Could not read the query from the request body: " + e.getMessage());
        }
        execute(sb.toString(), action);
    }

    /** The configured allow-list (setting mevo:serviceAllowList, plus any entries added at start-up). */
    List<String> serviceAllowList(HttpAction action) { return serviceAllowList; }

    /** Why a SERVICE call to this endpoint is refused, or null if the allow-list admits it. */
    static String refusal(Node service, List<String> allowList) {
        String listed = allowList.isEmpty() ? "none: this endpoint makes no SERVICE calls" : String.join(" ", allowList);
        if (!service.isURI())
            return "MEVO: SERVICE with a variable endpoint (" + service + ") is not allowed; name the endpoint. "
                    + "Allowed SERVICE endpoints: " + listed;
        String iri = service.getURI();
        boolean admitted = false;
        try {
            URI u = new URI(iri);
            if (u.isAbsolute() && u.getRawUserInfo() == null && u.getHost() != null) {
                for (String entry : allowList) {
                    if (entry.endsWith("*") ? iri.startsWith(entry.substring(0, entry.length() - 1)) : iri.equals(entry)) {
                        admitted = true;
                        break;
                    }
                }
            }
        } catch (URISyntaxException e) {
            admitted = false;
        }
        return admitted ? null : "MEVO: SERVICE <" + iri + "> is not allowed: this endpoint only makes SERVICE calls to "
                + "the endpoints in its allow-list (mevo:serviceAllowList). Allowed SERVICE endpoints: " + listed;
    }

    /**
     * The endpoint (IRI or variable) of every SERVICE in the query, wherever it is: the algebra walk covers
     * sub-queries and, with the expression visitor, EXISTS / NOT EXISTS inside expressions; ORDER BY, GROUP BY and
     * aggregate expressions are walked explicitly.
     */
    static Set<Node> serviceNodes(Query query) {
        Set<Node> out = new LinkedHashSet<>();
        collectServices(Algebra.compile(query), out);
        return out;
    }

    private static void collectServices(Op op, Set<Node> out) {
        ExprVisitor exprs = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionOp f) { if (f.getGraphPattern() != null) collectServices(f.getGraphPattern(), out); }
        };
        Walker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService o) { out.add(o.getService()); }

            @Override
            public void visit(OpOrder o) { for (SortCondition c : o.getConditions()) Walker.walk(c.getExpression(), exprs); }

            @Override
            public void visit(OpTopN o) { for (SortCondition c : o.getConditions()) Walker.walk(c.getExpression(), exprs); }

            @Override
            public void visit(OpGroup o) {
                for (Expr e : o.getGroupVars().getExprs().values()) Walker.walk(e, exprs);
                for (ExprAggregator a : o.getAggregators())
                    if (a.getAggregator().getExprList() != null)
                        for (Expr e : a.getAggregator().getExprList()) Walker.walk(e, exprs);
            }
        }, exprs);
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        long cap = cap(action);
        if (query.isSelectType() && !query.hasLimit()) {
            Query capped = query.cloneQuery();
            capped.setLimit(cap + 1);
            return super.createQueryExec(action, capped, dataset);
        }
        return super.createQueryExec(action, query, dataset);
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec qExec, Query query, String queryStringLog) {
        QueryExecResult r = super.executeQuery(action, qExec, query, queryStringLog);
        if (!r.isRowSet() || !query.isSelectType()) return r;
        long cap = cap(action);
        RowSet rs = r.rowSet();
        List<Binding> rows = new ArrayList<>();
        while (rs.hasNext()) {
            rows.add(rs.next());
            if (rows.size() > cap) ServletOps.errorBadRequest(message(cap));
        }
        return new QueryExecResult(RowSetStream.create(rs.getResultVars(), rows.iterator()));
    }
}
