package org.w3id.mevo.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copying and deleting folder trees (release swaps, persistent databases, project copies for benchmarks and tests). */
public final class FileTrees {
    private FileTrees() {}

    /** Copies {@code from} into {@code to}, creating folders, replacing files that exist. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Deletes a tree, best effort: a leftover folder is harmless and whoever made it cleans it up next time. */
    public static void delete(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
