package org.nabla.tensor;

/**
 * Special functions that {@link java.lang.Math} lacks, accurate to a few units in the last place.
 *
 * <ul>
 *   <li>erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt; for |x| &lt; 3 computed from the series with positive terms
 *       erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1)) (Abramowitz &amp; Stegun 7.1.6),
 *       which has no cancellation; for |x| ≥ 3 as 1 − erfc(|x|) with the sign of x.</li>
 *   <li>erfc(x) = 1 − erf(x); for x ≥ 1 from the continued fraction
 *       erfc(x) = (e^(−x²)/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) (A&amp;S 7.1.14),
 *       evaluated by the modified Lentz method, so that the tail keeps full relative precision
 *       (1 − erf(x) would lose it: at x = 2.9 it is wrong in the 11th digit); for x &lt; 1 as
 *       1 − erf(x), where erfc(x) &gt; 0.15 and nothing cancels.</li>
 *   <li>e^(−x²) is computed as e^(−s²) · e^((s − x)(s + x)) with s = x rounded down to a multiple
 *       of 1/16 (s² and s − x are then exact), so that the rounding of x² does not cost relative
 *       accuracy for large x (the device of fdlibm's erfc).</li>
 *   <li>The standard normal density φ(x) = e^(−x²/2)/√(2π) and distribution Φ(x) = ½ erfc(−x/√2).</li>
 * </ul>
 */
public final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double SQRT1_2 = Math.sqrt(0.5);
    /** erf uses its series below this |x| (and 1 − erfc above). */
    private static final double SERIES_LIMIT = 3.0;
    /** erfc uses the continued fraction from this x on (it needs ≤ 190 terms there). */
    private static final double FRACTION_FROM = 1.0;

    private SpecialFunctions() {
    }

    /**
     * The logistic sigmoid σ(x) = 1 / (1 + e^(−x)); for x &lt; 0 computed as e^x / (1 + e^x), so that
     * e^(−x) never overflows.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** The error function erf(x). */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double ax = Math.abs(x);
        if (ax < SERIES_LIMIT) {
            return erfSeries(x);
        }
        double r = 1.0 - erfcContinuedFraction(ax);
        return x < 0 ? -r : r;
    }

    /** The complementary error function erfc(x) = 1 − erf(x), accurate in the upper tail. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= FRACTION_FROM) {
            return erfcContinuedFraction(x);
        }
        if (x <= -FRACTION_FROM) {
            return 2.0 - erfcContinuedFraction(-x);
        }
        return 1.0 - erfSeries(x);
    }

    /** The standard normal density φ(x) = e^(−x²/2) / √(2π). */
    public static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** The standard normal distribution function Φ(x) = ½ erfc(−x/√2). */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x * SQRT1_2);
    }

    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
    }

    /** erfc(x) for x ≥ 3 by the continued fraction, modified Lentz. */
    private static double erfcContinuedFraction(double x) {
        if (x > 27.3) {
            return 0.0; // below the smallest subnormal
        }
        final double tiny = 1e-300;
        // f = x + a1/(x + a2/(x + ...)), a_n = n/2
        double f = x;
        double c = f;
        double d = 0.0;
        for (int n = 1; n < 500; n++) {
            double an = n * 0.5;
            d = x + an * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = x + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return INV_SQRT_PI * expMinusSquare(x) / f;
    }

    /** e^(−x²) without the rounding error of x²: e^(−s²) e^((s − x)(s + x)), s = ⌊16x⌋/16 for x ≥ 0. */
    static double expMinusSquare(double x) {
        double ax = Math.abs(x);
        double s = Math.floor(ax * 16.0) / 16.0;
        return Math.exp(-s * s) * Math.exp((s - ax) * (s + ax));
    }
}
