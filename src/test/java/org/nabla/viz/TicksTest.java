package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;

/** Axis ticks: Heckbert's nice numbers on linear axes, powers of ten (and 2, 5) on log axes. */
class TicksTest {
    @Test
    void heckbertsNiceNumbers() {
        // not rounded: the smallest of 1, 2, 5, 10 × 10^k not below x
        assertThat(Ticks.niceNumber(0.43, false)).isEqualTo(0.5);
        assertThat(Ticks.niceNumber(1.0, false)).isEqualTo(1.0);
        assertThat(Ticks.niceNumber(2.5, false)).isEqualTo(5.0);
        assertThat(Ticks.niceNumber(7.1, false)).isEqualTo(10.0);
        // rounded: thresholds 1.5, 3, 7 on the fraction
        assertThat(Ticks.niceNumber(0.125, true)).isCloseTo(0.1, within(1e-15));
        assertThat(Ticks.niceNumber(0.16, true)).isCloseTo(0.2, within(1e-15));
        assertThat(Ticks.niceNumber(40, true)).isEqualTo(50.0);
        assertThat(Ticks.niceNumber(7, true)).isEqualTo(10.0);
        assertThat(Ticks.niceNumber(299, true)).isEqualTo(200.0);
    }

    @Test
    void theFlagshipsAccuracyAxisRunsFromHalfToOne() {
        Ticks t = Ticks.linear(0.571, 1.0, 6);
        assertThat(t.lo()).isEqualTo(0.5);
        assertThat(t.hi()).isEqualTo(1.0);
        assertThat(t.labels()).containsExactly("0.5", "0.6", "0.7", "0.8", "0.9", "1.0");
        assertThat(Ticks.linear(1, 20, 6).labels()).containsExactly("0", "5", "10", "15", "20");
        // Heckbert's step 20 would end the axis at 80; the smaller nice step 10 fits in 8 ticks and ends it at 70
        assertThat(Ticks.linear(1, 61, 6).hi()).isEqualTo(70.0);
        assertThat(Ticks.linear(1, 12, 6).labels()).containsExactly("0", "2", "4", "6", "8", "10", "12");
        assertThat(Ticks.linear(-0.3, 0.2, 5).labels()).containsExactly("-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2");
    }

    @Test
    void looseTicksEncloseTheDataWithANiceStep() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 500; trial++) {
            double scale = Math.pow(10, rng.uniform(-6, 6));
            double a = rng.normal(0, 1) * scale;
            double b = a + rng.uniform(1e-3, 10) * scale;
            int count = 3 + rng.nextInt(8);
            Ticks t = Ticks.linear(a, b, count);
            double[] v = t.values();
            assertThat(t.lo()).isLessThanOrEqualTo(a);
            assertThat(t.hi()).isGreaterThanOrEqualTo(b);
            assertThat(v[0]).isEqualTo(t.lo());
            assertThat(v[v.length - 1]).isCloseTo(t.hi(), within(1e-9 * scale));
            double d = v[1] - v[0];
            double fraction = d / Math.pow(10, Math.floor(Math.log10(d) + 1e-9));
            double nearest = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
            assertThat(fraction).as("step %s is 1, 2 or 5 × 10^k", d).isCloseTo(nearest, within(1e-6));
            for (int i = 1; i < v.length; i++) {
                assertThat(v[i] - v[i - 1]).isCloseTo(d, within(1e-6 * d));
            }
            // Heckbert's step is nice(nice(range)/(count − 1)): at most about 2·count ticks, at least 2
            assertThat(v.length).isBetween(2, 2 * count + 2);
            String[] l = t.labels();
            int decimals = l[0].contains(".") ? l[0].length() - l[0].indexOf('.') - 1 : 0;
            for (int i = 0; i < l.length; i++) {
                int di = l[i].contains(".") ? l[i].length() - l[i].indexOf('.') - 1 : 0;
                assertThat(di).as("every label has the same number of decimals").isEqualTo(decimals);
                assertThat(Double.parseDouble(l[i])).isCloseTo(v[i], within(d * 1e-6));
            }
        }
    }

    @Test
    void tightTicksKeepTheRange() {
        Ticks t = Ticks.linearTight(-2.7, 2.9, 5);
        assertThat(t.lo()).isEqualTo(-2.7);
        assertThat(t.hi()).isEqualTo(2.9);
        assertThat(t.labels()).containsExactly("-2", "0", "2");
    }

    @Test
    void logarithmicTicksArePowersOfTenAndOneTwoFiveOnShortRanges() {
        Ticks loss = Ticks.logarithmic(0.007, 1.6, 6);
        assertThat(loss.lo()).isEqualTo(0.005);
        assertThat(loss.hi()).isEqualTo(2.0);
        assertThat(loss.labels()).containsExactly("0.01", "0.1", "1");
        Ticks shortRange = Ticks.logarithmic(0.06, 1.4, 6);
        assertThat(shortRange.labels()).containsExactly("0.05", "0.1", "0.2", "0.5", "1", "2");
        Ticks wide = Ticks.logarithmic(1e-18, 0.5, 6);
        assertThat(wide.labels()).containsExactly("1e-18", "1e-15", "1e-12", "1e-09", "1e-06", "0.001");
        assertThat(Ticks.logarithmic(1, 1000, 6).labels()).containsExactly("1", "10", "100", "1000");
        assertThat(Ticks.logarithmic(5, 5, 6).labels()).containsExactly("2", "5", "10");
    }

    @Test
    void badRangesAreRefusedWithTheOperationNamed() {
        assertThatThrownBy(() -> Ticks.niceNumber(0, true)).hasMessageContaining("Ticks.niceNumber").hasMessageContaining("0.0");
        assertThatThrownBy(() -> Ticks.linear(Double.NaN, 1, 5)).hasMessageContaining("Ticks.linear")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Ticks.linear(2, 1, 5)).hasMessageContaining("min ≤ max");
        assertThatThrownBy(() -> Ticks.logarithmic(0, 1, 5)).hasMessageContaining("Ticks.logarithmic")
                .hasMessageContaining("0 < min");
    }
}
