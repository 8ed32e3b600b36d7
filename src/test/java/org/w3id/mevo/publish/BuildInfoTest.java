package org.w3id.mevo.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build-info.json: written and read back with a JSON library, escaping included, in the layout releases have always had. */
@Tag("fast")
class BuildInfoTest {
    static BuildInfo sample(String ontology) {
        return new BuildInfo(ontology, "2026-12-06T05:51:28Z", "4c46494e03a9", 25543, 18870, 851, 1905, 4037, 9480,
                19493, 13517, 2643, 0, List.of(Release.ASSERTED, Release.INFERRED, Release.FLAT));
    }

    @Test
    void theLayoutIsOneKeyPerLineInTheReleaseOrder() {
        assertEquals("""
                {
                  "ontology": "https://w3id.org/mevo/mevo.owl",
                  "built": "2026-12-06T05:51:28Z",
                  "fingerprint": "4c46494e03a9",
                  "build_ms": 25543,
                  "reason_ms": 18870,
                  "classes": 851,
                  "individuals": 1905,
                  "inferred_subclass_links": 4037,
                  "inferred_type_links": 9480,
                  "asserted_triples": 19493,
                  "inferred_triples": 13517,
                  "flat_triples": 2643,
                  "report_warnings": 0,
                  "graphs": ["https://w3id.org/mevo/graph/asserted", "https://w3id.org/mevo/graph/inferred", "https://w3id.org/mevo/graph/flat"]
                }
                """, sample("https://w3id.org/mevo/mevo.owl").text());
    }

    @Test
    void valuesThatNeedEscapingRoundTrip(@TempDir Path dir) throws IOException {
        String awkward = "https://example.org/a\"quote\\backslash\nnewline\ttab/é";
        BuildInfo info = sample(awkward);
        String text = info.text();
        assertTrue(text.contains("\\\"quote\\\\backslash\\n"), text);
        assertEquals(info, BuildInfo.parse(text));
        Files.writeString(dir.resolve(Release.INFO_FILE), text, StandardCharsets.UTF_8);
        assertEquals(Optional.of(info), BuildInfo.read(dir));
        assertEquals("4c46494e03a9", Release.fingerprint(dir));
        assertEquals(19493, Release.infoNumber(dir, "asserted_triples"));
        assertEquals(-1, Release.infoNumber(dir, "no_such_key"));
    }

    @Test
    void aMissingOrMalformedFileReadsAsNoInfo(@TempDir Path dir) throws IOException {
        assertEquals(Optional.empty(), BuildInfo.read(dir));
        assertNull(Release.fingerprint(dir));
        Files.writeString(dir.resolve(Release.INFO_FILE), "{\n  \"fingerprint\": \"abc", StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), BuildInfo.read(dir));
        assertEquals(-1, Release.infoNumber(dir, "asserted_triples"));
        Files.writeString(dir.resolve(Release.INFO_FILE), "{ \"fingerprint\": \"abc\" }", StandardCharsets.UTF_8);
        BuildInfo partial = BuildInfo.read(dir).orElseThrow();
        assertEquals("abc", partial.fingerprint());
        assertNull(partial.ontology());
        assertEquals(-1, partial.assertedTriples());
    }
}
