package org.w3id.mevo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.serve.LiveDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reload", sortOptions = false, description = {
        "tell a running persistent server (on this machine) to load the current release aside",
        "and switch to it (POST /$/mevo-reload, loopback only)"})
public final class ReloadCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "3030", description = "the server's port (default 3030)")
    int port;

    @Option(names = "--force", description = "reload even if the server already holds this release")
    boolean force;

    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        String url = "http://127.0.0.1:" + port + LiveDatabase.RELOAD_PATH + (force ? "?force=true" : "");
        try {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            var resp = client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.print(resp.body());
            return resp.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            throw new MevoException("no MEVO server answers at " + url + " (" + e + "); is ./mevo serve --persistent running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
