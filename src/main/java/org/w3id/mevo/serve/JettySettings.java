package org.w3id.mevo.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.w3id.mevo.core.MevoException;

/**
 * Jetty HTTP settings as data: {@value #FILE} next to the Fuseki configuration file is a Jetty XML file whose root is
 * an {@code HttpConfiguration}; it is applied to every connector of a built, not yet started server, on top of
 * Fuseki's settings. (Fuseki's own {@code jettyServerConfig(xml)} would replace the whole server, its port and
 * loopback settings included; this keeps the builder's.) No file: Fuseki's settings stay as they are.
 */
public final class JettySettings {
    public static final String FILE = "jetty-http.xml";

    private JettySettings() {}

    /** Applies {@code FILE} beside {@code fusekiConfig} to {@code server}; returns the file, or null when there is none. */
    public static Path apply(FusekiServer server, Path fusekiConfig) {
        Path xml = fusekiConfig.toAbsolutePath().resolveSibling(FILE);
        if (!Files.isRegularFile(xml)) return null;
        for (Connector c : server.getJettyServer().getConnectors()) {
            HttpConnectionFactory f = c.getConnectionFactory(HttpConnectionFactory.class);
            if (f != null) configure(f.getHttpConfiguration(), xml);
        }
        return xml;
    }

    static void configure(HttpConfiguration http, Path xml) {
        try {
            new XmlConfiguration(ResourceFactory.root().newResource(xml)).configure(http);
        } catch (Exception e) {
            throw new MevoException(xml + ": invalid Jetty HTTP settings: " + e.getMessage(), e);
        }
    }
}
