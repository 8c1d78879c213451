package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.data.ColumnType;
import io.mlstages.profile.CategorySummary;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * Compares the profile of current data with a reference profile, column by column.
 *
 * <p>A column drifts when its change is both statistically significant (p-value below alpha) and large enough
 * to matter (its score at or above the method's threshold), or when its missing rate changed significantly by
 * at least the missing-rate floor. The p-value comes from the same test per type, whatever the score:
 * two-sample Kolmogorov–Smirnov for numeric columns, chi-square for categorical and boolean ones; only
 * Cramér–von Mises and Anderson–Darling, which are tests themselves, bring their own. See
 * {@code docs/drift.md} for the methods, defaults and reasons.</p>
 */
public final class DriftDetector {

    /** Below this many values on the smaller side a sample is small: KS and chi-square are the default scores. */
    static final long SMALL_SAMPLE = 1000;
    /** The default effect-size floor of KS, chi-square, Jensen–Shannon, Wasserstein and L-infinity. */
    static final double DEFAULT_THRESHOLD = 0.1;
    /** The customary PSI alarm level ("significant shift"). */
    static final double DEFAULT_PSI_THRESHOLD = 0.2;
    /*
     * The floors of the methods added later are each method's score for a shift of a normal column by a quarter
     * of its standard deviation (large samples), rounded: the shift at which KS reaches its floor 0.1 and
     * Jensen-Shannon over deciles reaches its own (docs/drift.md gives the table).
     */
    /** Hellinger over deciles: 0.086 at a quarter-sd shift. */
    static final double DEFAULT_HELLINGER_THRESHOLD = 0.085;
    /** KL(current || reference) over deciles, in nats: 0.030 at a quarter-sd shift. */
    static final double DEFAULT_KL_THRESHOLD = 0.03;
    /** Total variation over deciles: 0.099 at a quarter-sd shift. */
    static final double DEFAULT_TV_THRESHOLD = 0.1;
    /** Cramér–von Mises RMS CDF gap: 0.075 at a quarter-sd shift. */
    static final double DEFAULT_CVM_THRESHOLD = 0.075;
    /** Anderson–Darling tail-weighted RMS gap: 0.172 at a quarter-sd shift. */
    static final double DEFAULT_AD_THRESHOLD = 0.17;
    /** Energy distance over the square root of the reference's standard deviation: 0.188 at a quarter-sd shift. */
    static final double DEFAULT_ENERGY_THRESHOLD = 0.19;
    /** Numeric PSI and Jensen–Shannon bins: the reference's deciles. */
    static final int BINS = 10;
    /** Ranks per side whose quantiles form the grid of the sketch-path KS statistic (both sides merged). */
    static final int GRID_RANKS = 2049;
    /** Midpoint ranks of the sketch-path Wasserstein integral. */
    static final int WASSERSTEIN_RANKS = 2000;
    /** Cochran's rule: a level whose expected count is below this in either sample is pooled. */
    static final double MIN_EXPECTED = 5;
    /** The name of the pooled level in notes. */
    static final String OTHER = "other";
    /** A categorical column with at least this many values, ... */
    static final long IDENTIFIER_MIN_VALUES = 50;
    /** ... of which at least this share are distinct, is taken for an identifier (or a timestamp). */
    static final double IDENTIFIER_DISTINCT_SHARE = 0.95;

    private DriftDetector() {
    }

    /**
     * Compares current data with the reference.
     *
     * @throws DriftException when a compared column is missing on one side, its types differ, the options name
     *                        an unknown column, or a chosen method does not suit a column's type
     */
    public static DriftReport compare(final Profile reference, final Profile current, final DriftOptions options) {
        return compare(List.of(new Comparison(null, reference, current)), options).get(0);
    }

    /**
     * One comparison of a check: the whole data, or one segment of it.
     *
     * @param segment   the segment's name, or null for the whole data
     * @param reference the reference's profile
     * @param current   the current data's profile
     * @param columns   the columns compared, or null for those the check's options name (a segment leaves out
     *                  the segment columns, which are constant inside it)
     */
    public record Comparison(@CheckForNull String segment, Profile reference, Profile current,
            @CheckForNull List<String> columns) {
        public Comparison {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(current, "current");
            columns = columns == null ? null : List.copyOf(columns);
        }

        /** A comparison of the columns the check's options name. */
        public Comparison(@CheckForNull final String segment, final Profile reference, final Profile current) {
            this(segment, reference, current, null);
        }
    }

    /**
     * Runs several comparisons as one check, one report each. They share the false-alarm control: under the
     * false discovery rate, the Benjamini–Hochberg family is every tested column of every comparison, keyed by
     * (segment, column), and the alarm figures are those of the whole check.
     *
     * @throws DriftException as {@link #compare(Profile, Profile, DriftOptions)}
     */
    public static List<DriftReport> compare(final List<Comparison> comparisons, final DriftOptions options) {
        List<List<Measured>> measured = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            measured.add(measure(comparison, options));
        }
        Levels levels = Levels.of(measured, options);
        List<DriftReport> reports = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            reports.add(report(comparisons.get(i), measured.get(i), levels, options));
        }
        return reports;
    }

    /** A column measured, not yet judged: the judgement may wait for the other columns' p-values (FDR). */
    private record Measured(ColumnProfile reference, ColumnProfile current, Role role, Outcome outcome,
            FalseDiscovery.Key key) {
        boolean tested() {
            return outcome.pValue() != null && role != Role.IDENTIFIER;
        }
    }

    /** The columns of one comparison, measured, features in the reference's order then the others. */
    private static List<Measured> measure(final Comparison comparison, final DriftOptions options) {
        Profile reference = comparison.reference();
        Profile current = comparison.current();
        Map<String, ColumnProfile> refColumns = byName(reference);
        Map<String, ColumnProfile> curColumns = byName(current);
        checkOptionNames(options, refColumns, curColumns);

        Set<String> wanted = new LinkedHashSet<>();
        List<String> restricted = comparison.columns();
        List<String> named = restricted == null ? options.columns() : restricted;
        if (named.isEmpty()) {
            wanted.addAll(refColumns.keySet());
            wanted.addAll(curColumns.keySet());
        } else {
            wanted.addAll(named);
        }
        if (options.target() != null) {
            wanted.add(options.target());
        }
        if (options.prediction() != null) {
            wanted.add(options.prediction());
        }
        checkPresentAndSameType(wanted, refColumns, curColumns, label(reference, "reference"),
                label(current, "current"));

        List<Measured> features = new ArrayList<>();
        Measured target = null;
        Measured prediction = null;
        List<Measured> identifiers = new ArrayList<>();
        // features in the reference's order
        for (Map.Entry<String, ColumnProfile> entry : refColumns.entrySet()) {
            String name = entry.getKey();
            if (!wanted.contains(name)) {
                continue;
            }
            ColumnProfile ref = entry.getValue();
            ColumnProfile cur = curColumns.get(name);
            Role role = name.equals(options.target()) ? Role.TARGET
                    : name.equals(options.prediction()) ? Role.PREDICTION
                    : isIdentifier(ref) && isIdentifier(cur) ? Role.IDENTIFIER
                    : Role.FEATURE;
            Measured column = new Measured(ref, cur, role, outcome(ref, cur, options),
                    new FalseDiscovery.Key(comparison.segment(), name));
            if (role == Role.TARGET) {
                target = column;
            } else if (role == Role.PREDICTION) {
                prediction = column;
            } else if (role == Role.IDENTIFIER) {
                identifiers.add(column);
            } else {
                features.add(column);
            }
        }
        List<Measured> columns = new ArrayList<>(features);
        if (target != null) {
            columns.add(target);
        }
        if (prediction != null) {
            columns.add(prediction);
        }
        columns.addAll(identifiers);
        return columns;
    }

    /**
     * The significance levels of a check: per-column alpha, or one Benjamini–Hochberg family over every tested
     * column of every comparison; either lowered to fit an alarm budget. Also what the settings imply.
     */
    private record Levels(FalseAlarms.Control control, double level, double budgetLevel,
            @CheckForNull FalseDiscovery.Family family,
            Map<FalseDiscovery.Key, FalseDiscovery.Decision> decisions, double perCheck, int tests) {

        static Levels of(final List<List<Measured>> measured, final DriftOptions options) {
            FalseAlarmOptions settings = options.falseAlarms();
            boolean fdr = settings.fdr() != null;
            int tests = 0;
            int[] features = new int[measured.size()];
            int[] alarmAt = new int[measured.size()];
            for (int i = 0; i < measured.size(); i++) {
                for (Measured column : measured.get(i)) {
                    tests += column.tested() ? 1 : 0;
                    features[i] += column.role() == Role.FEATURE ? 1 : 0;
                }
                alarmAt[i] = FalseAlarmRate.alarmAt(features[i], options.driftShare());
            }
            final int family = tests;
            DoubleUnaryOperator perCheck = level -> fdr
                    ? FalseAlarmRate.withFdr(family, sum(features), min(alarmAt), level)
                    : FalseAlarmRate.anyWithAlpha(features, alarmAt, level);
            double given = fdr ? Objects.requireNonNull(settings.fdr(), "fdr") : options.alpha();
            double budgetLevel = Double.NaN;
            double level = given;
            AlarmBudget budget = settings.budget();
            if (budget != null) {
                // FalseAlarmOptions refuses a budget without a cadence
                budgetLevel = FalseAlarmRate.levelFor(budget.perCheck(Objects.requireNonNull(settings.cadence(),
                        "cadence")), perCheck);
                level = Math.min(given, budgetLevel);
            }
            FalseDiscovery.Family decided = null;
            if (fdr) {
                Map<FalseDiscovery.Key, Double> pValues = new LinkedHashMap<>();
                measured.stream().flatMap(List::stream).filter(Measured::tested)
                        .forEach(column -> pValues.put(column.key(), column.outcome().pValue()));
                decided = FalseDiscovery.control(pValues, level);
            }
            return new Levels(fdr ? FalseAlarms.Control.FDR : FalseAlarms.Control.ALPHA, level, budgetLevel, decided,
                    decided == null ? Map.of() : decided.byKey(), perCheck.applyAsDouble(level), tests);
        }

        /** The level a column's tests are held to: its own alpha, the check's, or the family's cutoff. */
        double alpha(final DriftOptions.ColumnOptions settings) {
            if (family != null) {
                return family.cutoff();
            }
            Double own = settings.alpha();
            return own != null ? own : level;
        }

        /** A column's q-value under FDR control, or null. */
        @CheckForNull
        Double qValue(final FalseDiscovery.Key key) {
            if (family == null) {
                return null;
            }
            FalseDiscovery.Decision decision = decisions.get(key);
            return decision == null ? null : decision.qValue();
        }

        private static int sum(final int[] values) {
            return Arrays.stream(values).sum();
        }

        private static int min(final int[] values) {
            return Arrays.stream(values).min().orElse(1);
        }
    }

    private static DriftReport report(final Comparison comparison, final List<Measured> measured, final Levels levels,
            final DriftOptions options) {
        List<ColumnDrift> columns = new ArrayList<>();
        List<FalseAlarms.Column> decided = new ArrayList<>();
        for (Measured column : measured) {
            Double qValue = levels.qValue(column.key());
            ColumnDrift drift = judge(column, levels.alpha(options.column(column.reference().name())), qValue,
                    levels.level(), options);
            columns.add(drift);
            if (qValue != null && column.tested()) {
                // a tested column has a p-value
                decided.add(new FalseAlarms.Column(column.key().segment(), drift.name(),
                        Objects.requireNonNull(drift.pValue(), "p-value"), qValue,
                        drift.significant(), drift.drift()));
            }
        }
        List<ColumnDrift> features = columns.stream().filter(c -> c.role() == Role.FEATURE).toList();
        long drifted = features.stream().filter(ColumnDrift::drift).count();
        double share = features.isEmpty() ? 0 : (double) drifted / features.size();
        Profile reference = comparison.reference();
        Profile current = comparison.current();
        FalseAlarmOptions settings = options.falseAlarms();
        java.time.Duration cadence = settings.cadence();
        double checks = cadence == null ? Double.NaN : FalseAlarmRate.checksPerMonth(cadence);
        FalseDiscovery.Family family = levels.family();
        FalseAlarms alarms = new FalseAlarms(levels.control(), levels.level(), settings.budget(), levels.budgetLevel(),
                levels.tests(), family == null ? levels.level() : family.cutoff(), features.size(),
                FalseAlarmRate.alarmAt(features.size(), options.driftShare()), levels.perCheck(), settings.cadence(),
                checks, checks * levels.perCheck(), decided);
        return new DriftReport(DriftReport.SCHEMA_VERSION, label(reference, "reference"), label(current, "current"),
                reference.rows(), current.rows(), !features.isEmpty() && share >= options.driftShare(), share,
                options.driftShare(), columns).withFalseAlarms(alarms);
    }

    /**
     * Whether a categorical column looks like an identifier or a timestamp: (nearly) every value distinct. Such
     * a column has no distribution to drift, and counting it as a feature would only dilute the drift share.
     */
    private static boolean isIdentifier(final ColumnProfile column) {
        CategorySummary categories = column.categories();
        if (column.type() != ColumnType.CATEGORICAL || categories == null) {
            return false;
        }
        long values = column.count() - column.missing();
        return values >= IDENTIFIER_MIN_VALUES && categories.distinct() >= IDENTIFIER_DISTINCT_SHARE * values;
    }

    private static Map<String, ColumnProfile> byName(final Profile profile) {
        Map<String, ColumnProfile> out = new LinkedHashMap<>();
        for (ColumnProfile column : profile.columns()) {
            out.put(column.name(), column);
        }
        return out;
    }

    private static String label(final Profile profile, final String fallback) {
        if (profile.sources().isEmpty()) {
            return fallback;
        }
        return profile.sources().stream().map(Profile.Source::file)
                .collect(Collectors.joining(" + "));
    }

    /** Every column the options name must exist somewhere, so that a typo is not silently ignored. */
    private static void checkOptionNames(final DriftOptions options, final Map<String, ColumnProfile> ref,
            final Map<String, ColumnProfile> cur) {
        Set<String> named = new LinkedHashSet<>(options.columns());
        named.addAll(options.perColumn().keySet());
        if (options.target() != null) {
            named.add(options.target());
        }
        if (options.prediction() != null) {
            named.add(options.prediction());
        }
        List<String> unknown = named.stream().filter(n -> !ref.containsKey(n) && !cur.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new DriftException("The drift options name " + plural(unknown.size(), "column")
                    + " that neither profile has: " + quoted(unknown) + "; the reference has " + quoted(ref.keySet()));
        }
    }

    private static void checkPresentAndSameType(final Set<String> wanted, final Map<String, ColumnProfile> ref,
            final Map<String, ColumnProfile> cur, final String refName, final String curName) {
        List<String> onlyRef = wanted.stream().filter(n -> !cur.containsKey(n)).toList();
        List<String> onlyCur = wanted.stream().filter(n -> !ref.containsKey(n)).toList();
        if (!onlyRef.isEmpty() || !onlyCur.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!onlyRef.isEmpty()) {
                parts.add(plural(onlyRef.size(), "column") + " " + quoted(onlyRef)
                        + " in the reference (" + refName + ") but not in the current data (" + curName + ")");
            }
            if (!onlyCur.isEmpty()) {
                parts.add(plural(onlyCur.size(), "column") + " " + quoted(onlyCur)
                        + " in the current data (" + curName + ") but not in the reference (" + refName + ")");
            }
            throw new DriftException("Cannot compare the profiles: " + String.join("; ", parts)
                    + " (leave such columns out with the columns filter)");
        }
        List<String> mismatches = new ArrayList<>();
        for (String name : wanted) {
            ColumnType a = ref.get(name).type();
            ColumnType b = cur.get(name).type();
            if (a != b) {
                mismatches.add(Texts.quote(name) + " is " + a.label() + " in the reference but " + b.label()
                        + " in the current data");
            }
        }
        if (!mismatches.isEmpty()) {
            throw new DriftException("Column types differ between the reference (" + refName
                    + ") and the current data (" + curName + "): " + String.join("; ", mismatches));
        }
    }

    private static String plural(final int count, final String noun) {
        return count == 1 ? noun : noun + "s";
    }

    private static String quoted(final Collection<String> names) {
        // names come from the data: each escaped and cut, and a few of them, so the message stays one short line
        String listed = names.stream().limit(10).map(Texts::quote).collect(Collectors.joining(", "));
        return names.size() > 10 ? listed + " and " + (names.size() - 10) + " more" : listed;
    }

    /** The statistic chosen for a column when the user chose none. */
    static DriftMethod defaultMethod(final ColumnType type, final long smallerSample) {
        switch (type) {
            case NUMERIC:
                return smallerSample < SMALL_SAMPLE ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
            case BOOLEAN:
                return DriftMethod.JENSEN_SHANNON;
            default:
                return smallerSample < SMALL_SAMPLE ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
        }
    }

    /** The effect-size floor of a method when the user gave none. */
    static double defaultThreshold(final DriftMethod method) {
        return switch (method) {
            case PSI -> DEFAULT_PSI_THRESHOLD;
            case KS, CHI_SQUARE, JENSEN_SHANNON, WASSERSTEIN, L_INFINITY -> DEFAULT_THRESHOLD;
            case HELLINGER -> DEFAULT_HELLINGER_THRESHOLD;
            case KULLBACK_LEIBLER -> DEFAULT_KL_THRESHOLD;
            case TOTAL_VARIATION -> DEFAULT_TV_THRESHOLD;
            case CRAMER_VON_MISES -> DEFAULT_CVM_THRESHOLD;
            case ANDERSON_DARLING -> DEFAULT_AD_THRESHOLD;
            case ENERGY -> DEFAULT_ENERGY_THRESHOLD;
        };
    }

    /** What the distribution comparison of one column found. */
    private record Outcome(DriftMethod method, double score, double threshold, @CheckForNull Double pValue, boolean exact,
            List<String> remarks) {
    }

    /** Scores and tests one column; the verdict waits for {@link #judge}. */
    private static Outcome outcome(final ColumnProfile ref, final ColumnProfile cur, final DriftOptions options) {
        DriftOptions.ColumnOptions settings = options.column(ref.name());
        DriftMethod chosen = settings.method();
        if (chosen != null && !chosen.supports(ref.type())) {
            throw new DriftException("Column '" + ref.name() + "' is " + ref.type().label() + ", but its drift method '"
                    + chosen.label() + "' applies only to "
                    + (ref.type() == ColumnType.NUMERIC ? "categorical and boolean" : "numeric") + " columns");
        }
        return ref.type() == ColumnType.NUMERIC
                ? numeric(ref, cur, settings)
                : categorical(ref, cur, settings, options.poolRareLevels());
    }

    /**
     * The verdict on a measured column: its tests held to {@code alpha} (under FDR control the family's cutoff,
     * and then {@code qValue} is the column's q-value and {@code q} the rate).
     */
    private static ColumnDrift judge(final Measured measured, final double alpha, @CheckForNull final Double qValue, final double q,
            final DriftOptions options) {
        ColumnProfile ref = measured.reference();
        ColumnProfile cur = measured.current();
        Role role = measured.role();
        Outcome outcome = measured.outcome();
        List<String> notes = new ArrayList<>();
        boolean distributionDrift = false;
        Double pValue = outcome.pValue();
        if (pValue != null) {
            double p = pValue;
            boolean significant = p < alpha;
            boolean large = outcome.score() >= outcome.threshold();
            distributionDrift = significant && large;
            String score = outcome.method().label() + " " + number(outcome.score());
            String evidence = qValue == null ? pText(p) : pText(p) + ", q-value " + number(qValue);
            if (distributionDrift) {
                notes.add("drifted: significant (" + evidence + ") and " + score + " at or above the floor "
                        + number(outcome.threshold()));
            } else if (significant) {
                notes.add("significant (" + evidence + ") but " + score + " below the floor "
                        + number(outcome.threshold()));
            } else {
                notes.add("not significant (" + evidence + (qValue == null ? " >= alpha " + number(alpha)
                        : " >= fdr " + number(q)) + "); " + score + (large ? " at or above" : " below") + " the floor "
                        + number(outcome.threshold()));
            }
        }
        notes.addAll(outcome.remarks());

        long refCount = ref.count() - ref.missing();
        long curCount = cur.count() - cur.missing();
        boolean missingDrift = false;
        if (ref.count() > 0 && cur.count() > 0 && (ref.missing() > 0 || cur.missing() > 0)) {
            Statistics.Proportions test = Statistics.twoProportion(ref.missing(), ref.count(), cur.missing(),
                    cur.count());
            double change = Math.abs(cur.missingRate() - ref.missingRate());
            boolean significant = test.pValue() < alpha;
            missingDrift = options.missingRateDrift() && significant && change >= options.missingRateFloor();
            if (significant || missingDrift) {
                notes.add("missing rate " + percent(ref.missingRate()) + " -> " + percent(cur.missingRate()) + " ("
                        + pText(test.pValue()) + ")" + (missingDrift ? ": missing-rate drift"
                        : options.missingRateDrift() ? ", change below the floor " + number(options.missingRateFloor())
                        : ", missing-rate drift disabled"));
            }
        }
        double refNonFiniteRate = Double.NaN;
        double curNonFiniteRate = Double.NaN;
        boolean nonFiniteDrift = false;
        if (ref.type() == ColumnType.NUMERIC) {
            // NaN kept as data and the infinities (an upstream overflow: 1e400) are left out of the distribution
            // test, so a column turning into them would pass unseen: their share is compared as the missing rate is
            long refNonFinite = nonFiniteCount(numeric(ref));
            long curNonFinite = nonFiniteCount(numeric(cur));
            refNonFiniteRate = ref.count() == 0 ? 0 : (double) refNonFinite / ref.count();
            curNonFiniteRate = cur.count() == 0 ? 0 : (double) curNonFinite / cur.count();
            if (ref.count() > 0 && cur.count() > 0 && (refNonFinite > 0 || curNonFinite > 0)) {
                Statistics.Proportions test = Statistics.twoProportion(refNonFinite, ref.count(), curNonFinite,
                        cur.count());
                double change = Math.abs(curNonFiniteRate - refNonFiniteRate);
                boolean significant = test.pValue() < alpha;
                nonFiniteDrift = options.missingRateDrift() && significant && change >= options.missingRateFloor();
                if (significant || nonFiniteDrift) {
                    notes.add("non-finite share (NaN, +Infinity, -Infinity) " + percent(refNonFiniteRate) + " -> "
                            + percent(curNonFiniteRate) + " (" + pText(test.pValue()) + ")" + (nonFiniteDrift
                            ? ": non-finite drift" : options.missingRateDrift() ? ", change below the floor "
                            + number(options.missingRateFloor()) : ", non-finite drift disabled"));
                }
            }
        }
        if (role == Role.IDENTIFIER) {
            notes.add(0, "every value is distinct on both sides: an identifier or a timestamp, reported but not "
                    + "counted toward dataset drift (name the columns to compare with the columns filter, or declare "
                    + "its type)");
            distributionDrift = false;
            missingDrift = false;
        }
        return new ColumnDrift(ref.name(), ref.type(), role, outcome.method(), outcome.score(), outcome.threshold(),
                outcome.pValue(), alpha, distributionDrift || missingDrift || nonFiniteDrift, refCount, curCount,
                ref.missingRate(), cur.missingRate(), missingDrift, refNonFiniteRate, curNonFiniteRate, nonFiniteDrift,
                outcome.exact(), String.join("; ", notes));
    }

    // ---------------------------------------------------------------------------------------------- numeric

    private static Outcome numeric(final ColumnProfile refColumn, final ColumnProfile curColumn,
            final DriftOptions.ColumnOptions settings) {
        NumericSummary ref = numeric(refColumn);
        NumericSummary cur = numeric(curColumn);
        List<String> remarks = new ArrayList<>();
        String nonFinite = nonFinite(ref, cur);
        long n = ref.finite();
        long m = cur.finite();
        DriftMethod override = settings.method();
        DriftMethod method = override != null ? override : defaultMethod(ColumnType.NUMERIC, Math.min(n, m));
        Double floor = settings.threshold();
        double threshold = floor != null ? floor : defaultThreshold(method);
        boolean exact = ref.isExact() && cur.isExact();
        if (n == 0 || m == 0) {
            remarks.add("no finite values in the " + (n == 0 ? "reference" : "current data")
                    + ": no distribution test, only the missing rate and the non-finite share are compared");
            if (nonFinite != null) {
                remarks.add(nonFinite);
            }
            return new Outcome(method, 0, threshold, null, exact, remarks);
        }
        if ((method == DriftMethod.WASSERSTEIN || method == DriftMethod.ENERGY) && !(ref.std() > 0)) {
            // the score is relative to the reference's spread, which a constant reference does not have
            remarks.add("the reference is constant, so " + (method == DriftMethod.ENERGY ? "the energy distance"
                    : "Wasserstein") + " relative to its spread is undefined: KS used");
            method = DriftMethod.KS;
            threshold = floor != null ? floor : defaultThreshold(method);
        }

        double[] x = exact ? ref.values() : null;
        double[] y = exact ? cur.values() : null;
        double pValue;
        double d;
        if (exact) {
            Statistics.Ks ks = Statistics.ks(x, y);
            d = ks.statistic();
            pValue = ks.pValue();
        } else {
            double[] grid = mergedQuantiles(ref, cur);
            d = Statistics.ksStatisticFromCdfs(ref.cdf(grid), cur.cdf(grid));
            // a sketch's CDF is off by up to its rank error: the test sees only the gap beyond that slack, so
            // that sketch noise on a million rows is not mistaken for a significant change
            double slack = rankError(ref) + rankError(cur);
            pValue = Statistics.ksAsymptoticP(Math.max(0, d - slack), n, m);
            remarks.add("from sketches" + (slack > 0 ? " (the p-value allows for a rank error of "
                    + percent(slack) + ")" : ""));
        }

        // an exhaustive switch expression: a new method does not compile until it says how it scores here
        final double ksP = pValue;
        final DriftMethod chosen = method;
        Scored scored = switch (method) {
            case KS -> new Scored(d, ksP);
            case WASSERSTEIN -> new Scored((exact ? Statistics.wasserstein(x, y)
                    : Statistics.wassersteinFromQuantiles(
                            ref.quantiles(Statistics.midpointRanks(WASSERSTEIN_RANKS)),
                            cur.quantiles(Statistics.midpointRanks(WASSERSTEIN_RANKS)))) / ref.std(), ksP);
            case PSI, JENSEN_SHANNON, HELLINGER, KULLBACK_LEIBLER, TOTAL_VARIATION -> {
                double[] edges = Statistics.distinctSorted(ref.quantiles(decileRanks()));
                double[] refShares = exact ? toDoubles(Statistics.binCounts(x, edges))
                        : Statistics.binSharesFromCdf(ref.cdf(edges));
                double[] curShares = exact ? toDoubles(Statistics.binCounts(y, edges))
                        : Statistics.binSharesFromCdf(cur.cdf(edges));
                yield new Scored(shareScore(chosen, refShares, curShares), ksP);
            }
            case ENERGY -> new Scored(Statistics.energyDistance(gaps(ref, cur, x, y, n, m)) / Math.sqrt(ref.std()),
                    ksP);
            case CRAMER_VON_MISES -> {
                remarks.add("p-value of the Cramér–von Mises test (" + (exact
                        && Math.max(n, m) <= Statistics.CVM_EXACT_MAX ? "exact" : "asymptotic") + ")");
                yield new Scored(Statistics.cramerVonMisesDistance(gaps(ref, cur, x, y, n, m)),
                        exact ? Statistics.cramerVonMises(x, y).pValue() : sketchTestP(true, ref, cur, n, m));
            }
            case ANDERSON_DARLING -> {
                remarks.add("p-value of the Anderson–Darling test, interpolated in its table (between "
                        + number(Statistics.AD_P_FLOOR) + " and " + number(Statistics.AD_P_CAP) + ")");
                yield new Scored(Statistics.andersonDarlingDistance(gaps(ref, cur, x, y, n, m)),
                        exact ? Statistics.andersonDarling(x, y).pValue() : sketchTestP(false, ref, cur, n, m));
            }
            // column() refuses them for numeric columns before this point
            case CHI_SQUARE, L_INFINITY ->
                    throw new IllegalStateException("Method " + chosen.label() + " reached the numeric path");
        };
        double score = scored.score();
        pValue = scored.pValue();
        if (nonFinite != null) {
            remarks.add(nonFinite);
        }
        return new Outcome(method, score, threshold, pValue, exact, remarks);
    }

    /** A score with the p-value that goes with it. */
    private record Scored(double score, double pValue) {
    }

    /**
     * The CDF gaps at the pooled values: exact from the kept values, else on the merged quantile grid of the
     * sketches (the score is their best estimate; the p-value shrinks the gaps by the rank error, see
     * {@link #sketchTestP}).
     */
    private static Statistics.CdfGaps gaps(final NumericSummary ref, final NumericSummary cur, final double[] x,
            final double[] y, final long n, final long m) {
        if (x != null) {
            return Statistics.cdfGaps(x, y);
        }
        double[] grid = mergedQuantiles(ref, cur);
        return Statistics.cdfGaps(grid, ref.cdf(grid), cur.cdf(grid), n, m, 0);
    }

    /** A numeric-path share score (over the reference's decile bins). */
    private static double shareScore(final DriftMethod method, final double[] ref, final double[] cur) {
        return switch (method) {
            case PSI -> Statistics.psiFromShares(ref, cur);
            case JENSEN_SHANNON -> Statistics.jensenShannon(ref, cur);
            case HELLINGER -> Statistics.hellinger(ref, cur);
            case KULLBACK_LEIBLER -> Statistics.kullbackLeibler(ref, cur);
            case TOTAL_VARIATION -> Statistics.totalVariation(ref, cur);
            case L_INFINITY -> Statistics.lInfinity(ref, cur);
            case KS, CHI_SQUARE, WASSERSTEIN, CRAMER_VON_MISES, ANDERSON_DARLING, ENERGY ->
                    throw new IllegalStateException(method.label() + " is not a score over shares");
        };
    }

    /**
     * The Cramér–von Mises or Anderson–Darling p-value from two sketches: the test statistic rebuilt from the
     * CDF gaps on the merged quantile grid, each gap first shrunk by the sketches' rank error (as for KS).
     */
    private static double sketchTestP(final boolean cvm, final NumericSummary ref, final NumericSummary cur,
            final long n, final long m) {
        double[] grid = mergedQuantiles(ref, cur);
        Statistics.CdfGaps gaps = Statistics.cdfGaps(grid, ref.cdf(grid), cur.cdf(grid), n, m,
                rankError(ref) + rankError(cur));
        double total = (double) n + m;
        double scale = (double) n * m / total;
        if (cvm) {
            double omega = Statistics.cramerVonMisesDistance(gaps);
            return Statistics.cramerVonMisesP(scale * omega * omega, n, m);
        }
        double distance = Statistics.andersonDarlingDistance(gaps);
        double a2 = (total - 1) / total * scale * distance * distance;
        return Statistics.andersonDarlingP(Statistics.andersonDarlingStandardised(a2, n, m));
    }

    /** The sorted, distinct quantiles of both sides at evenly spaced ranks from 0 to 1 (minimum and maximum included). */
    private static double[] mergedQuantiles(final NumericSummary ref, final NumericSummary cur) {
        double[] ranks = new double[GRID_RANKS];
        for (int i = 0; i < GRID_RANKS; i++) {
            ranks[i] = (double) i / (GRID_RANKS - 1);
        }
        double[] a = ref.quantiles(ranks);
        double[] b = cur.quantiles(ranks);
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return Statistics.distinctSorted(all);
    }

    private static double[] decileRanks() {
        double[] ranks = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            ranks[i - 1] = (double) i / BINS;
        }
        return ranks;
    }

    /** The sketch's normalised rank error (its 99% bound), or 0 when the CDF is exact. */
    private static double rankError(final NumericSummary summary) {
        return summary.rankError();
    }

    /** The summary of a numeric column, which always has one. */
    private static NumericSummary numeric(final ColumnProfile column) {
        return Objects.requireNonNull(column.numeric(), "a numeric column's summary");
    }

    /** The counts of a categorical or boolean column, which always has them. */
    private static CategorySummary categories(final ColumnProfile column) {
        return Objects.requireNonNull(column.categories(), "a categorical column's counts");
    }

    private static long nonFiniteCount(final NumericSummary summary) {
        return summary.nan() + summary.positiveInfinity() + summary.negativeInfinity();
    }

    @CheckForNull
    private static String nonFinite(final NumericSummary ref, final NumericSummary cur) {
        long refCount = nonFiniteCount(ref);
        long curCount = nonFiniteCount(cur);
        if (refCount == 0 && curCount == 0) {
            return null;
        }
        return "non-finite values left out of the test: reference " + nonFiniteCounts(ref) + ", current "
                + nonFiniteCounts(cur);
    }

    private static String nonFiniteCounts(final NumericSummary summary) {
        return summary.nan() + " NaN, " + summary.positiveInfinity() + " +Infinity, " + summary.negativeInfinity()
                + " -Infinity";
    }

    // ------------------------------------------------------------------------------------------ categorical

    /** The aligned 2 x k table of a categorical or boolean column. */
    record Table(List<String> levels, long[] reference, long[] current, int pooled) {
    }

    private static Outcome categorical(final ColumnProfile refColumn, final ColumnProfile curColumn,
            final DriftOptions.ColumnOptions settings, final boolean pool) {
        Table table = align(categories(refColumn), categories(curColumn), pool);
        long n = Arrays.stream(table.reference()).sum();
        long m = Arrays.stream(table.current()).sum();
        DriftMethod override = settings.method();
        DriftMethod method = override != null ? override : defaultMethod(refColumn.type(), Math.min(n, m));
        Double floor = settings.threshold();
        double threshold = floor != null ? floor : defaultThreshold(method);
        List<String> remarks = new ArrayList<>();
        if (n == 0 || m == 0) {
            remarks.add("no values in the " + (n == 0 ? "reference" : "current data")
                    + ": no distribution test, only the missing rate is compared");
            return new Outcome(method, 0, threshold, null, true, remarks);
        }
        Statistics.ChiSquare chi = Statistics.chiSquare(table.reference(), table.current());
        double[] p = toDoubles(table.reference());
        double[] q = toDoubles(table.current());
        double score = switch (method) {
            case CHI_SQUARE -> chi.cramersV();
            case PSI, JENSEN_SHANNON, HELLINGER, KULLBACK_LEIBLER, TOTAL_VARIATION, L_INFINITY ->
                    shareScore(method, p, q);
            // column() refuses them for categorical and boolean columns before this point
            case KS, WASSERSTEIN, CRAMER_VON_MISES, ANDERSON_DARLING, ENERGY ->
                    throw new IllegalStateException("Method " + method.label() + " reached the categorical path");
        };
        if (table.pooled() > 0) {
            remarks.add(table.pooled() + " rare " + (table.pooled() == 1 ? "level" : "levels") + " pooled into '"
                    + OTHER + "'");
        }
        if (chi.dof() == 0) {
            remarks.add("a single level to compare");
        }
        return new Outcome(method, score, threshold, chi.pValue(), true, remarks);
    }

    /**
     * Aligns the two category summaries by value. A value is compared by name only when its count is known on
     * both sides: it is in that side's top list, or that side's list is complete (no {@code other}), so its
     * count there is really 0. Otherwise its known count joins the {@code other} level on both sides, since
     * the other side's count of it is hidden in its own {@code other}. Then, when pooling, every level whose
     * expected count under the pooled share is below 5 in either sample joins {@code other} too.
     */
    static Table align(final CategorySummary ref, final CategorySummary cur, final boolean pool) {
        Map<String, Long> refTop = counts(ref);
        Map<String, Long> curTop = counts(cur);
        long refOther = ref.other();
        long curOther = cur.other();
        boolean refComplete = refOther == 0;
        boolean curComplete = curOther == 0;
        Set<String> values = new LinkedHashSet<>(refTop.keySet());
        values.addAll(curTop.keySet());
        List<String> levels = new ArrayList<>();
        List<long[]> pairs = new ArrayList<>();
        for (String value : values) {
            Long r = refTop.get(value);
            Long c = curTop.get(value);
            if ((r != null || refComplete) && (c != null || curComplete)) {
                levels.add(value);
                pairs.add(new long[] {r == null ? 0 : r, c == null ? 0 : c});
            } else {
                refOther += r == null ? 0 : r;
                curOther += c == null ? 0 : c;
            }
        }
        int pooled = 0;
        if (pool) {
            long refTotal = refOther + pairs.stream().mapToLong(pair -> pair[0]).sum();
            long curTotal = curOther + pairs.stream().mapToLong(pair -> pair[1]).sum();
            double smaller = Math.min(refTotal, curTotal);
            double total = (double) refTotal + curTotal;
            for (int i = pairs.size() - 1; i >= 0; i--) {
                long[] pair = pairs.get(i);
                if (total > 0 && smaller * (pair[0] + pair[1]) / total < MIN_EXPECTED) {
                    refOther += pair[0];
                    curOther += pair[1];
                    pairs.remove(i);
                    levels.remove(i);
                    pooled++;
                }
            }
        }
        int k = pairs.size() + (refOther + curOther > 0 ? 1 : 0);
        long[] refCounts = new long[k];
        long[] curCounts = new long[k];
        for (int i = 0; i < pairs.size(); i++) {
            refCounts[i] = pairs.get(i)[0];
            curCounts[i] = pairs.get(i)[1];
        }
        List<String> names = new ArrayList<>(levels);
        if (refOther + curOther > 0) {
            refCounts[k - 1] = refOther;
            curCounts[k - 1] = curOther;
            names.add(OTHER);
        }
        return new Table(names, refCounts, curCounts, pooled);
    }

    private static Map<String, Long> counts(final CategorySummary summary) {
        Map<String, Long> out = new HashMap<>();
        for (CategorySummary.Count count : summary.top()) {
            out.merge(count.value(), count.count(), Long::sum);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ text

    private static double[] toDoubles(final long[] counts) {
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i];
        }
        return out;
    }

    private static String number(final double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String pText(final double p) {
        return p == 0 ? "p<1e-300" : String.format(Locale.ROOT, "p=%.2g", p);
    }

    private static String percent(final double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
