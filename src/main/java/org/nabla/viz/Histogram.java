package org.nabla.viz;

import java.util.Arrays;
import org.nabla.tensor.Tensor;

/**
 * A histogram: the range [lo, hi] cut into k bins of equal width h = (hi − lo)/k, bin i = [lo + ih,
 * lo + (i+1)h) (the last one closed, as in NumPy), and over each bin a bar as high as the number of
 * values in it — or, with {@link #density()}, that number divided by n·h, so the bars have area 1 and
 * estimate the probability density.
 *
 * <p>Defaults: the range of the data and Sturges' rule k = ⌈log₂ n⌉ + 1 bins (H. A. Sturges, "The
 * choice of a class interval", J. Amer. Statist. Assoc. 21, 1926). NaN and infinite values, and values
 * outside a range set by {@link #range}, are not counted. The value axis keeps [lo, hi] and labels the
 * nice numbers inside it; the count axis starts at 0 and ends on a nice number (Heckbert 1990, see
 * {@link Ticks}). Default size 480 × 360 pixels.
 */
public final class Histogram extends Chart<Histogram> {
    private final double[] values;
    private int bins;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private boolean density;

    private Histogram(double[] values) {
        super(480, 360);
        this.values = Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    /** A histogram of the values. */
    public static Histogram of(double... values) {
        if (values == null) {
            throw new IllegalArgumentException("Histogram.of: values are null");
        }
        return new Histogram(values);
    }

    /** A histogram of every entry of a tensor (any shape). */
    public static Histogram of(Tensor values) {
        return new Histogram(values.toArray());
    }

    /** Uses k bins of equal width (instead of Sturges' rule). */
    public Histogram bins(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Histogram.bins: expected at least one bin, got " + k);
        }
        bins = k;
        return this;
    }

    /** Cuts [lo, hi] into the bins (instead of the range of the data); values outside are not counted. */
    public Histogram range(double lo, double hi) {
        checkRange("range", lo, hi);
        this.lo = lo;
        this.hi = hi;
        return this;
    }

    /** Draws count / (n·h) instead of the count, so the bars have total area 1. */
    public Histogram density() {
        density = true;
        return this;
    }

    /** The number of bins k. */
    public int binCount() {
        return bins > 0 ? bins : (int) Math.ceil(Math.log(Math.max(values.length, 1)) / Math.log(2)) + 1;
    }

    /** The k + 1 bin edges lo, lo + h, …, hi. */
    public double[] edges() {
        double a;
        double b;
        if (!Double.isNaN(lo)) {
            a = lo;
            b = hi;
        } else if (values.length == 0) {
            a = 0;
            b = 1;
        } else {
            a = Arrays.stream(values).min().getAsDouble();
            b = Arrays.stream(values).max().getAsDouble();
            if (a == b) {
                a -= 0.5;
                b += 0.5;
            }
        }
        int k = binCount();
        double[] e = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            e[i] = i == k ? b : a + i * (b - a) / k;
        }
        return e;
    }

    /** The number of values in each bin. */
    public long[] counts() {
        double[] e = edges();
        int k = e.length - 1;
        long[] c = new long[k];
        for (double v : values) {
            if (v < e[0] || v > e[k]) {
                continue;
            }
            int i = (int) Math.floor((v - e[0]) / (e[k] - e[0]) * k);
            c[Math.min(Math.max(i, 0), k - 1)]++;
        }
        return c;
    }

    /** The bar heights: the counts, or the densities count / (n·h). */
    public double[] heights() {
        long[] c = counts();
        double[] e = edges();
        long n = Arrays.stream(c).sum();
        double[] h = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            h[i] = density ? (n == 0 ? 0 : c[i] / (n * (e[i + 1] - e[i]))) : c[i];
        }
        return h;
    }

    Axes axes() {
        double[] e = edges();
        double top = Arrays.stream(heights()).max().orElse(0);
        Ticks tx = Ticks.linearTight(e[0], e[e.length - 1], Math.max(3, width / 90));
        Ticks ty = Ticks.linear(0, top > 0 ? top : 1, Math.max(3, height / 60));
        return Axes.layout(this, tx, false, ty, false, 0);
    }

    @Override
    void draw(Painter p) {
        Axes a = axes();
        a.drawGrid(p);
        double[] e = edges();
        double[] h = heights();
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0) {
                double x0 = a.px(e[i]);
                double x1 = a.px(e[i + 1]);
                double gap = x1 - x0 > 4 ? 0.5 : 0;
                p.rect(x0 + gap, a.py(h[i]), x1 - x0 - 2 * gap, a.bottom - a.py(h[i]), Painter.series(0), Painter.NONE);
            }
        }
        a.drawFrame(p, this);
    }
}
