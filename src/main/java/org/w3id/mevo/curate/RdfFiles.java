package org.w3id.mevo.curate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.mevo.core.CurationException;

/** Parses a curated RDF file; any syntax problem becomes a {@link CurationException} with file, line and column. */
public final class RdfFiles {
    private RdfFiles() {}

    public static Graph parse(Path file) {
        if (!Files.isRegularFile(file)) throw new CurationException(file, 0, null, "file not found");
        Lang lang = RDFLanguages.filenameToLang(file.toString(), Lang.TURTLE);
        Graph g = GraphFactory.createDefaultGraph();
        ErrorHandler handler = new ErrorHandler() {
            @Override public void warning(String message, long line, long col) {
                throw located(file, line, col, message);
            }
            @Override public void error(String message, long line, long col) {
                throw located(file, line, col, message);
            }
            @Override public void fatal(String message, long line, long col) {
                throw located(file, line, col, message);
            }
        };
        try {
            RDFParser.source(file).lang(lang).errorHandler(handler).parse(g);
        } catch (CurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CurationException(file, 0, null, "cannot parse: " + e.getMessage(), e);
        }
        return g;
    }

    private static CurationException located(Path file, long line, long col, String message) {
        return new CurationException(file, line, col > 0 ? "column " + col : null, "syntax error: " + message);
    }
}
