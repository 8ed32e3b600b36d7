package org.w3id.mevo.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IRI of a value individual: a table record's SOME cell value becomes an individual of the named class with the
 * IRI {@code <record>-<column>-<n>} (record IRI, column name, 1-based position of the value in the cell), e.g.
 * {@code https://w3id.org/mevo/MEVO_1000001-cargo-2}. Minted by the table compiler, parsed back by the reasoner's error
 * messages (to name the record's table row), and recognised by the entity pages. Column names are letters, digits and
 * {@code _} (no {@code -}), so the IRI parses back unambiguously from its end even when the record IRI holds a dash.
 *
 * @param record the record's IRI
 * @param column the table column the value was written in
 * @param n the value's 1-based position in the cell ({@code a | b}: 1, 2)
 */
public record ValueIndividual(String record, String column, int n) {
    /** What a column name may hold to be part of a value individual's IRI. */
    public static final String COLUMN_REGEX = "[A-Za-z0-9_]+";
    /** The suffix a value individual adds to its record's IRI, as a regular expression (no groups). */
    public static final String SUFFIX_REGEX = "-" + COLUMN_REGEX + "-[0-9]+";
    private static final Pattern COLUMN = Pattern.compile(COLUMN_REGEX);
    private static final Pattern IRI = Pattern.compile("^(.+)-(" + COLUMN_REGEX + ")-([1-9][0-9]{0,8})$");

    public ValueIndividual {
        if (record == null || record.isEmpty()) throw new IllegalArgumentException("a value individual needs its record's IRI");
        if (!isColumnName(column))
            throw new IllegalArgumentException("column name '" + column + "' cannot be part of an IRI <record>-<column>-<n>: "
                    + "use letters, digits and '_' only");
        if (n < 1) throw new IllegalArgumentException("value position " + n + " must be 1 or more");
    }

    /** The IRI {@code record-column-n}. */
    public static String mint(String record, String column, int n) { return new ValueIndividual(record, column, n).iri(); }

    /** The parts of a value individual's IRI; empty when the IRI does not have the form {@code <record>-<column>-<n>}. */
    public static Optional<ValueIndividual> parse(String iri) {
        if (iri == null) return Optional.empty();
        Matcher m = IRI.matcher(iri);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new ValueIndividual(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
    }

    /** True when the IRI has the form {@code <record>-<column>-<n>}. */
    public static boolean isValueIndividual(String iri) { return parse(iri).isPresent(); }

    /** True when {@code iri} is a value individual of the record {@code record}. */
    public static boolean belongsTo(String iri, String record) {
        return parse(iri).map(v -> v.record().equals(record)).orElse(false);
    }

    /** True when the column name can be part of a value individual's IRI. */
    public static boolean isColumnName(String column) { return column != null && COLUMN.matcher(column).matches(); }

    public String iri() { return record + "-" + column + "-" + n; }
}
