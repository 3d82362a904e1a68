package org.nabla.tensor;

/**
 * Special functions that {@link java.lang.Math} lacks, accurate to a few units in the last place.
 *
 * <ul>
 *   <li>erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt; for |x| &lt; 3 computed from the series with positive terms
 *       erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1)) (Abramowitz &amp; Stegun 7.1.6),
 *       which has no cancellation; for |x| ≥ 3 as 1 − erfc(|x|) with the sign of x.</li>
 *   <li>erfc(x) = 1 − erf(x); for x ≥ 3 from the continued fraction
 *       erfc(x) = (e^(−x²)/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) (A&amp;S 7.1.14),
 *       evaluated by the modified Lentz method, so that the tail keeps full relative precision.</li>
 *   <li>The standard normal density φ(x) = e^(−x²/2)/√(2π) and distribution Φ(x) = ½ erfc(−x/√2).</li>
 * </ul>
 */
public final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double SQRT1_2 = Math.sqrt(0.5);

    private SpecialFunctions() {
    }

    /** The error function erf(x). */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double ax = Math.abs(x);
        if (ax < 3.0) {
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
        if (x >= 3.0) {
            return erfcContinuedFraction(x);
        }
        if (x <= -3.0) {
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
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
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
        return INV_SQRT_PI * Math.exp(-x * x) / f;
    }
}
