package org.w3id.mevo.curate.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/** Opening pinned source files: gzip by content, SHA-256 checks, and Debian packages fetched and unpacked into a cache. */
public final class SourceFiles {
    private SourceFiles() {}

    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int a = in.read(), b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** A CURIE from a source file to an IRI: MEVO's prefixes first, else the OBO PURL convention. */
    public static String iri(String id, Prefixes prefixes) {
        if (id.startsWith("http://") || id.startsWith("https://")) return id;
        return prefixes.expand(id).orElseGet(() -> {
            int c = id.indexOf(':');
            if (c <= 0) throw new IllegalArgumentException("'" + id + "' is neither an IRI nor a CURIE");
            return "http://purl.obolibrary.org/obo/" + id.substring(0, c) + "_" + id.substring(c + 1);
        });
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new MevoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void checkSha256(Path file, String expected, String where) {
        if (expected == null || expected.isBlank()) return;
        String got = sha256(file);
        if (!got.equalsIgnoreCase(expected.strip()))
            throw new MevoException(where + ": " + file.getFileName() + " has SHA-256 " + got + ", but " + expected
                    + " is pinned: this is not the pinned release");
    }

    /**
     * {@code PACKAGE=VERSION}: the unpacked Debian package in {@code cache} (fetched with {@code apt-get download} and
     * unpacked with {@code dpkg -x} the first time; a .deb already placed in the cache is used as is).
     */
    public static Path debianPackage(String spec, String sha256, Path cache, String where) {
        int eq = spec.indexOf('=');
        if (eq <= 0) throw new MevoException(where + ": '" + spec + "' is not PACKAGE=VERSION");
        String pkg = spec.substring(0, eq), version = spec.substring(eq + 1);
        Path unpacked = cache.resolve(pkg + "_" + version);
        if (Files.isRegularFile(unpacked.resolve(".unpacked"))) return unpacked;
        try {
            Files.createDirectories(cache);
            Path deb;
            try (var s = Files.list(cache)) {
                deb = s.filter(p -> p.getFileName().toString().startsWith(pkg + "_" + version.replace(":", "%3a") + "_")
                        && p.toString().endsWith(".deb")).findFirst().orElse(null);
            }
            if (deb == null) {
                run(cache, where, List.of("apt-get", "download", spec),
                        "apt-get (Debian/Ubuntu) is needed to fetch " + spec + "; or put its .deb into " + cache,
                        "if apt does not know the package, run `apt-get update` (as root) first");
                try (var s = Files.list(cache)) {
                    deb = s.filter(p -> p.getFileName().toString().startsWith(pkg + "_") && p.toString().endsWith(".deb"))
                            .findFirst().orElseThrow(() -> new MevoException(where + ": apt-get download left no .deb for " + spec + " in " + cache));
                }
            }
            checkSha256(deb, sha256, where);
            Files.createDirectories(unpacked);
            run(cache, where, List.of("dpkg", "-x", deb.toAbsolutePath().toString(), unpacked.toAbsolutePath().toString()),
                    "dpkg is needed to unpack " + deb.getFileName(), "");
            Files.writeString(unpacked.resolve(".unpacked"), deb.getFileName().toString() + "\n");
            return unpacked;
        } catch (IOException e) {
            throw new MevoException(where + ": cannot prepare " + spec + " in " + cache + ": " + e.getMessage(), e);
        }
    }

    private static void run(Path dir, String where, List<String> cmd, String missing, String hint) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MevoException(where + ": cannot run '" + cmd.get(0) + "': " + missing + " (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) { p.destroyForcibly(); throw new MevoException(where + ": '" + String.join(" ", cmd) + "' timed out"); }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException(where + ": interrupted", e);
        }
        if (p.exitValue() != 0)
            throw new MevoException(where + ": '" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + "): "
                    + out.strip() + (hint.isEmpty() ? "" : "\n" + hint));
    }
}
