package io.mlstages.report;

import io.mlstages.data.ColumnType;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.profile.CategorySummary;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The HTML drift report: escaping, ordering, the histogram figures, and nothing that a strict CSP would block. */
class DriftHtmlTest {
    static final String HOSTILE = "<script>alert(1)</script>";

    @Test
    void shouldShowEveryStringFromDataEscapedAndNeverRaw() {
        String nasty = HOSTILE + "\"'&\u0007";
        DriftReport report = new DriftReport(DriftReport.SCHEMA_VERSION, "<b>ref</b>.csv", "cur&.csv", 10, 10,
                true, 1.0, 0.5, List.of(new ColumnDrift(nasty, ColumnType.NUMERIC, Role.FEATURE, DriftMethod.KS,
                        0.5, 0.1, 1e-6, 0.05, true, 10, 10, 0, 0, false, true, "note <i>" + HOSTILE)));

        String html = DriftHtml.toHtml(report, null, null,
                new DriftHtml.Incident("INC-<1>", "open", "high & rising", HOSTILE));

        assertThat(html).doesNotContain(HOSTILE, "<b>ref", "<i>", "\u0007", "INC-<1>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\uFFFD", "&lt;b&gt;ref&lt;/b&gt;.csv",
                        "cur&amp;.csv", "INC-&lt;1&gt;", "high &amp; rising");
        assertThat(html.toLowerCase()).doesNotContain("<script");
        assertThat(html).contains("No histogram").doesNotContain("<svg");
    }

    @Test
    void shouldContainNothingThatAStrictContentSecurityPolicyBlocks(@TempDir final Path dir) throws Exception {
        Crafted data = crafted(dir);
        String html = DriftHtml.toHtml(data.report, data.reference, data.current, null);
        String lower = html.toLowerCase();

        assertThat(lower).doesNotContain("<script", "javascript:", "<link", "<img", "<iframe", "@import", "url(");
        // data may spell " onerror=" as text (escaped); inside a real tag no handler or style attribute may appear
        Matcher tags = Pattern.compile("<[^>]*>").matcher(lower);
        int count = 0;
        while (tags.find()) {
            assertThat(tags.group()).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain(" style=");
            count++;
        }
        assertThat(count).isGreaterThan(100);
        // the only addresses are the SVG namespace (a name, never fetched) and links within the page
        Matcher urls = Pattern.compile("(?:href|src|xmlns)=\"([^\"]*)\"").matcher(html);
        while (urls.find()) {
            assertThat(urls.group(1)).matches("#col-\\d+|http://www\\.w3\\.org/2000/svg");
        }
        assertThat(Pattern.compile("<style>").matcher(html).results().count()).isEqualTo(1);
    }

