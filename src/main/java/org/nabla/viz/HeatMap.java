package org.nabla.viz;

import java.util.Locale;
import org.nabla.tensor.Tensor;
import org.nabla.viz.Painter.Anchor;

/**
 * A heat map: a matrix A (m × n) drawn as m rows of n square cells, row 0 at the top, cell (i, j) filled
 * with the colour of t = (Aᵢⱼ − lo)/(hi − lo), with a colour bar for the scale on the right.
 *
 * <p>The range [lo, hi] is [min A, max A] over the finite entries unless set by {@link #range}; values
 * outside it take the end colours, NaN cells are grey. The colour scale is ColorBrewer's sequential
 * "OrRd" with 9 classes (M. Harrower and C. A. Brewer, "ColorBrewer.org: an online tool for selecting
 * colour schemes for maps", The Cartographic Journal 40(1), 2003), interpolated linearly between the
 * classes ({@link #colour}): light for small values, dark red for large ones, lightness falling
 * monotonically so it also reads in grey. Rows and columns are labelled by index (or by
 * {@link #rowLabels}, {@link #columnLabels}); when the cells are too small for every label, every
 * k-th is shown, k the smallest of 1, 2, 5, 10, 20, … that keeps the labels apart. With
 * {@link #annotate()} each cell also shows its value when the cells are at least 16 pixels wide.
 * Default size 420 × 380 pixels.
 */
public final class HeatMap extends Chart<HeatMap> {
    private static final int[] ORRD = {0xfff7ec, 0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0xb30000,
        0x7f0000};
    private static final int NAN_COLOUR = 0xcccccc;

    private final double[][] m;
    private boolean annotate;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private String[] rowLabels;
    private String[] columnLabels;

    private HeatMap(double[][] m) {
        super(420, 380);
        this.m = m;
    }

    /** A heat map of a matrix (rank 2). */
    public static HeatMap of(Tensor matrix) {
        if (matrix.rank() != 2 || matrix.size() == 0) {
            throw new IllegalArgumentException("HeatMap.of: expected a non-empty matrix (rank 2), got shape " + matrix.shape());
        }
        return new HeatMap(matrix.toArray2d());
    }

