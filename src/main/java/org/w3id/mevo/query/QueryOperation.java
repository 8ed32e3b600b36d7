package org.w3id.mevo.query;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.system.Txn;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.SparqlFiles;

/** Runs a SPARQL file against the published release, without a server (same union-default-graph semantics). */
public final class QueryOperation {
    public enum Format { TABLE, TSV, CSV, JSON, XML, CURIES }

    /** @param prefixes used by the CURIES format (TSV with IRIs shortened to CURIEs, literals as plain text) */
    public record Options(Path queryFile, Path releaseDir, Format format, org.w3id.mevo.core.Prefixes prefixes) {
        public static Format parseFormat(String s) {
            try {
                return Format.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MevoException("unknown format '" + s + "' (table, tsv, csv, json, xml, curies)");
            }
        }
    }

    public void run(Options o, OutputStream out) {
        Query q = SparqlFiles.read(o.queryFile()).query();
        Dataset ds = org.w3id.mevo.serve.ServedDataset.loadUnion(o.releaseDir());
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                if (q.isSelectType()) {
                    ResultSet rs = qe.execSelect();
                    switch (o.format()) {
                        case TABLE -> ResultSetFormatter.out(out, rs, q.getPrologue());
                        case TSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_TSV);
                        case CSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_CSV);
                        case JSON -> ResultSetMgr.write(out, rs, ResultSetLang.RS_JSON);
                        case XML -> ResultSetMgr.write(out, rs, ResultSetLang.RS_XML);
                        case CURIES -> writeCuries(rs, o.prefixes(), out);
                    }
                } else if (q.isAskType()) {
                    boolean b = qe.execAsk();
                    new java.io.PrintStream(out, true).println(b);
                } else {
                    Model m = q.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                    RDFDataMgr.write(out, m, Lang.TURTLE);
                }
            }
        });
    }

    /** TSV whose cells are CURIEs or plain literal text: the notation of queries/*.expected.tsv. */
    static void writeCuries(ResultSet rs, org.w3id.mevo.core.Prefixes prefixes, OutputStream out) {
        java.io.PrintStream p = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> vars = rs.getResultVars();
        p.println(org.w3id.mevo.curate.TsvFile.line(vars));
        java.util.List<String> rows = new java.util.ArrayList<>();
        while (rs.hasNext()) {
            var s = rs.next();
            java.util.List<String> cells = new java.util.ArrayList<>();
            for (String v : vars) {
                var n = s.get(v);
                if (n == null) cells.add("");
                else if (n.isURIResource()) cells.add(prefixes.shorten(n.asResource().getURI()));
                else if (n.isLiteral()) cells.add(n.asLiteral().getLexicalForm());
                else cells.add("_:b");
            }
            rows.add(org.w3id.mevo.curate.TsvFile.line(cells));
        }
        rows.stream().sorted().forEach(p::println);
    }
}
