package org.w3id.mevo.curate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3id.mevo.core.MevoException;

/** The OASIS XML catalog Protégé uses ({@code catalog-v001.xml}): import IRI -> local file. */
public final class Catalog {
    private final Path file;
    private final Map<String, Path> entries;

    private Catalog(Path file, Map<String, Path> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static Catalog load(Path file) {
        if (!Files.isRegularFile(file)) throw new MevoException(file + ": catalog file not found");
        try {
            var dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = dbf.newDocumentBuilder().parse(file.toFile());
            NodeList uris = doc.getElementsByTagNameNS("*", "uri");
            Map<String, Path> m = new LinkedHashMap<>();
            for (int i = 0; i < uris.getLength(); i++) {
                Element e = (Element) uris.item(i);
                String name = e.getAttribute("name");
                String uri = e.getAttribute("uri");
                if (name.isEmpty() || uri.isEmpty())
                    throw new MevoException(file + ": <uri> entry " + (i + 1) + " lacks a name or uri attribute");
                m.put(name, file.getParent().resolve(uri).normalize());
            }
            return new Catalog(file, m);
        } catch (MevoException e) {
            throw e;
        } catch (Exception e) {
            throw new MevoException(file + ": cannot read XML catalog: " + e.getMessage(), e);
        }
    }

    public Optional<Path> resolve(String importIri) { return Optional.ofNullable(entries.get(importIri)); }

    public Map<String, Path> entries() { return entries; }

    public Path file() { return file; }
}
