package org.w3id.mevo.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonString;
import org.apache.jena.atlas.json.JsonValue;

/**
 * {@code build-info.json}, the release's record of how it was built: the ontology IRI, when, the fingerprint of the
 * inputs (what {@code ./mevo serve} compares to decide whether to rebuild, and what a persistent server records), the
 * timings and counts. Written and read with Jena's JSON library ({@code org.apache.jena.atlas.json}), so every value is
 * escaped; the layout is one key per line, in the order of the components below. A number missing from the file
 * reads as -1, a text as null.
 */
public record BuildInfo(String ontology, String built, String fingerprint, long buildMs, long reasonMs, long classes,
                        long individuals, long inferredSubclassLinks, long inferredTypeLinks, long assertedTriples,
                        long inferredTriples, long flatTriples, long reportWarnings, List<String> graphs) {

    public BuildInfo {
        graphs = graphs == null ? List.of() : List.copyOf(graphs);
    }

    /** The JSON object, keys in file order. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        put(o, "ontology", ontology);
        put(o, "built", built);
        put(o, "fingerprint", fingerprint);
        o.put("build_ms", buildMs);
        o.put("reason_ms", reasonMs);
        o.put("classes", classes);
        o.put("individuals", individuals);
        o.put("inferred_subclass_links", inferredSubclassLinks);
        o.put("inferred_type_links", inferredTypeLinks);
        o.put("asserted_triples", assertedTriples);
        o.put("inferred_triples", inferredTriples);
        o.put("flat_triples", flatTriples);
        o.put("report_warnings", reportWarnings);
        JsonArray a = new JsonArray();
        graphs.forEach(a::add);
        o.put("graphs", a);
        return o;
    }

    public static BuildInfo fromJson(JsonObject o) {
        List<String> graphs = new ArrayList<>();
        if (o.get("graphs") instanceof JsonArray a) a.forEach(v -> { if (v.isString()) graphs.add(v.getAsString().value()); });
        return new BuildInfo(text(o, "ontology"), text(o, "built"), text(o, "fingerprint"), number(o, "build_ms"),
                number(o, "reason_ms"), number(o, "classes"), number(o, "individuals"), number(o, "inferred_subclass_links"),
                number(o, "inferred_type_links"), number(o, "asserted_triples"), number(o, "inferred_triples"),
                number(o, "flat_triples"), number(o, "report_warnings"), graphs);
    }

    /** A number of the file by its key (e.g. {@code asserted_triples}); -1 when there is none. */
    public long number(String key) { return number(toJson(), key); }

    /** The file's text: one key per line, values written (and escaped) by Jena's JSON writer. */
    public String text() {
        StringJoiner lines = new StringJoiner(",\n", "{\n", "\n}\n");
        JsonObject o = toJson();
        for (String key : o.keys()) lines.add("  " + flat(new JsonString(key)) + ": " + flat(o.get(key)));
        return lines.toString();
    }

    /** Parses a file's text; a malformed text is a {@link JsonException}. */
    public static BuildInfo parse(String text) { return fromJson(JSON.parse(text)); }

    /** The build-info.json of a release folder; empty when it is missing, unreadable or not a JSON object. */
    public static Optional<BuildInfo> read(Path releaseDir) {
        try {
            return Optional.of(parse(Files.readString(releaseDir.resolve(Release.INFO_FILE), StandardCharsets.UTF_8)));
        } catch (IOException | JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String flat(JsonValue v) {
        if (v instanceof JsonArray a) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            a.forEach(x -> j.add(flat(x)));
            return j.toString();
        }
        return JSON.toStringFlat(v);
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) o.put(key, value);
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.isString() ? v.getAsString().value() : null;
    }

    private static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.isNumber() ? v.getAsNumber().value().longValue() : -1;
    }
}
