package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from mpmath (40 significant digits) rounded to double; checked to 1e-14 relative. */
class SpecialFunctionsTest {
    private static final double TOL = 1e-14;

    private static void close(double actual, double expected) {
        if (expected == 0) {
            assertThat(actual).isZero();
            return;
        }
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("got %s, expected %s", actual, expected).isLessThanOrEqualTo(TOL);
    }

    @Test
    void erfKnownValues() {
        close(SpecialFunctions.erf(0.5), 0.5204998778130465);
        close(SpecialFunctions.erf(1), 0.8427007929497149);
        close(SpecialFunctions.erf(2), 0.9953222650189527);
        close(SpecialFunctions.erf(3.5), 0.9999992569016276);
        close(SpecialFunctions.erf(0.1), 0.1124629160182849);
        close(SpecialFunctions.erf(1.3), 0.9340079449406524);
        close(SpecialFunctions.erf(2.95), 0.9999697969579359);
        close(SpecialFunctions.erf(-1.2), -0.9103139782296353);
        close(SpecialFunctions.erf(-4.2), -0.9999999971445058);
        assertThat(SpecialFunctions.erf(0.0)).isZero();
        assertThat(SpecialFunctions.erf(1e-300)).isEqualTo(1e-300 * 2 / Math.sqrt(Math.PI));
        assertThat(SpecialFunctions.erf(30)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(SpecialFunctions.erf(Double.NaN)).isNaN();
    }

    @Test
    void erfcKeepsRelativeAccuracyInTheTail() {
        close(SpecialFunctions.erfc(5), 1.5374597944280349e-12);
        close(SpecialFunctions.erfc(10), 2.088487583762545e-45);
        close(SpecialFunctions.erfc(1.3), 0.06599205505934755);
        close(SpecialFunctions.erfc(1.7), 0.01620954140922544);
        close(SpecialFunctions.erfc(2.7), 0.0001343327399405242);
        close(SpecialFunctions.erfc(2.95), 3.020304206413823e-05);
        close(SpecialFunctions.erfc(6.3), 5.124221687395715e-19);
        close(SpecialFunctions.erfc(9.7), 7.936107563214511e-43);
        close(SpecialFunctions.erfc(15.5), 1.6632016400488723e-106);
        close(SpecialFunctions.erfc(25.9), 1.0202833184732667e-293);
        close(SpecialFunctions.erfc(0.1), 0.887537083981715);
        close(SpecialFunctions.erfc(-1.2), 1.9103139782296354);
        close(SpecialFunctions.erfc(-4.2), 1.9999999971445057);
        assertThat(SpecialFunctions.erfc(30)).isZero();
        assertThat(SpecialFunctions.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(SpecialFunctions.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(SpecialFunctions.erfc(Double.NaN)).isNaN();
    }

    @Test
    void erfIsOddAndErfPlusErfcIsOne() {
        for (double x = -6; x <= 6; x += 0.37) {
            assertThat(SpecialFunctions.erf(-x)).isEqualTo(-SpecialFunctions.erf(x));
            assertThat(SpecialFunctions.erf(x) + SpecialFunctions.erfc(x)).isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-15));
        }
    }

    @Test
    void normalDensityAndDistribution() {
        close(SpecialFunctions.normalPdf(0.7), 0.31225393336676127);
        close(SpecialFunctions.normalCdf(1.5), 0.9331927987311419);
        close(SpecialFunctions.normalCdf(-10), 7.619853024160525e-24);
        assertThat(SpecialFunctions.normalCdf(0)).isEqualTo(0.5);
    }

    @Test
    void tensorErf() {
        assertThat(Tensor.of(0.5, -1, 2).erf().toArray())
                .containsExactly(SpecialFunctions.erf(0.5), SpecialFunctions.erf(-1), SpecialFunctions.erf(2));
    }
}
