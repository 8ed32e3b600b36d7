package org.w3id.mevo.serve;

/**
 * Removes the comments of a SPARQL query text before it is parsed. ARQ's generated tokenizer reads a comment
 * character by character through the same automaton as every other token: the example queries are about 40 %
 * comment by length, and their comments took about a third of their parse time (bench/BENCHMARKS.md, "Parsing").
 *
 * <p>A comment is a {@code #} outside an IRI ({@code <...>}, as the SPARQL grammar's IRIREF token: a {@code <}
 * followed by no space and none of {@code <>"{}|^`\} up to a {@code >}), outside the four kinds of string literal,
 * and not escaped by a backslash (a prefixed name's local part may hold {@code \#}); it runs to the end of its line.
 * Each is removed and its line break kept, so the line and column of every token (and of any syntax error) stay
 * as they were. A text holding a {@code \}{@code u} or {@code \}{@code U} escape is returned unchanged: the parser
 * decodes those before it reads tokens, so they could hide a quote or a {@code #}.
 */
final class QueryComments {
    private QueryComments() {}

    /** {@code text} without its comments (the same String when it has none, or holds a unicode escape). */
    static String strip(String text) {
        if (text.indexOf('#') < 0) return text;
        if (hasUnicodeEscape(text)) return text;
        StringBuilder out = null;
        int n = text.length(), copied = 0, i = 0;
        while (i < n) {
            char c = text.charAt(i);
            switch (c) {
                case '#' -> {
                    int end = i;
                    while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
                    if (out == null) out = new StringBuilder(n);
                    out.append(text, copied, i);
                    copied = end;
                    i = end;
                }
                case '<' -> i = afterIri(text, i);
                case '"', '\'' -> i = afterString(text, i, c);
                case '\\' -> i += 2; // an escaped character of a prefixed name (PN_LOCAL_ESC), e.g. ex:a\#b
                default -> i++;
            }
        }
        if (out == null) return text;
        return out.append(text, copied, n).toString();
    }

    /**
     * Whether {@code text} holds a {@code \}{@code u} or {@code \}{@code U} escape, which the SPARQL parser decodes
     * before it reads tokens (so what the text seems to say about keywords, quotes or comments may not hold).
     */
    static boolean hasUnicodeEscape(String text) {
        return text.indexOf('\\') >= 0 && (text.contains("\\u") || text.contains("\\U"));
    }

    /** After an IRIREF starting at {@code i}, or {@code i + 1} when the {@code <} starts none (an operator). */
    private static int afterIri(String text, int i) {
        int n = text.length();
        for (int k = i + 1; k < n; k++) {
            char c = text.charAt(k);
            if (c == '>') return k + 1;
            if (c <= ' ' || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' || c == '\\')
                return i + 1;
        }
        return i + 1;
    }

    /**
     * After the string literal starting at {@code i} with quote {@code q} (long form when the quote is tripled). An
     * unterminated literal runs to the end of the text (or, short form, to its line break): the parser reports it.
     */
    private static int afterString(String text, int i, char q) {
        int n = text.length();
        boolean isLong = i + 2 < n && text.charAt(i + 1) == q && text.charAt(i + 2) == q;
        int k = isLong ? i + 3 : i + 1;
        while (k < n) {
            char c = text.charAt(k);
            if (c == '\\') {
                k += 2;
            } else if (isLong) {
                // the first unescaped tripled quote ends it (its content cannot end with a quote)
                if (c == q && k + 2 < n && text.charAt(k + 1) == q && text.charAt(k + 2) == q) return k + 3;
                k++;
            } else if (c == q) {
                return k + 1;
            } else if (c == '\n' || c == '\r') {
                return k;
            } else {
                k++;
            }
        }
        return n;
    }
}
