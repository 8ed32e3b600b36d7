package org.w3id.mevo.serve;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.util.Symbol;

/**
 * Fuseki's query operation with a result-size cap. A SELECT with no LIMIT runs with LIMIT cap+1; if it would return
 * more than the cap, or asks for a LIMIT above it, the client gets HTTP 400 with a message saying so and how to page.
 * The cap is data: {@code ja:context [ ja:cxtName "mevo:resultCap" ; ja:cxtValue "10000" ]} in fuseki-config/mevo.ttl.
 */
public final class CappedQueryProcessor extends SPARQL_QueryDataset {
    public static final Symbol RESULT_CAP = Symbol.create("mevo:resultCap");
    private final long defaultCap;

    public CappedQueryProcessor(long defaultCap) { this.defaultCap = defaultCap; }

    long cap(HttpAction action) {
        Object v = action.getContext() == null ? null : action.getContext().get(RESULT_CAP);
        if (v == null) return defaultCap;
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return defaultCap;
        }
    }

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
