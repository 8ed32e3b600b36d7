package org.w3id.mevo.resolve;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.w3id.mevo.core.MevoException;

/**
 * A small client for NCBI E-utilities: ECitMatch (citation -> PMID), ESearch (DOI -> PMID) and
 * ESummary (PMID -> DOI). The base URL is an option so tests can point it at a local stand-in.
 */
public final class Eutils {
    public static final String NCBI = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";

    /** @param delay pause between requests (NCBI asks for at most 3 requests a second without an API key) */
    public record Options(String baseUrl, Duration delay, String tool, String email) {
        public static Options ncbi() { return new Options(NCBI, Duration.ofMillis(350), "mevo", ""); }
    }

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private int requests;

    public Eutils(Options o) { this.o = o; }

    public int requests() { return requests; }

    /** ECitMatch: the PMID for a citation, if NCBI finds exactly one. */
    public Optional<String> citationToPmid(Citation c, String key) {
        String bdata = String.join("|", c.journal(), c.year(), c.volume(), c.firstPage(), c.firstAuthor(), key) + "|";
        String body = get("ecitmatch.cgi?db=pubmed&retmode=xml&bdata=" + enc(bdata));
        for (String line : body.split("\n")) {
            String[] f = line.trim().split("\\|", -1);
            if (f.length >= 7 && f[5].equals(key)) {
                String pmid = f[6].trim();
                return pmid.matches("[1-9][0-9]{0,8}") ? Optional.of(pmid) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** ESearch on the DOI field: the PMID when exactly one record carries that DOI. */
    public Optional<String> doiToPmid(String doi) {
        JsonObject j = json(get("esearch.fcgi?db=pubmed&retmode=json&term=" + enc(doi + "[doi]")));
        JsonArray ids = j.getObj("esearchresult").get("idlist").getAsArray();
        return ids.size() == 1 ? Optional.of(ids.get(0).getAsString().value()) : Optional.empty();
    }

    /** ESummary: the DOI PubMed records for a PMID. */
    public Optional<String> pmidToDoi(String pmid) {
        JsonObject j = json(get("esummary.fcgi?db=pubmed&retmode=json&id=" + enc(pmid)));
        JsonValue rec = j.getObj("result").get(pmid);
        if (rec == null || !rec.isObject() || !rec.getAsObject().hasKey("articleids")) return Optional.empty();
        for (JsonValue id : rec.getAsObject().get("articleids").getAsArray()) {
            JsonObject o2 = id.getAsObject();
            if ("doi".equals(o2.get("idtype").getAsString().value())) return Optional.of(o2.get("value").getAsString().value());
        }
        return Optional.empty();
    }

    private String get(String pathAndQuery) {
        String url = o.baseUrl() + pathAndQuery + "&tool=" + enc(o.tool()) + (o.email().isEmpty() ? "" : "&email=" + enc(o.email()));
        try {
            if (requests++ > 0 && !o.delay().isZero()) Thread.sleep(o.delay().toMillis());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new MevoException("E-utilities answered HTTP " + r.statusCode() + " for " + url);
            return r.body();
        } catch (IOException e) {
            throw new MevoException("E-utilities not reachable (" + e.getMessage() + "): " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("interrupted", e);
        }
    }

    private static JsonObject json(String body) {
        try {
            return JSON.parse(body);
        } catch (RuntimeException e) {
            throw new MevoException("E-utilities sent something that is not JSON: " + e.getMessage(), e);
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static List<String> lines(String s) { return new ArrayList<>(List.of(s.split("\n"))); }
}
