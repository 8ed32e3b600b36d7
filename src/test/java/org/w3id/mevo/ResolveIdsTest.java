package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.resolve.Citation;
import org.w3id.mevo.resolve.Eutils;
import org.w3id.mevo.resolve.ResolveIdsOperation;

/** resolve-ids against a local stand-in for NCBI E-utilities on 127.0.0.1 that speaks its response formats. */
class ResolveIdsTest {
    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startStandIn() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String q = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            requests.add(path + "?" + q);
            String body;
            if (path.endsWith("ecitmatch.cgi")) {
                String bdata = q.replaceAll("^.*bdata=([^&]*).*$", "$1");
                String[] f = bdata.split("\\|", -1);
                // answers like NCBI: the query line with the PMID (or NOT_FOUND) appended
                String pmid = f[0].equals("Stem Cells") && f[1].equals("2004") && f[2].equals("22") && f[3].equals("617")
                        && f[4].equals("Gang EJ") ? "15277707" : "NOT_FOUND;INVALID_JOURNAL";
                body = bdata + pmid + "\n";
            } else if (path.endsWith("esearch.fcgi")) {
                String ids = q.contains("10.1000/known[doi]") ? "[\"23456789\"]" : "[]";
                body = "{\"header\":{\"type\":\"esearch\"},\"esearchresult\":{\"count\":\"1\",\"idlist\":" + ids + "}}";
            } else if (path.endsWith("esummary.fcgi")) {
                String id = q.replaceAll("^.*[?&]?id=([0-9]+).*$", "$1");
                body = "{\"result\":{\"uids\":[\"" + id + "\"],\"" + id + "\":{\"uid\":\"" + id + "\",\"articleids\":["
                        + "{\"idtype\":\"pubmed\",\"value\":\"" + id + "\"},{\"idtype\":\"doi\",\"value\":\"10.5555/pmid." + id + "\"}]}}}";
            } else {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    @Test
    void vancouverEntriesAreParsedForCitationMatching() {
        Citation c = Citation.parse("Gang EJ, Jeong JA, Hong SH. Skeletal myogenic differentiation of mesenchymal stem cells "
                + "isolated from human umbilical cord blood. Stem Cells. 2004;22:617–24.").orElseThrow();
        assertEquals("Stem Cells", c.journal());
        assertEquals("2004", c.year());
        assertEquals("22", c.volume());
        assertEquals("617", c.firstPage());
        assertEquals("Gang EJ", c.firstAuthor());
        assertTrue(Citation.parse("Yeo Y, Wee R. Efficiency of exosome production; 2013.").isEmpty());
    }

    @Test
    void proposesMissingIdentifiersAndNeverOverwritesConfirmedOnes(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("refs.tsv");
        Files.write(table, List.of(
                "ref\tentry\tpmid\tdoi\tevidence",
                "ID https://w3id.org/mevo/reference/%\tA! dcterms:bibliographicCitation\tA MEVO:0000054\tA MEVO:0000055\tA MEVO:0000058",
                "1\tA B. Known PMID only. J X. 2001;1:1–2.\t111\t\tconfirmed",
                "2\tA B. Known DOI only. J X. 2001;1:1–2.\t\t10.1000/known\tconfirmed",
                "3\tGang EJ, Jeong JA, Hong SH. Skeletal myogenic differentiation of mesenchymal stem cells isolated from human umbilical cord blood. Stem Cells. 2004;22:617–24.\t\t\t",
                "4\tA B. Both known. J X. 2001;1:1–2.\t444\t10.1000/both\tconfirmed",
                "5\tYeo Y, Wee R. Efficiency of exosome production; 2013.\t\t\t"), StandardCharsets.UTF_8);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        var r = new ResolveIdsOperation(StepLog.silent()).run(new ResolveIdsOperation.Options(table,
                new Eutils.Options(base, Duration.ZERO, "mevo-test", ""), LocalDate.of(2026, 11, 27), 0));

        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        assertEquals("ref\tentry\tpmid\tdoi\tevidence\tproposed_pmid\tproposed_doi\tproposal_origin", lines.get(0));
        assertTrue(lines.get(1).endsWith("\tIGNORE\tIGNORE\tIGNORE"), "template row extended: " + lines.get(1));
        String[] r1 = lines.get(2).split("\t", -1), r2 = lines.get(3).split("\t", -1), r3 = lines.get(4).split("\t", -1),
                 r4 = lines.get(5).split("\t", -1), r5 = lines.get(6).split("\t", -1);
        // confirmed values untouched, proposals beside them
        assertEquals("111", r1[2]);
        assertEquals("", r1[3]);
        assertEquals("10.5555/pmid.111", r1[6]);
        assertEquals("10.1000/known", r2[3]);
        assertEquals("23456789", r2[5]);
        assertEquals("15277707", r3[5]);
        assertEquals("10.5555/pmid.15277707", r3[6]);
        assertTrue(r3[7].contains("2026-11-27") && r3[7].contains("ECitMatch") && r3[7].contains("proposal"), r3[7]);
        assertEquals("", r4[5] + r4[6] + r4[7], "a fully identified reference is not looked up");
        assertEquals("", r5[5] + r5[6], "an unparsable entry gets no proposal");
        assertEquals(4, r.looked());
        assertEquals(2, r.proposedPmid());
        assertEquals(2, r.proposedDoi());
        assertEquals(1, r.unparsable());
        assertTrue(requests.stream().noneMatch(x -> x.contains("444")), "nothing asked about complete rows: " + requests);

        // a second run has nothing left to do and changes nothing
        byte[] before = Files.readAllBytes(table);
        var again = new ResolveIdsOperation(StepLog.silent()).run(new ResolveIdsOperation.Options(table,
                new Eutils.Options(base, Duration.ZERO, "mevo-test", ""), LocalDate.of(2026, 11, 28), 0));
        assertEquals(1, again.looked(), "only the unparsable row is tried again");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(table)));
    }
}
