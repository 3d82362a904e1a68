package org.nabla.viz;

import org.nabla.viz.Painter.Anchor;

/**
 * The plot area of a chart with its two axes: where the frame is, how a data value maps to a pixel,
 * and the drawing of grid, frame, ticks, tick labels, axis labels and title.
 *
 * <p>A value v on an axis with ticks [lo, hi] is at fraction f(v) = (v − lo)/(hi − lo) of the axis
 * (linear) or (log₁₀ v − log₁₀ lo)/(log₁₀ hi − log₁₀ lo) (logarithmic); x grows to the right from the
 * left edge, y grows upwards from the bottom edge.
 */
final class Axes {
    static final double TICK_FONT = 11;
    static final double LABEL_FONT = 12;
    static final double TITLE_FONT = 14;
    static final int GRID = 0xe6e6e6;
    static final int FRAME = 0x444444;

    final double left;
    final double top;
    final double right;
    final double bottom;
    final Ticks x;
    final Ticks y;
    final boolean logX;
    final boolean logY;

    private Axes(Ticks x, boolean logX, Ticks y, boolean logY, double left, double top, double right, double bottom) {
        this.x = x;
        this.y = y;
        this.logX = logX;
        this.logY = logY;
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
    }

    /** Ticks for the values of one axis: linear (Heckbert) or logarithmic, [0, 1] or [1, 10] when empty. */
    static Ticks ticks(double min, double max, boolean log, int count) {
        if (!(max >= min)) {
            return log ? Ticks.logarithmic(1, 10, count) : Ticks.linear(0, 1, count);
        }
        return log ? Ticks.logarithmic(min, max, count) : Ticks.linear(min, max, count);
    }

    /** The plot area of chart {@code c} with {@code reserveRight} pixels kept free on the right. */
    static Axes layout(Chart<?> c, Ticks x, boolean logX, Ticks y, boolean logY, double reserveRight) {
        double tickWidth = 0;
        for (String s : y.labels()) {
            tickWidth = Math.max(tickWidth, Painter.textWidth(s, TICK_FONT));
        }
        String[] xl = x.labels();
        double lastHalf = xl.length == 0 ? 0 : Painter.textWidth(xl[xl.length - 1], TICK_FONT) / 2;
        double left = 6 + (c.yLabel.isEmpty() ? 0 : 18) + tickWidth + 8;
        double top = c.title.isEmpty() ? 12 : 32;
        double right = c.width - Math.max(14, lastHalf + 4) - reserveRight;
        double bottom = c.height - (8 + 16 + (c.xLabel.isEmpty() ? 0 : 18));
        return new Axes(x, logX, y, logY, Math.round(left), top, Math.round(right), bottom);
    }

    static double fraction(double v, Ticks t, boolean log) {
        return log ? (Math.log10(v) - Math.log10(t.lo())) / (Math.log10(t.hi()) - Math.log10(t.lo()))
                : (v - t.lo()) / (t.hi() - t.lo());
    }

    double px(double v) {
        return left + fraction(v, x, logX) * (right - left);
    }

    double py(double v) {
        return bottom - fraction(v, y, logY) * (bottom - top);
    }

    /** The grid lines at the ticks and the frame (drawn before the data, so data on the frame stays seen). */
    void drawGrid(Painter p) {
        for (double v : x.values()) {
            p.line(px(v), top, px(v), bottom, GRID, 1);
        }
        for (double v : y.values()) {
            p.line(left, py(v), right, py(v), GRID, 1);
        }
        p.rect(left, top, right - left, bottom - top, Painter.NONE, FRAME);
    }

    /** Ticks and their labels, axis labels and title of chart {@code c} (drawn after the data). */
    void drawFrame(Painter p, Chart<?> c) {
        double[] xv = x.values();
        String[] xs = x.labels();
        for (int i = 0; i < xv.length; i++) {
            double at = px(xv[i]);
            p.line(at, bottom, at, bottom + 4, FRAME, 1);
            p.text(at, bottom + 16, xs[i], TICK_FONT, false, Anchor.MIDDLE, 0x000000);
        }
        double[] yv = y.values();
        String[] ys = y.labels();
        for (int i = 0; i < yv.length; i++) {
            double at = py(yv[i]);
            p.line(left - 4, at, left, at, FRAME, 1);
            p.text(left - 7, at + 4, ys[i], TICK_FONT, false, Anchor.END, 0x000000);
        }
        if (!c.xLabel.isEmpty()) {
            p.text((left + right) / 2, c.height - 8, c.xLabel, LABEL_FONT, false, Anchor.MIDDLE, 0x000000);
        }
        if (!c.yLabel.isEmpty()) {
            p.verticalText(14, (top + bottom) / 2, c.yLabel, LABEL_FONT, 0x000000);
        }
        if (!c.title.isEmpty()) {
            p.text(left, 20, c.title, TITLE_FONT, true, Anchor.START, 0x000000);
        }
    }
}
