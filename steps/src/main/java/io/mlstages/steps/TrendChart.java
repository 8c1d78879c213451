package io.mlstages.steps;

import static io.mlstages.model.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The job page's drift trend: an inline SVG of the drift share over recent builds, drawn on the server so that
 * the page needs no script (Jenkins may enforce a Content-Security-Policy). Every text in it is escaped, and it
 * uses presentation attributes only (no {@code style}), which such a policy allows.
 */
public final class TrendChart {
    /** The drawing's size in SVG units; it scales to its container. */
    static final int WIDTH = 600;
    static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;
    /** Builds are labelled below the axis at most this often, so that labels never overlap. */
    private static final int MAX_LABELS = 12;
    private static final String CLEAN = "#3465a4";
    private static final String DRIFT = "#cc0000";

    private TrendChart() {
    }

    /**
     * One build's point.
     *
     * @param label      the build's display name (e.g. {@code #42}), escaped when drawn
     * @param driftShare between 0 and 1
     * @param drift      whether the build found dataset drift (drawn in another colour)
     */
    public record Point(String label, double driftShare, boolean drift) {
        public Point {
            Objects.requireNonNull(label, "label");
            if (!(driftShare >= 0 && driftShare <= 1)) {
                throw new IllegalArgumentException("The drift share of " + label + " must be between 0 and 1, not "
                        + driftShare);
            }
        }
    }

    /** The SVG element (oldest build first), or an empty string when there are no points. */
    public static String svg(final List<Point> points, final double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("The drift share threshold must be between 0 and 1, not " + threshold);
        }
        if (points == null || points.isEmpty()) {
            return "";
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(1024 + 256 * points.size());
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Drift share by build\" font-family=\"sans-serif\""
                        + " font-size=\"11\">\n");
        svg.append("<title>Drift share of the last ").append(points.size()).append(" builds</title>\n");
        // axes and the horizontal grid: 0%, 50%, 100%
        for (int percent = 0; percent <= 100; percent += 50) {
            double y = y(percent / 100.0, plotHeight);
            svg.append(line(LEFT, y, LEFT + plotWidth, y, "#dddddd", null));
            svg.append(text(LEFT - 6, y + 4, "end", "#555555", percent + "%"));
        }
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#888888", null));
        double t = y(threshold, plotHeight);
        svg.append(line(LEFT, t, LEFT + plotWidth, t, DRIFT, "6 4"));
        svg.append(text(LEFT + plotWidth, t - 4, "end", DRIFT, "threshold " + Math.round(threshold * 100) + "%"));

        double step = points.size() == 1 ? 0 : (double) plotWidth / (points.size() - 1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            path.append(i == 0 ? "" : " ").append(number(x(i, step, plotWidth, points.size()))).append(',')
                    .append(number(y(points.get(i).driftShare(), plotHeight)));
        }
        if (points.size() > 1) {
            svg.append("<polyline points=\"").append(path).append("\" fill=\"none\" stroke=\"").append(CLEAN)
                    .append("\" stroke-width=\"2\"/>\n");
        }
        int every = Math.max(1, (int) Math.ceil(points.size() / (double) MAX_LABELS));
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            double x = x(i, step, plotWidth, points.size());
            double y = y(point.driftShare(), plotHeight);
            svg.append("<circle cx=\"").append(number(x)).append("\" cy=\"").append(number(y))
                    .append("\" r=\"4\" fill=\"").append(point.drift() ? DRIFT : CLEAN).append("\">")
                    .append("<title>").append(escape(point.label())).append(": ")
                    .append(Math.round(point.driftShare() * 100)).append('%')
                    .append(point.drift() ? ", drift" : "").append("</title></circle>\n");
            if (i % every == 0 || i == points.size() - 1) {
                svg.append(text(x, TOP + plotHeight + 16, "middle", "#555555", point.label()));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(final int i, final double step, final int plotWidth, final int count) {
        return count == 1 ? LEFT + plotWidth / 2.0 : LEFT + i * step;
    }

    private static double y(final double share, final int plotHeight) {
        return TOP + (1 - share) * plotHeight;
    }

    private static String line(final double x1, final double y1, final double x2, final double y2,
            final String stroke, final String dash) {
        return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\""
                + number(y2) + "\" stroke=\"" + stroke + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash
                + "\"") + "/>\n";
    }

    private static String text(final double x, final double y, final String anchor, final String fill,
            final String content) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + fill
                + "\">" + escape(content) + "</text>\n";
    }

    private static String number(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
