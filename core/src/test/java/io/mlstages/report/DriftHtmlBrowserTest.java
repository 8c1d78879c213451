package io.mlstages.report;

import io.mlstages.data.ReadOptions;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The HTML drift report in a real browser: headless Debian Chromium driven through {@code /usr/bin/chromedriver}.
 * Nothing is downloaded: the driver and the browser are given by path, so Selenium Manager is never asked.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); fails
 * saying so when they are missing, and skips when {@code MLSTAGES_SKIP_BROWSER=1}. Screenshots and the pages are
 * kept in {@code core/target/screenshots/}.</p>
 */
class DriftHtmlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ARTIFACTS = Path.of("target", "screenshots");
    private static final Path DATASETS = Path.of("..", "test-resources", "datasets");

    private static ChromeDriver driver;
    private static ChromeDriverService service;
    private static Path userData;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeFalse("1".equals(System.getenv("MLSTAGES_SKIP_BROWSER")), "MLSTAGES_SKIP_BROWSER=1: browser test skipped");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The HTML report's browser test needs Chromium at " + CHROMIUM + " and ChromeDriver at " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver, as .ci/run does); set"
                    + " MLSTAGES_SKIP_BROWSER=1 to skip it");
        }
        // Selenium warns that it has no DevTools bindings for this Chromium; ChromeDriver needs none
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        // given by path, so that Selenium Manager is never consulted (it would look for, and download, drivers)
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        userData = Files.createTempDirectory("mlstages-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + userData.toAbsolutePath(),
                "--window-size=1200,1000", "--lang=en-US");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (userData != null) {
            try (Stream<Path> files = Files.walk(userData)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void shouldRenderTheVerdictAndTheDriftedColumnsOfARealComparison() throws IOException {
        Profile reference = profile(DATASETS.resolve("seattle-weather-2012.csv"));
        Profile current = profile(DATASETS.resolve("seattle-weather-2015.csv"));
        DriftReport report = DriftDetector.compare(reference, current, DriftOptions.defaults());
        Path page = ARTIFACTS.resolve("drift-report.html");
        DriftHtml.write(report, reference, current, page,
                new DriftHtml.Incident("INC-0001", "open", "medium", "3 of 5 feature columns drifted"));

        open(page);

        assertThat(driver.getTitle()).startsWith("Dataset drift");
        assertThat(driver.findElement(By.id("verdict-text")).getText()).isEqualTo("Dataset drift");
        assertThat(driver.findElement(By.id("verdict")).getText()).contains("3 of 5 feature columns drifted",
                "seattle-weather-2012.csv", "seattle-weather-2015.csv");
        assertThat(driver.findElement(By.id("incident")).getText()).contains("INC-0001", "open", "medium");
        // the weather label and the warmer temperatures drifted (see RealDataDriftTest), most drifted first
        assertThat(texts("section.column.drifted .name")).containsExactly("weather", "temp_max", "temp_min");
        assertThat(texts("section.column .name")).hasSize(report.columns().size())
                .containsExactly(DriftHtml.ordered(report.columns()).stream().map(ColumnDrift::name)
                        .toArray(String[]::new));
        // one drawn chart per compared column, with bars that have a size on screen
        List<WebElement> charts = driver.findElements(By.cssSelector("section.column svg.chart"));
        assertThat(charts).hasSize(5);
        for (WebElement chart : charts) {
            assertThat(chart.getSize().getHeight()).isGreaterThan(50);
            assertThat(chart.findElements(By.tagName("rect")).stream().filter(r -> r.getSize().getHeight() > 0))
                    .hasSizeGreaterThan(4);
        }
        // the style element was applied, so its hash in the page's own policy is right
        assertThat(driver.findElement(By.id("verdict")).getCssValue("background-color"))
                .isEqualTo("rgba(253, 236, 234, 1)");
        screenshot("drift-report.png");
    }

    @Test
    void shouldShowAHostileColumnNameAsTextAndRunNothing(@TempDir final Path dir) throws Exception {
        DriftHtmlTest.Crafted data = DriftHtmlTest.crafted(dir);
        Path page = ARTIFACTS.resolve("drift-report-hostile.html");
        DriftHtml.write(data.report(), data.reference(), data.current(), page,
                new DriftHtml.Incident("<script>alert(3)</script>", "open", "high", null));

        open(page);

        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(texts("section.column.drifted .name")).contains(DriftHtmlTest.HOSTILE).doesNotContain("stable");
        assertThat(driver.findElement(By.id("incident")).getText()).contains("<script>alert(3)</script>");
        assertThat(driver.findElement(By.id("verdict-text")).getText())
                .isEqualTo(data.report().datasetDrift() ? "Dataset drift" : "No dataset drift");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains(DriftHtmlTest.HOSTILE);
        screenshot("drift-report-hostile.png");
    }

    @Test
    void shouldStayReadableWhenAPolicyBlocksTheStyleElement() throws Exception {
        DriftHtmlTest.Crafted data = DriftHtmlTest.crafted(null);
        String html = DriftHtml.toHtml(data.report(), data.reference(), data.current(), null);
        // as under Jenkins' default policy (style-src 'self'), which allows no inline style element
        String blocked = html.replace("style-src " + io.mlstages.model.Html.escape(DriftHtml.STYLE_HASH), "style-src 'none'");
        assertThat(blocked).isNotEqualTo(html);
        Path page = ARTIFACTS.resolve("drift-report-no-style.html");
        Files.createDirectories(ARTIFACTS);
        Files.writeString(page, blocked);

        open(page);

        assertThat(driver.findElement(By.id("verdict")).getCssValue("background-color"))
                .as("the style element is blocked").isEqualTo("rgba(0, 0, 0, 0)");
        assertThat(driver.findElement(By.id("verdict-text")).getText()).isEqualTo("Dataset drift");
        assertThat(texts("section.column.drifted .name")).contains(DriftHtmlTest.HOSTILE);
        // the charts keep their size and colours: those are SVG attributes, which no policy blocks
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(3);
        for (WebElement chart : charts) {
            assertThat(chart.getSize().getWidth()).isGreaterThan(300);
            WebElement bar = chart.findElement(By.cssSelector("rect"));
            assertThat(bar.getCssValue("fill")).isIn("rgb(76, 120, 168)", "rgb(245, 133, 24)");
        }
        screenshot("drift-report-no-style.png");
    }

    private static Profile profile(final Path file) {
        assertThat(file).as("bundled data set").isRegularFile();
        return Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
    }

    private static void open(final Path page) {
        driver.get(page.toAbsolutePath().toUri().toString());
    }

    private static List<String> texts(final String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** The whole page, not only the window: Chromium's own capture, through ChromeDriver. */
    private static void screenshot(final String name) throws IOException {
        Files.createDirectories(ARTIFACTS);
        byte[] png;
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = ((Number) size.get("height")).doubleValue();
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        }
        catch (RuntimeException e) {
            // an older driver without the command: the window's view is still worth keeping
            driver.manage().window().setSize(new Dimension(1200, 3000));
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Path file = ARTIFACTS.resolve(name);
        Files.write(file, png);
        assertThat(png.length).as(file + " size").isGreaterThan(10_000);
    }
}
