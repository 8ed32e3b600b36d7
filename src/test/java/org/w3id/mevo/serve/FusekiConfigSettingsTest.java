package org.w3id.mevo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.support.TestKb;

/**
 * {@link ServerSettings}: MEVO's ja:context settings in fuseki-config/, read with one policy: an absent setting takes
 * its documented default, a malformed or out-of-range one is an error naming the file, the setting and the value.
 */
@Tag("fast")
class FusekiConfigSettingsTest {
    @TempDir
    Path tmp;

    /** The served configuration file with one ja:cxtValue replaced. */
    private Path withValue(String setting, String from, String to) throws IOException {
        String text = Files.readString(TestKb.layout().fusekiConfig());
        String old = "ja:cxtName \"" + setting + "\" ; ja:cxtValue \"" + from + "\"";
        assertTrue(text.contains(old), "the served configuration sets " + old);
        Path f = tmp.resolve("mevo.ttl");
        Files.writeString(f, text.replace(old, "ja:cxtName \"" + setting + "\" ; ja:cxtValue \"" + to + "\""));
        return f;
    }

    private static void assertNames(MevoException e, Path file, String setting, String value) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString() + ": ") && m.contains(setting) && m.contains("'" + value + "'"), m);
    }

    @Test
    void theServedConfigurationIsReadAsWritten() {
        ServerSettings s = ServerSettings.read(TestKb.layout().fusekiConfig());
        assertEquals(10_000, s.resultCap());
        assertEquals(524_288, s.maxQueryLength());
        assertEquals(List.of("https://sparql.uniprot.org/sparql", "https://query.wikidata.org/sparql"), s.serviceAllowList());
        assertEquals(new ResultCache.Settings(67_108_864, 1_048_576), s.cache());
        assertEquals(0, s.maxConcurrentQueries(), "no admission gate");
        assertEquals(10_000, s.queueWaitMillis());
        ServerSettings tdb2 = ServerSettings.read(TestKb.layout().fusekiConfig().resolveSibling(PersistentStore.CONFIG_FILE));
        assertEquals(List.of(s.resultCap(), s.maxQueryLength(), s.serviceAllowList(), s.cache(), s.maxConcurrentQueries(), s.queueWaitMillis()),
                List.of(tdb2.resultCap(), tdb2.maxQueryLength(), tdb2.serviceAllowList(), tdb2.cache(), tdb2.maxConcurrentQueries(),
                        tdb2.queueWaitMillis()), "both modes' files agree");
    }

    @Test
    void goodValuesAreRead() throws IOException {
        Path f = withValue("mevo:resultCap", "10000", " 250 ");
        assertEquals(250, ServerSettings.read(f).resultCap());
        f = withValue("mevo:resultCacheEntryBytes", "1048576", "4096");
        assertEquals(new ResultCache.Settings(67_108_864, 4096), ServerSettings.read(f).cache());
        f = withValue("mevo:maxQueryLength", "524288", "1000");
        assertEquals(1000, ServerSettings.read(f).maxQueryLength());
        f = withValue("mevo:maxConcurrentQueries", "0", "4");
        assertEquals(4, ServerSettings.read(f).maxConcurrentQueries());
    }

    @Test
    void aMalformedResultCapIsAnErrorNamingTheFileAndSetting() throws IOException {
        Path f = withValue("mevo:resultCap", "10000", "10k");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(f)), f, "mevo:resultCap", "10k");
        Path zero = withValue("mevo:resultCap", "10000", "0");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(zero)), zero, "mevo:resultCap", "0");
        Path huge = withValue("mevo:resultCap", "10000", "99999999999");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(huge)), huge, "mevo:resultCap", "99999999999");
    }

    @Test
    void aMalformedCacheSizeIsAnErrorNamingTheFileAndSetting() throws IOException {
        Path f = withValue("mevo:resultCacheBytes", "67108864", "64MB");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(f)), f, "mevo:resultCacheBytes", "64MB");
        Path negative = withValue("mevo:resultCacheEntryBytes", "1048576", "-1");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(negative)), negative, "mevo:resultCacheEntryBytes", "-1");
        Path length = withValue("mevo:maxQueryLength", "524288", "lots");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(length)), length, "mevo:maxQueryLength", "lots");
        Path gate = withValue("mevo:maxConcurrentQueries", "0", "-2");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(gate)), gate, "mevo:maxConcurrentQueries", "-2");
        Path wait = withValue("mevo:queueWaitMillis", "10000", "10s");
        assertNames(assertThrows(MevoException.class, () -> ServerSettings.read(wait)), wait, "mevo:queueWaitMillis", "10s");
    }

    @Test
    void absentSettingsTakeTheirDefaults() throws IOException {
        Path f = tmp.resolve("plain.ttl");
        Files.writeString(f, """
                PREFIX fuseki: <http://jena.apache.org/fuseki#>
                PREFIX ja:     <http://jena.hpl.hp.com/2005/11/Assembler#>
                [] a fuseki:Server ; ja:context [ ja:cxtName "arq:queryTimeout" ; ja:cxtValue "1000" ] .
                """);
        ServerSettings s = ServerSettings.read(f);
        assertEquals(ServerSettings.DEFAULT_RESULT_CAP, s.resultCap());
        assertEquals(ServerSettings.DEFAULT_MAX_QUERY_LENGTH, s.maxQueryLength());
        assertEquals(List.of(), s.serviceAllowList(), "no SERVICE call allowed");
        assertEquals(ResultCache.Settings.OFF, s.cache(), "no cache");
        assertEquals(0, s.maxConcurrentQueries(), "no admission gate");
        assertEquals(ServerSettings.DEFAULT_QUEUE_WAIT_MILLIS, s.queueWaitMillis());
        assertEquals(f, s.file());
    }

    @Test
    void aSettingGivenTwiceOrAnUnreadableFileIsAnError() throws IOException {
        Path twice = tmp.resolve("twice.ttl");
        Files.writeString(twice, """
                PREFIX fuseki: <http://jena.apache.org/fuseki#>
                PREFIX ja:     <http://jena.hpl.hp.com/2005/11/Assembler#>
                [] a fuseki:Server ; ja:context [ ja:cxtName "mevo:resultCap" ; ja:cxtValue "10" ] ,
                                                [ ja:cxtName "mevo:resultCap" ; ja:cxtValue "20" ] .
                """);
        MevoException e = assertThrows(MevoException.class, () -> ServerSettings.read(twice));
        assertTrue(e.getMessage().startsWith(twice + ": ") && e.getMessage().contains("ja:context mevo:resultCap is set 2 times"), e.getMessage());
        Path broken = tmp.resolve("broken.ttl");
        Files.writeString(broken, "[] a <x> ; ja:context .");
        e = assertThrows(MevoException.class, () -> ServerSettings.read(broken));
        assertTrue(e.getMessage().startsWith(broken + ": "), e.getMessage());
    }

    @Test
    void extraAllowListEntriesAndTheCacheSwitchKeepTheRest() {
        ServerSettings s = ServerSettings.read(TestKb.layout().fusekiConfig());
        ServerSettings t = s.withServiceAllowList(List.of("http://127.0.0.1:*")).withoutResultCache();
        assertEquals(List.of("https://sparql.uniprot.org/sparql", "https://query.wikidata.org/sparql", "http://127.0.0.1:*"),
                t.serviceAllowList());
        assertEquals(ResultCache.Settings.OFF, t.cache());
        assertEquals(s.resultCap(), t.resultCap());
    }
}
