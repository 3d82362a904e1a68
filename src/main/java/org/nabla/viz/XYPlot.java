package org.nabla.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart of named (x, y) series on linear or logarithmic axes, with a legend placed where it covers
 * no data: the common part of {@link LinePlot} (series joined by lines) and {@link ScatterPlot}
 * (series drawn as dots).
 *
 * <p>Series take the colours of the Tableau 10 palette in the order they are added. Points that cannot
 * be drawn — NaN or infinite, or not positive on a log axis — are skipped (a line is broken there);
 * the axis ranges cover every drawable point, with ticks by {@link Ticks}. The legend (shown when a
 * series has a non-empty name) never covers data: nine spots inside the plot area are tried in the
 * order top-right, top-left, bottom-right, bottom-left, top-centre, bottom-centre, middle-right,
 * middle-left, centre, and the first whose box, grown by a clearance of half the stroke (or the dot's
 * radius) plus 3 pixels, meets no drawn segment or dot is taken — each segment tested against the box
 * by Liang–Barsky clipping (Y.-D. Liang and B. A. Barsky, "A new concept and method for line
 * clipping", ACM Trans. Graphics 3(1), 1984). If every spot is taken, the legend goes outside, to the
 * right of the plot area, which shrinks to make room.
 *
 * @param <P> the concrete plot
 */
public abstract class XYPlot<P extends XYPlot<P>> extends Chart<P> {
    /** One series: its name, coordinates and colour. */
    record Series(String name, double[] x, double[] y, int colour) {
    }

    /** Where everything goes: the axes and the legend (null when there is none). */
    record Layout(Axes axes, Legend legend) {
    }

    final List<Series> series = new ArrayList<>();
    boolean logX;
    boolean logY;
    boolean legend = true;

    XYPlot(int width, int height) {
        super(width, height);
    }

    /** Adds a series at x = 1, 2, …, n (one value per epoch, step or layer, say). */
    public P series(String name, double[] y) {
        if (y == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".series: values of '" + name + "' are null");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** Adds a series of points (x[i], y[i]). */
    public P series(String name, double[] x, double[] y) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".series: '" + name
                    + "' needs as many x as y values, got " + (x == null ? "null" : x.length) + " and "
                    + (y == null ? "null" : y.length));
        }
        series.add(new Series(name == null ? "" : name, x.clone(), y.clone(), Painter.series(series.size())));
        return self();
    }

    /** Puts the x axis on a logarithmic scale (values ≤ 0 are then not drawn). */
    public P logX() {
        logX = true;
        return self();
    }

    /** Puts the y axis on a logarithmic scale (values ≤ 0 are then not drawn). */
    public P logY() {
        logY = true;
        return self();
    }

    /** Shows or hides the legend (shown by default when a series has a name). */
    public P legend(boolean show) {
        legend = show;
        return self();
    }

    /** Whether consecutive points are joined by lines. */
    abstract boolean lines();

    /** Stroke width of a line, or radius of a dot. */
    abstract double mark();

    private boolean drawable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    Layout layout() {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (drawable(s.x[i], s.y[i])) {
                    r[0] = Math.min(r[0], s.x[i]);
                    r[1] = Math.max(r[1], s.x[i]);
                    r[2] = Math.min(r[2], s.y[i]);
                    r[3] = Math.max(r[3], s.y[i]);
                }
            }
        }
        Ticks tx = Axes.ticks(r[0], r[1], logX, Math.max(3, width / 90));
        Ticks ty = Axes.ticks(r[2], r[3], logY, Math.max(3, height / 60));
        Axes a = Axes.layout(this, tx, logX, ty, logY, 0);
        List<Legend.Entry> entries = new ArrayList<>();
        for (Series s : series) {
            entries.add(new Legend.Entry(s.name, s.colour, lines()));
        }
        if (!legend || series.stream().allMatch(s -> s.name.isBlank())) {
            return new Layout(a, null);
        }
        double clearance = (lines() ? mark() / 2 : mark()) + 3;
        Legend inside = Legend.inside(entries, a, segments(a), clearance);
        if (inside != null) {
            return new Layout(a, inside);
        }
        Axes narrower = Axes.layout(this, tx, logX, ty, logY, Legend.width(entries) + 12);
        return new Layout(narrower, Legend.outside(entries, narrower));
    }

    /** Every drawn piece of data in pixels, {x1, y1, x2, y2} (a dot is a segment of length 0). */
    List<double[]> segments(Axes a) {
        List<double[]> out = new ArrayList<>();
        for (Series s : series) {
            double px = Double.NaN;
            double py = Double.NaN;
            for (int i = 0; i < s.x.length; i++) {
                if (!drawable(s.x[i], s.y[i])) {
                    px = Double.NaN;
                    continue;
                }
                double x = a.px(s.x[i]);
                double y = a.py(s.y[i]);
                boolean joined = lines() && !Double.isNaN(px);
                out.add(joined ? new double[] {px, py, x, y} : new double[] {x, y, x, y});
                px = x;
                py = y;
            }
        }
        return out;
    }

    @Override
    void draw(Painter p) {
        Layout l = layout();
        Axes a = l.axes();
        a.drawGrid(p);
        for (Series s : series) {
            double[] xs = new double[s.x.length];
            double[] ys = new double[s.x.length];
            int n = 0;
            for (int i = 0; i <= s.x.length; i++) {
                if (i < s.x.length && drawable(s.x[i], s.y[i])) {
                    xs[n] = a.px(s.x[i]);
                    ys[n] = a.py(s.y[i]);
                    n++;
                } else if (n > 0) {
                    if (lines() && n > 1) {
                        p.polyline(xs, ys, n, s.colour, mark());
                    } else if (lines()) {
                        p.circle(xs[0], ys[0], mark(), s.colour); // a point alone: a dot as wide as the line
                    } else {
                        for (int k = 0; k < n; k++) {
                            p.circle(xs[k], ys[k], mark(), s.colour);
                        }
                    }
                    n = 0;
                }
            }
        }
        a.drawFrame(p, this);
        if (l.legend() != null) {
            l.legend().draw(p);
        }
    }
}
