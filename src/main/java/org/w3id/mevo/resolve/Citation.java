package org.w3id.mevo.resolve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference-list entry in Vancouver (NLM) style, split into the fields a citation matcher needs:
 * {@code Authors. Title. Journal. Year;Volume(Issue):Pages.}
 */
public record Citation(String authors, String title, String journal, String year, String volume, String firstPage) {
    private static final Pattern TAIL = Pattern.compile(
            "\\.\\s+(?<journal>[^.]+?)\\.?\\s+(?<year>(?:19|20)\\d\\d)\\s*;\\s*(?<vol>[^:(;]*?)\\s*(?:\\([^)]*\\))?\\s*:\\s*(?<pages>[^.;]+?)\\.?\\s*$");

    /** Parses an entry; empty when it does not follow the Vancouver pattern closely enough to be matched safely. */
    public static Optional<Citation> parse(String entry) {
        String e = entry.trim();
        Matcher m = TAIL.matcher(e);
        if (!m.find()) return Optional.empty();
        String head = e.substring(0, m.start());
        int firstStop = head.indexOf(". ");
        if (firstStop < 0) return Optional.empty();
        String authors = head.substring(0, firstStop).trim();
        String title = head.substring(firstStop + 2).trim();
        if (authors.isEmpty() || title.isEmpty()) return Optional.empty();
        String pages = m.group("pages").trim();
        String first = pages.split("[–\\-]")[0].trim();
        return Optional.of(new Citation(authors, title, m.group("journal").trim(), m.group("year"),
                m.group("vol").trim(), first));
    }

    /** Surname and initials of the first author, as ECitMatch expects ("Smith J"). */
    public String firstAuthor() {
        String a = authors.split(",")[0].trim();
        return a.replaceAll("\\s+et al$", "");
    }
}
