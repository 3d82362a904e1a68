package org.nabla.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tick marks of one plot axis: the axis range [lo, hi] and the labelled values inside it.
 *
 * <p><b>Linear axes: "nice numbers"</b> (P. S. Heckbert, "Nice numbers for graph labels", in
 * A. Glassner (ed.), <i>Graphics Gems</i>, Academic Press 1990, pp. 61–63). A nice number is
 * 1, 2, 5 or 10 times a power of ten; {@code nice(x, round)} is the nice number nearest to x
 * ({@code round}: 1 below 1.5, 2 below 3, 5 below 7, else 10) or the smallest not below it.
 * For data in [min, max] and about m ticks:
 * <pre>
 *   r = nice(max − min, false),   d = nice(r / (m − 1), true),
 *   lo = ⌊min / d⌋·d,   hi = ⌈max / d⌉·d,   ticks lo, lo + d, …, hi,
 * </pre>
 * each printed with max(−⌊log₁₀ d⌋, 0) decimals, so all labels have the same number of digits
 * ("loose labelling": the axis ends on a tick). One refinement: when the next smaller nice step
 * (5 → 2 → 1 → 0.5) encloses the data in a shorter axis with at most m + 2 ticks, it is used instead
 * (data on 1…61 with m = 6: Heckbert's step 20 gives 0…80, the step 10 gives 0…70). {@link #linearTight} keeps [min, max] as the range
 * and labels only the ticks inside it (used for histograms and colour bars).
 *
 * <p><b>Logarithmic axes.</b> The range is [largest 1-2-5 number ≤ min, smallest 1-2-5 number ≥ max]
 * and the ticks are the powers of ten inside it (every k-th decade when there are more than
 * {@code m}); if fewer than three fall inside, the multiples 2·10ᵏ and 5·10ᵏ are added; if still
 * fewer than two, the nice linear ticks of the range are used. A position on a log axis is
 * (log₁₀ v − log₁₀ lo) / (log₁₀ hi − log₁₀ lo) of its length.
 */
public final class Ticks {
    private static final MathContext TEN_DIGITS = new MathContext(10);

    private final double lo;
    private final double hi;
    private final double[] values;
    private final String[] labels;

    private Ticks(double lo, double hi, double[] values, String[] labels) {
        this.lo = lo;
        this.hi = hi;
        this.values = values;
        this.labels = labels;
    }

    /**
     * Heckbert's nice number: 1, 2, 5 or 10 times a power of ten near x (x &gt; 0). With
     * {@code round} the nearest one (thresholds 1.5, 3, 7 on the fraction), otherwise the smallest one
     * not below x.
     */
    public static double niceNumber(double x, boolean round) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("Ticks.niceNumber: expected a positive finite number, got " + x);
        }
        double exponent = Math.floor(Math.log10(x));
        double power = Math.pow(10, exponent);
        double fraction = x / power;
        double nice;
        if (round) {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return nice * power;
    }

    /** Loose linear ticks for data in [min, max], about {@code count} of them (Heckbert 1990). */
    public static Ticks linear(double min, double max, int count) {
        double[] span = span(min, max, "Ticks.linear");
        if (count < 2) {
            throw new IllegalArgumentException("Ticks.linear: expected at least 2 ticks, got " + count);
        }
        double d = step(span[0], span[1], count);
        double lo = Math.floor(span[0] / d) * d;
        double hi = Math.ceil(span[1] / d) * d;
        double e = smaller(d);
        double loE = Math.floor(span[0] / e) * e;
        double hiE = Math.ceil(span[1] / e) * e;
        if (Math.round((hiE - loE) / e) + 1 <= count + 2 && hiE - loE < (hi - lo) * (1 - 1e-9)) {
            return fromStep(loE, hiE, loE, e);
        }
        return fromStep(lo, hi, lo, d);
    }

    /** The nice number below d: 5 → 2, 2 → 1, 1 → 0.5 (times the power of ten). */
    private static double smaller(double d) {
        double power = Math.pow(10, Math.floor(Math.log10(d) + 1e-9));
        double f = Math.round(d / power);
        return (f == 5 ? 2 : f == 2 ? 1 : 0.5) * power;
    }

    /** Linear ticks inside [min, max] with that range kept as the axis range. */
    public static Ticks linearTight(double min, double max, int count) {
        double[] span = span(min, max, "Ticks.linearTight");
        double d = step(span[0], span[1], Math.max(count, 2));
        return fromStep(span[0], span[1], Math.ceil(span[0] / d - 1e-9) * d, d);
    }

    /** Logarithmic ticks for positive data in [min, max] (see the class comment). */
    public static Ticks logarithmic(double min, double max, int count) {
        if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("Ticks.logarithmic: expected 0 < min ≤ max < ∞, got [" + min + ", " + max + "]");
        }
        if (max == min) {
            min /= 2;
            max *= 2;
        }
        double lo = oneTwoFive(min, false);
        double hi = oneTwoFive(max, true);
        int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
        int last = (int) Math.floor(Math.log10(hi) + 1e-9);
        int every = Math.max(1, (int) Math.ceil((last - first + 1) / (double) Math.max(count, 2)));
        List<Double> v = new ArrayList<>();
        for (int k = first; k <= last; k += every) {
            v.add(Math.pow(10, k));
        }
        if (v.size() < 3) {
            v.clear();
            for (int k = first - 1; k <= last; k++) {
                for (double m : new double[] {1, 2, 5}) {
                    double t = clean(m * Math.pow(10, k));
                    if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
                        v.add(t);
                    }
                }
            }
        }
        if (v.size() < 2) {
            Ticks inside = linearTight(lo, hi, count);
            return new Ticks(lo, hi, inside.values, inside.labels);
        }
        double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = plain(values[i]);
        }
        return new Ticks(lo, hi, values, labels);
    }

    /** The lower end of the axis. */
    public double lo() {
        return lo;
    }

    /** The upper end of the axis. */
    public double hi() {
        return hi;
    }

    /** The tick values, increasing. */
    public double[] values() {
        return values.clone();
    }

    /** The tick labels, one per value. */
    public String[] labels() {
        return labels.clone();
    }

    @Override
    public String toString() {
        return "Ticks[" + lo + ", " + hi + "] " + Arrays.toString(labels);
    }

    private static double[] span(double min, double max, String op) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException(op + ": expected finite min ≤ max, got [" + min + ", " + max + "]");
        }
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    private static double step(double min, double max, int count) {
        return niceNumber(niceNumber(max - min, false) / (count - 1), true);
    }

    private static Ticks fromStep(double lo, double hi, double first, double d) {
        int decimals = (int) Math.max(-Math.floor(Math.log10(d)), 0);
        List<Double> v = new ArrayList<>();
        for (int k = 0; first + k * d <= hi + d * 1e-9; k++) {
            v.add(clean(first + k * d));
        }
        double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", values[i]);
            labels[i] = s.matches("-0(\\.0*)?") ? s.substring(1) : s;
        }
        return new Ticks(clean(lo), clean(hi), values, labels);
    }

    /** The largest (up = false) or smallest (up = true) number 1, 2 or 5 × 10ᵏ on that side of x. */
    private static double oneTwoFive(double x, boolean up) {
        int e = (int) Math.floor(Math.log10(x));
        double[] candidates = {1, 2, 5, 10, 20};
        double best = up ? Double.POSITIVE_INFINITY : 0;
        for (int k = e - 1; k <= e; k++) {
            for (double m : candidates) {
                double t = clean(m * Math.pow(10, k));
                if (up ? t >= x * (1 - 1e-12) && t < best : t <= x * (1 + 1e-12) && t > best) {
                    best = t;
                }
            }
        }
        return best;
    }

    /** Rounds away binary noise (0.30000000000000004 → 0.3) to ten significant digits. */
    private static double clean(double v) {
        return v == 0 ? 0.0 : new BigDecimal(v).round(TEN_DIGITS).doubleValue();
    }

    /** 0.001, 20, 1e+06: plain decimals from 10⁻⁴ to 10⁶, scientific outside. */
    static String plain(double v) {
        double a = Math.abs(v);
        if (v != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
        }
        return new BigDecimal(v).round(TEN_DIGITS).stripTrailingZeros().toPlainString();
    }
}
