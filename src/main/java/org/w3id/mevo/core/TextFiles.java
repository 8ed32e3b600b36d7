package org.w3id.mevo.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small shared helpers for the curated text files: listing a folder's files by ending, quoting strings. */
public final class TextFiles {
    private TextFiles() {}

    /** The regular files directly in {@code dir} whose name ends with {@code suffix}, sorted; empty if no folder. */
    public static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new MevoException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A double-quoted string literal valid in both Turtle and JSON (", \\, newline, tab and control characters escaped). */
    public static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> { if (c < 0x20) sb.append(String.format("\\u%04X", (int) c)); else sb.append(c); }
            }
        }
        return sb.append('"').toString();
    }
}
