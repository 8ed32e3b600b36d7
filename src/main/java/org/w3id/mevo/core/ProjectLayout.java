package org.w3id.mevo.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where everything lives in a MEVO checkout. The folder names are the pipeline:
 * ontology/ (curate) -> checks, shapes (validate) -> reason -> release/ (publish) -> fuseki-config/ (serve).
 */
public record ProjectLayout(Path root) {

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** Finds the checkout root from a directory inside it (the folder holding ontology/mevo-edit.ttl). */
    public static ProjectLayout discover(Path start) {
        Path p = start.toAbsolutePath().normalize();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("ontology").resolve("mevo-edit.ttl"))) return new ProjectLayout(p);
            p = p.getParent();
        }
        throw new MevoException("not inside a MEVO checkout (no ontology/mevo-edit.ttl above " + start + ")");
    }

    public Path ontologyDir() { return root.resolve("ontology"); }
    public Path editFile() { return ontologyDir().resolve("mevo-edit.ttl"); }
    public Path catalog() { return ontologyDir().resolve("catalog-v001.xml"); }
    public Path prefixes() { return ontologyDir().resolve("prefixes.tsv"); }
    public Path importsDir() { return ontologyDir().resolve("imports"); }
    public Path tablesDir() { return ontologyDir().resolve("tables"); }
    public Path referencesDir() { return ontologyDir().resolve("references"); }
    public Path checksDir() { return ontologyDir().resolve("checks"); }
    public Path shapesDir() { return ontologyDir().resolve("shapes"); }
    public Path flattenDir() { return ontologyDir().resolve("flatten"); }
    public Path describeDir() { return ontologyDir().resolve("describe"); }
    public Path queriesDir() { return root.resolve("queries"); }
    public Path fusekiConfig() { return root.resolve("fuseki-config").resolve("mevo.ttl"); }
    public Path siteDir() { return root.resolve("fuseki-config").resolve("site"); }
    public Path defaultReleaseDir() { return root.resolve("release"); }
}