    @Test
    void shouldDeclareItsOwnPolicyAllowingTheStyleElementByItsHash() throws Exception {
        String html = DriftHtml.toHtml(crafted(null).report, null, null, null);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));

        assertThat(DriftHtml.STYLE_HASH).isEqualTo("'sha256-" + hash + "'");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                + "style-src &#39;sha256-" + hash + "&#39;;");
    }

    @Test
    void shouldQuoteTheCurrentStyleHashInTheDocumentation() throws Exception {
        Path docs = Path.of("..", "docs", "reports.md");
        assertThat(docs).as("docs/reports.md, which tells Jenkins admins the policy to set").isRegularFile();

        assertThat(Files.readString(docs)).contains("style-src 'self' " + DriftHtml.STYLE_HASH + ";");
    }

    @Test
    void shouldOrderDriftedColumnsFirstThenByScoreRelativeToThreshold() {
        List<ColumnDrift> ordered = DriftHtml.ordered(List.of(
                column("quiet", false, 0.01, 0.1), column("id", Role.IDENTIFIER, false, Double.NaN, 0.1),
                column("close", false, 0.09, 0.1), column("big", true, 0.5, 0.1),
                column("bigger-relative", true, 0.3, 0.05), column("unscored", false, Double.NaN, 0.1)));

        assertThat(ordered).extracting(ColumnDrift::name)
                .containsExactly("bigger-relative", "big", "close", "quiet", "unscored", "id");
    }

    @Test
    void shouldBinBothSidesOnCommonEdgesWithSharesMatchingACountOfTheValues(@TempDir final Path dir)
            throws Exception {
        Crafted data = crafted(dir);
        NumericSummary reference = data.reference.column(HOSTILE).orElseThrow().numeric();
        NumericSummary current = data.current.column(HOSTILE).orElseThrow().numeric();

        DriftHtml.NumericBins bins = DriftHtml.NumericBins.of(reference, current);

        assertThat(bins.edges()).hasSize(DriftHtml.NUMERIC_BINS + 1);
        assertThat(bins.edges()[0]).isEqualTo(Math.min(reference.min(), current.min()));
        assertThat(bins.edges()[DriftHtml.NUMERIC_BINS]).isEqualTo(Math.max(reference.max(), current.max()));
        assertThat(Arrays.stream(bins.reference()).sum()).isCloseTo(1, within(1e-12));
        assertThat(Arrays.stream(bins.current()).sum()).isCloseTo(1, within(1e-12));
        // count the raw values into the same bins, (lower, upper], the first bin closed
        for (int b = 0; b < DriftHtml.NUMERIC_BINS; b++) {
            double lower = bins.edges()[b];
            double upper = bins.edges()[b + 1];
            boolean first = b == 0;
            long inBin = Arrays.stream(data.currentValues)
                    .filter(v -> (first ? v >= lower : v > lower) && v <= upper).count();
            assertThat(bins.current()[b]).as("bin " + b).isCloseTo((double) inBin / data.currentValues.length,
                    within(1e-12));
        }
        // the current side is shifted right: its mass sits in higher bins than the reference's
        assertThat(meanBin(bins.current())).isGreaterThan(meanBin(bins.reference()) + 3);
    }

    @Test
    void shouldBinFromTheSketchesWhenTheValuesAreNotKept(@TempDir final Path dir) throws Exception {
        Crafted data = crafted(dir);
        ProfileSettings sketchOnly = new ProfileSettings(ProfileSettings.DEFAULT_SKETCH_K, ProfileSettings.DEFAULT_BINS,
                ProfileSettings.DEFAULT_TOP_K, 0);
        Profile reference = Profiles.of(dir.resolve("crafted-reference.csv"), ReadOptions.defaults(), sketchOnly);
        Profile current = Profiles.of(dir.resolve("crafted-current.csv"), ReadOptions.defaults(), sketchOnly);
        assertThat(current.column(HOSTILE).orElseThrow().numeric().isExact()).isFalse();

        DriftHtml.NumericBins sketched = DriftHtml.NumericBins.of(reference.column(HOSTILE).orElseThrow().numeric(),
                current.column(HOSTILE).orElseThrow().numeric());
        DriftHtml.NumericBins exact = DriftHtml.NumericBins.of(data.reference.column(HOSTILE).orElseThrow().numeric(),
                data.current.column(HOSTILE).orElseThrow().numeric());

        assertThat(sketched.edges()).containsExactly(exact.edges());
        // 600 values fit in a KLL sketch of k=2000 without compaction, so the sketch answers exactly
        assertThat(sketched.current()).containsExactly(exact.current(), within(1e-12));
        assertThat(sketched.reference()).containsExactly(exact.reference(), within(1e-12));
    }

    @Test
    void shouldPutFarOutliersIntoTheEndBinsRatherThanFlattenTheChart() {
        double[] body = new double[1000];
        for (int i = 0; i < body.length; i++) {
            body[i] = i / 100.0;
        }
        double[] withOutlier = Arrays.copyOf(body, body.length + 1);
        withOutlier[body.length] = 1e6;
        NumericSummary reference = summary(body);
        NumericSummary current = summary(withOutlier);

        DriftHtml.NumericBins bins = DriftHtml.NumericBins.of(reference, current);

        assertThat(bins.clipped()).isTrue();
        assertThat(bins.edges()[DriftHtml.NUMERIC_BINS]).isLessThan(11);
        assertThat(Arrays.stream(bins.current()).max().orElseThrow()).isLessThan(0.1);
        assertThat(Arrays.stream(bins.current()).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldListTheLargestCategoriesOfEitherSideThenPoolTheRestAsOther() {
        List<CategorySummary.Count> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(new CategorySummary.Count("c" + i, 20 - i));
        }
        CategorySummary reference = new CategorySummary(many, 0, 20);
        CategorySummary current = new CategorySummary(List.of(new CategorySummary.Count("new", 500),
                new CategorySummary.Count("c0", 500)), 0, 2);

        List<DriftHtml.CategoryShare> shares = DriftHtml.categoryShares(reference, current);

        assertThat(shares).hasSize(DriftHtml.MAX_CATEGORIES + 1);
        assertThat(shares.get(0).value()).isEqualTo("c0");
        assertThat(shares.get(1).value()).isEqualTo("new");
        assertThat(shares.get(1).reference()).isZero();
        assertThat(shares.get(1).current()).isEqualTo(0.5);
        DriftHtml.CategoryShare other = shares.get(shares.size() - 1);
        assertThat(other.other()).isTrue();
        assertThat(shares.stream().mapToDouble(DriftHtml.CategoryShare::reference).sum()).isCloseTo(1, within(1e-12));
        assertThat(shares.stream().mapToDouble(DriftHtml.CategoryShare::current).sum()).isCloseTo(1, within(1e-12));
        assertThat(other.current()).isZero();
    }

    @Test
    void shouldWriteTheFileAtomicallyWithOneSectionPerColumn(@TempDir final Path dir) throws Exception {
        Crafted data = crafted(dir);
        Path file = dir.resolve("reports/drift.html");

        DriftHtml.write(data.report, data.reference, data.current, file);

        String html = Files.readString(file);
        assertThat(Pattern.compile("<section class=\"column").matcher(html).results().count())
                .isEqualTo(data.report.columns().size());
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains("Dataset drift", "&lt;img src=x onerror=alert(2)&gt;");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    private static double meanBin(final double[] shares) {
        double mean = 0;
        for (int i = 0; i < shares.length; i++) {
            mean += i * shares[i];
        }
        return mean;
    }

    private static NumericSummary summary(final double[] values) {
        StringBuilder csv = new StringBuilder("x\n");
        for (double value : values) {
            csv.append(value).append('\n');
        }
        try {
            Path file = Files.createTempFile("values", ".csv");
            try {
                Files.writeString(file, csv);
                return Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults()).columns().get(0)
                        .numeric();
            }
            finally {
                Files.delete(file);
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ColumnDrift column(final String name, final boolean drift, final double score,
            final double threshold) {
        return column(name, Role.FEATURE, drift, score, threshold);
    }

    private static ColumnDrift column(final String name, final Role role, final boolean drift, final double score,
            final double threshold) {
        return new ColumnDrift(name, ColumnType.NUMERIC, role, DriftMethod.KS, score, threshold, 0.01, 0.05, drift,
                100, 100, 0, 0, false, true, null);
    }

    /** Profiles and report of the crafted data set. */
    record Crafted(DriftReport report, Profile reference, Profile current, double[] currentValues) {
    }

    /**
     * A data set whose column named {@code <script>alert(1)</script>} drifts (shifted by one standard
     * deviation), a column that does not, and a categorical column with a hostile value and a changed mix.
     */
    static Crafted crafted(final Path dir) throws Exception {
        Path where = dir != null ? dir : Files.createTempDirectory("crafted");
        Random random = new Random(42);
        int rows = 600;
        double[] currentValues = new double[rows];
        StringBuilder reference = new StringBuilder(HOSTILE + ",stable,colour\n");
        StringBuilder current = new StringBuilder(HOSTILE + ",stable,colour\n");
        String hostileValue = "<img src=x onerror=alert(2)>";
        for (int i = 0; i < rows; i++) {
            reference.append(10 + random.nextGaussian()).append(',').append(random.nextGaussian()).append(',')
                    .append(i % 3 == 0 ? hostileValue : i % 3 == 1 ? "red" : "blue").append('\n');
            currentValues[i] = 11 + random.nextGaussian();
            current.append(currentValues[i]).append(',').append(random.nextGaussian()).append(',')
                    .append(i % 2 == 0 ? hostileValue : "green").append('\n');
        }
        Path referenceFile = where.resolve("crafted-reference.csv");
        Path currentFile = where.resolve("crafted-current.csv");
        Files.writeString(referenceFile, reference);
        Files.writeString(currentFile, current);
        Profile referenceProfile = Profiles.of(referenceFile, ReadOptions.defaults(), ProfileSettings.defaults());
        Profile currentProfile = Profiles.of(currentFile, ReadOptions.defaults(), ProfileSettings.defaults());
        return new Crafted(DriftDetector.compare(referenceProfile, currentProfile, DriftOptions.defaults()),
                referenceProfile, currentProfile, currentValues);
    }
}
