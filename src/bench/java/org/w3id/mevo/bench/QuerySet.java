package org.w3id.mevo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.TextFiles;

/** The competency queries, {@code queries/*.rq} (not the federated ones), as benchmark targets. */
public record QuerySet(List<Query> queries) {
    public record Query(String name, String text) {}

    public static QuerySet load(Path dir) {
        List<Query> qs = new ArrayList<>();
        for (Path p : TextFiles.list(dir, ".rq")) {
            String name = p.getFileName().toString();
            try {
                qs.add(new Query(name.substring(0, name.length() - ".rq".length()), Files.readString(p, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new MevoException("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        if (qs.isEmpty()) throw new MevoException(dir + ": no .rq files to benchmark");
        return new QuerySet(List.copyOf(qs));
    }

    /** One GET target per query against a SPARQL endpoint URL on 127.0.0.1. */
    public List<HttpLoad.Target> targets(String endpoint) {
        return queries.stream().map(q -> new HttpLoad.Target(q.name(), HttpLoad.queryUri(endpoint, q.text()))).toList();
    }

    public int size() { return queries.size(); }
}