    /** A heat map of a rectangular array, m[i] being row i. */
    public static HeatMap of(double[][] m) {
        if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException("HeatMap.of: expected a non-empty rectangular array");
        }
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != m[0].length) {
                throw new IllegalArgumentException("HeatMap.of: row " + i + " has " + (m[i] == null ? "no" : m[i].length)
                        + " entries, row 0 has " + m[0].length);
            }
            copy[i] = m[i].clone();
        }
        return new HeatMap(copy);
    }

    /** Writes each cell's value in it (drawn when the cells are at least 16 pixels wide). */
    public HeatMap annotate() {
        annotate = true;
        return this;
    }

    /** Fixes the colour range: lo is the lightest colour, hi the darkest. */
    public HeatMap range(double lo, double hi) {
        checkRange("range", lo, hi);
        this.lo = lo;
        this.hi = hi;
        return this;
    }

    /** Names the rows (one label per row). */
    public HeatMap rowLabels(String... labels) {
        rowLabels = checkLabels(labels, m.length, "rowLabels", "rows");
        return this;
    }

    /** Names the columns (one label per column). */
    public HeatMap columnLabels(String... labels) {
        columnLabels = checkLabels(labels, m[0].length, "columnLabels", "columns");
        return this;
    }

    private static String[] checkLabels(String[] labels, int n, String op, String what) {
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("HeatMap." + op + ": expected " + n + " labels (one per " + what.replaceAll("s$", "")
                    + "), got " + (labels == null ? "null" : labels.length));
        }
        return labels.clone();
    }

    /**
     * The colour of t ∈ [0, 1] (clamped) as 0xRRGGBB: ColorBrewer OrRd, from #fff7ec at 0 to #7f0000 at
     * 1, linear in RGB between its nine classes.
     */
    public static int colour(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (ORRD.length - 1);
        int k = Math.min((int) Math.floor(u), ORRD.length - 2);
        double f = u - k;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (ORRD[k] >> shift) & 0xff;
            int b = (ORRD[k + 1] >> shift) & 0xff;
            rgb |= (int) Math.round(a + f * (b - a)) << shift;
        }
        return rgb;
    }

    /** The colour range actually used, {lo, hi}. */
    double[] scale() {
        if (!Double.isNaN(lo)) {
            return new double[] {lo, hi};
        }
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (double[] row : m) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    a = Math.min(a, v);
                    b = Math.max(b, v);
                }
            }
        }
        if (!(b >= a)) {
            return new double[] {0, 1};
        }
        return a == b ? new double[] {a - 0.5, b + 0.5} : new double[] {a, b};
    }

    /** The colour of cell (i, j). */
    int cellColour(int i, int j) {
        double[] s = scale();
        return Double.isNaN(m[i][j]) ? NAN_COLOUR : colour((m[i][j] - s[0]) / (s[1] - s[0]));
    }

    private String[] labels(String[] given, int n) {
        if (given != null) {
            return given;
        }
        String[] l = new String[n];
        for (int i = 0; i < n; i++) {
            l[i] = Integer.toString(i);
        }
        return l;
    }

    /** Geometry of the picture: {left, top, cell size, colour bar x}. */
    double[] geometry() {
        String[] rows = labels(rowLabels, m.length);
        double rowWidth = widest(rows);
        double barLabels = widest(barTicks().labels());
        double left = Math.round(6 + (yLabel.isEmpty() ? 0 : 18) + rowWidth + 8);
        double top = title.isEmpty() ? 12 : 32;
        double bottom = 8 + 16 + (xLabel.isEmpty() ? 0 : 18);
        double availableW = width - left - (16 + 14 + 6 + barLabels + 8);
        double availableH = height - top - bottom;
        double cell = Math.max(1, Math.min(availableW / m[0].length, availableH / m.length));
        double barX = left + Math.floor(m[0].length * cell) + 16;
        return new double[] {left, top, cell, barX};
    }

    /** Pixel edge k (0 … n) of the cells starting at {@code origin}. */
    static double edge(double origin, double cell, int k) {
        return origin + Math.floor(k * cell);
    }

    private Ticks barTicks() {
        double[] s = scale();
        return Ticks.linearTight(s[0], s[1], 5);
    }

    /** The smallest step 1, 2, 5, 10, … between labels that keeps them {@code room} pixels apart. */
    private static int every(double cell, double room) {
        int step = 1;
        while (step * cell < room) {
            step = (int) Ticks.niceNumber(step + 1, false);
        }
        return step;
    }

    private static double widest(String[] labels) {
        double w = 0;
        for (String s : labels) {
            w = Math.max(w, Painter.textWidth(s, Axes.TICK_FONT));
        }
        return w;
    }

    @Override
    void draw(Painter p) {
        double[] g = geometry();
        double left = g[0];
        double top = g[1];
        double cell = g[2];
        int rows = m.length;
        int cols = m[0].length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x0 = edge(left, cell, j);
                double y0 = edge(top, cell, i);
                p.rect(x0, y0, edge(left, cell, j + 1) - x0, edge(top, cell, i + 1) - y0, cellColour(i, j), Painter.NONE);
            }
        }
        double right = edge(left, cell, cols);
        double bottom = edge(top, cell, rows);
        p.rect(left, top, right - left, bottom - top, Painter.NONE, Axes.FRAME);
        if (annotate && cell >= 16) {
            double[] s = scale();
            double size = Math.min(11, cell * 0.4);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double t = (m[i][j] - s[0]) / (s[1] - s[0]);
                    p.text(left + (j + 0.5) * cell, top + (i + 0.5) * cell + size * 0.35, format(m[i][j]), size, false,
                            Anchor.MIDDLE, t > 0.55 ? 0xffffff : 0x000000);
                }
            }
        }
        String[] rl = labels(rowLabels, rows);
        for (int i = 0, step = every(cell, 14); i < rows; i += step) {
            p.text(left - 6, top + (i + 0.5) * cell + 4, rl[i], Axes.TICK_FONT, false, Anchor.END, 0x000000);
        }
        String[] cl = labels(columnLabels, cols);
        for (int j = 0, step = every(cell, widest(cl) + 6); j < cols; j += step) {
            p.text(left + (j + 0.5) * cell, bottom + 15, cl[j], Axes.TICK_FONT, false, Anchor.MIDDLE, 0x000000);
        }
        drawBar(p, g[3], top, bottom);
        if (!xLabel.isEmpty()) {
            p.text((left + right) / 2, bottom + 33, xLabel, Axes.LABEL_FONT, false, Anchor.MIDDLE, 0x000000);
        }
        if (!yLabel.isEmpty()) {
            p.verticalText(14, (top + bottom) / 2, yLabel, Axes.LABEL_FONT, 0x000000);
        }
        if (!title.isEmpty()) {
            p.text(left, 20, title, Axes.TITLE_FONT, true, Anchor.START, 0x000000);
        }
    }

    /** The colour bar: 64 bands from lo (bottom) to hi (top), ticked at nice numbers. */
    private void drawBar(Painter p, double x, double top, double bottom) {
        int bands = 64;
        double h = (bottom - top) / bands;
        for (int k = 0; k < bands; k++) {
            p.rect(x, bottom - (k + 1) * h, 14, h + 0.5, colour((k + 0.5) / bands), Painter.NONE);
        }
        p.rect(x, top, 14, bottom - top, Painter.NONE, Axes.FRAME);
        double[] s = scale();
        Ticks t = barTicks();
        double[] v = t.values();
        String[] l = t.labels();
        for (int i = 0; i < v.length; i++) {
            double y = bottom - (v[i] - s[0]) / (s[1] - s[0]) * (bottom - top);
            p.line(x + 14, y, x + 18, y, Axes.FRAME, 1);
            p.text(x + 20, y + 4, l[i], Axes.TICK_FONT, false, Anchor.START, 0x000000);
        }
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2g", v);
    }
}
