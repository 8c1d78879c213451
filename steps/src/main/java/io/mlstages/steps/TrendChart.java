package io.mlstages.steps;

import java.util.List;

/**
 * The job page's drift trend: an inline SVG of the drift share over recent builds, drawn on the server so that
 * the page needs no script (Jenkins may enforce a Content-Security-Policy). Every text in it is escaped.
 */
public final class TrendChart {
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
    }

    /** The SVG element (oldest build first), or an empty string when there are no points. */
    public static String svg(final List<Point> points, final double threshold) {
        throw new UnsupportedOperationException("not yet");
    }
}
