package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.Texts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks rows against a schema's constraints while they stream past: {@link #watch} wraps the source a profiler
 * reads, so the data is read once for both. Memory is bounded: a few counters per constraint,
 * {@value #EXAMPLES} examples, and for {@code unique} and {@code maxDistinctRatio} a hash set of at most
 * {@value #UNIQUE_EXACT_LIMIT} distinct values plus a HyperLogLog sketch (4 KB, {@code DistinctSketch}).
 *
 * <p>Uniqueness is exact while a column has at most {@value #UNIQUE_EXACT_LIMIT} distinct values. Beyond that the
 * set stops growing: repeats of the values it holds are still found (and a repeat is a certain violation), and
 * the sketch estimates the distinct count of the rest (relative standard error about 1.6 %). The column then fails
 * {@code unique} only when even the sketch's upper bound (3 standard errors) is below the number of values, and the
 * check says that it is approximate.</p>
 *
 * <p>Several files read one after another (the current data of a drift check) are checked as one sample: counts,
 * the distinct values and the missing rate are over all of them. Not thread-safe.</p>
 */
public final class ConstraintChecker {
    /** The most offending values kept per constraint. */
    public static final int EXAMPLES = 5;
    /** Up to how many distinct values per column uniqueness is checked exactly. */
    public static final int UNIQUE_EXACT_LIMIT = 100_000;

    private final List<ColumnCheck> columns = new ArrayList<>();
    private final int exactLimit;
    private long rows;

    /** A checker of the constraints of a schema (none when it has none or is null). */
    public ConstraintChecker(@CheckForNull final Schema declared) {
        this(declared, UNIQUE_EXACT_LIMIT);
    }

    /** As the public constructor, with another exact limit (tests reach the approximate regime with it). */
    ConstraintChecker(@CheckForNull final Schema declared, final int exactLimit) {
        this.exactLimit = exactLimit;
        if (declared != null) {
            for (Column column : declared.columns()) {
                ColumnConstraints constraints = declared.constraintsOf(column.name());
                if (!constraints.isEmpty()) {
                    columns.add(new ColumnCheck(column, constraints));
                }
            }
        }
    }

    /** Whether there is nothing to check. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /**
     * The source, checking each row as the reader hands it over ({@code next()}). The constrained columns are
     * found by name in the source's schema.
     *
     * @throws DataException naming the file when a constrained column is not in it
     */
    public RowSource watch(final RowSource source) {
        if (columns.isEmpty()) {
            return source;
        }
        Schema schema = source.schema();
        int[] at = new int[columns.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = schema.indexOf(columns.get(c).column.name());
            if (at[c] < 0) {
                throw new DataException(source.file(), 0, columns.get(c).column.name(),
                        "the schema constrains this column but the file does not have it");
            }
        }
        Path fileName = source.file().getFileName();
        String name = fileName == null ? "-" : fileName.toString();
        return new ForwardingRowSource(source) {
            @Override
            public boolean next() {
                if (!super.next()) {
                    return false;
                }
                rows++;
                for (int c = 0; c < at.length; c++) {
                    columns.get(c).add(this, at[c], name);
                }
                return true;
            }
        };
    }

    /** What the rows checked so far show. */
    public ConstraintViolations result() {
        List<ConstraintViolations.Check> checks = new ArrayList<>();
        for (ColumnCheck column : columns) {
            column.report(rows, checks);
        }
        return new ConstraintViolations(rows, checks);
    }

    /** A number as a schema file would write it: {@code 3}, not {@code 3.0}. */
    public static String format(final double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** The counters of one constrained column. */
    private final class ColumnCheck {
        final Column column;
        final ColumnConstraints rules;
        @CheckForNull final Set<String> allowed;
        @CheckForNull final SafePattern pattern;
        final boolean distinct;
        final Tally belowMin = new Tally();
        final Tally aboveMax = new Tally();
        final Tally notAllowed = new Tally();
        final Tally noMatch = new Tally();
        final Tally missingCells = new Tally();
        final Tally repeats = new Tally();
        long gaveUp;
        long values;
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        @CheckForNull final Map<Object, Long> seen;
        @CheckForNull final DistinctSketch sketch;
        boolean saturated;

        ColumnCheck(final Column column, final ColumnConstraints rules) {
            this.column = column;
            this.rules = rules;
            List<String> allowedValues = rules.allowed();
            allowed = allowedValues == null ? null : new HashSet<>(allowedValues);
            String regex = rules.pattern();
            pattern = regex == null ? null : SafePattern.compile(regex);
            distinct = rules.unique() || rules.maxDistinctRatio() != null;
            seen = distinct ? new HashMap<>() : null;
            sketch = distinct ? new DistinctSketch() : null;
        }

        void add(final RowSource row, final int i, final String file) {
            if (row.isMissing(i)) {
                missingCells.add(file, row.line(), "(missing)");
                return;
            }
            values++;
            Object key;
            switch (column.type()) {
                case NUMERIC -> {
                    double value = row.number(i);
                    if (!Double.isNaN(value)) {
                        smallest = Math.min(smallest, value);
                        largest = Math.max(largest, value);
                    }
                    // NaN is inside no range: it fails both bounds
                    Double min = rules.min();
                    Double max = rules.max();
                    if (min != null && !(value >= min)) {
                        belowMin.add(file, row.line(), format(value));
                    }
                    if (max != null && !(value <= max)) {
                        aboveMax.add(file, row.line(), format(value));
                    }
                    key = value == 0 ? 0.0 : value; // -0.0 and 0.0 are one value
                    if (sketch != null) {
                        sketch.add(value == 0 ? 0.0 : value);
                    }
                }
                case BOOLEAN -> {
                    String text = Boolean.toString(row.bool(i));
                    if (allowed != null && !allowed.contains(text)) {
                        notAllowed.add(file, row.line(), text);
                    }
                    key = text;
                    if (sketch != null) {
                        sketch.add(text);
                    }
                }
                case CATEGORICAL -> {
                    String text = row.text(i);
                    if (allowed != null && !allowed.contains(text)) {
                        notAllowed.add(file, row.line(), Texts.shortened(text, Texts.QUOTED_CHARS));
                    }
                    if (pattern != null) {
                        SafePattern.Outcome outcome = pattern.match(text);
                        if (!outcome.passes()) {
                            noMatch.add(file, row.line(), Texts.shortened(text, Texts.QUOTED_CHARS));
                            if (outcome != SafePattern.Outcome.NO_MATCH) {
                                gaveUp++;
                            }
                        }
                    }
                    key = text;
                    if (sketch != null) {
                        sketch.add(text);
                    }
                }
                default -> throw new IllegalStateException("Unknown column type " + column.type());
            }
            if (seen != null) {
                Long first = seen.get(key);
                if (first != null) {
                    repeats.add(file, row.line(), shown(key) + " (first at line " + first + ")");
                } else if (seen.size() < exactLimit) {
                    seen.put(key, row.line());
                } else {
                    saturated = true;
                }
            }
        }

        private String shown(final Object key) {
            return key instanceof Double d ? format(d) : Texts.shortened(key.toString(), Texts.QUOTED_CHARS);
        }

        void report(final long rows, final List<ConstraintViolations.Check> out) {
            String name = column.name();
            Double min = rules.min();
            Double max = rules.max();
            List<String> allowedValues = rules.allowed();
            Double maxMissingRate = rules.maxMissingRate();
            Double maxDistinctRatio = rules.maxDistinctRatio();
            SafePattern matcher = pattern;
            if (min != null) {
                out.add(belowMin.check(name, "min", ">= " + format(min), smallest == Double.POSITIVE_INFINITY
                        ? null : smallest, true, null));
            }
            if (max != null) {
                out.add(aboveMax.check(name, "max", "<= " + format(max), largest == Double.NEGATIVE_INFINITY
                        ? null : largest, true, null));
            }
            if (allowedValues != null) {
                out.add(notAllowed.check(name, "allowed", "one of " + allowedValues.size()
                        + (allowedValues.size() == 1 ? " value" : " values"), null, true, null));
            }
            if (matcher != null) {
                out.add(noMatch.check(name, "pattern", "matches " + Texts.quote(matcher.regex()), null, true,
                        gaveUp == 0 ? null : gaveUp + " of them too long or too costly to match (counted as not "
                                + "matching; see docs/data.md)"));
            }
            double missingRate = rows == 0 ? 0 : (double) missingCells.count / rows;
            if (rules.notNull()) {
                out.add(missingCells.check(name, "notNull", "no missing value", missingRate, true, null));
            }
            if (maxMissingRate != null) {
                Tally rate = missingCells.withPassed(missingRate <= maxMissingRate);
                out.add(rate.check(name, "maxMissingRate", "at most " + format(maxMissingRate)
                        + " missing", missingRate, true, null));
            }
            if (!distinct) {
                return;
            }
            Map<Object, Long> seenValues = Objects.requireNonNull(seen, "seen");
            DistinctSketch distinctSketch = Objects.requireNonNull(sketch, "sketch");
            double estimate = saturated ? Math.max(seenValues.size(), distinctSketch.estimate()) : seenValues.size();
            String approximate = saturated ? "approximate: more than " + exactLimit + " distinct values, so "
                    + "repeats of the first " + exactLimit + " are counted exactly and the rest estimated with a "
                    + "distinct-count sketch (about " + Math.round(estimate) + " distinct)" : null;
            if (rules.unique()) {
                long count = repeats.count;
                boolean passed = count == 0;
                if (saturated && passed && distinctSketch.upperBound(3) < values) {
                    count = values - Math.round(estimate);
                    passed = count <= 0;
                    count = Math.max(0, count);
                }
                out.add(repeats.withCount(count, passed).check(name, "unique", "no value twice", null, !saturated,
                        approximate));
            }
            if (maxDistinctRatio != null) {
                double ratio = values == 0 ? 0 : estimate / values;
                Tally ratioTally = new Tally().withCount(Math.round(estimate), ratio <= maxDistinctRatio);
                out.add(ratioTally.check(name, "maxDistinctRatio", "at most " + format(maxDistinctRatio)
                        + " distinct", ratio, !saturated, approximate));
            }
        }
    }

    /** The offending cells of one constraint: a count and the first few. */
    private static final class Tally {
        long count;
        @CheckForNull Boolean passed;
        final List<ConstraintViolations.Example> examples = new ArrayList<>();

        void add(final String file, final long line, final String value) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(new ConstraintViolations.Example(file, line, value));
            }
        }

        Tally withPassed(final boolean value) {
            return withCount(count, value);
        }

        Tally withCount(final long value, final boolean verdict) {
            Tally copy = new Tally();
            copy.count = value;
            copy.passed = verdict;
            if (!verdict) {
                copy.examples.addAll(examples);
            }
            return copy;
        }

        ConstraintViolations.Check check(final String column, final String constraint, final String expected,
                @CheckForNull final Double observed, final boolean exact, @CheckForNull final String note) {
            boolean ok = passed != null ? passed : count == 0;
            return new ConstraintViolations.Check(column, constraint, expected, ok, count, observed, exact, note,
                    ok ? List.of() : examples);
        }
    }
}
