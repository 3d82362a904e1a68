package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedGivesTheSameBits() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        assertThat(Tensor.randn(new Rng(7), 3, 4).toArray()).isEqualTo(Tensor.randn(new Rng(7), 3, 4).toArray());
        assertThat(Tensor.rand(new Rng(7), 5).toArray()).isEqualTo(Tensor.rand(new Rng(7), 5).toArray());
        assertThat(Tensor.rand(new Rng(7), 5)).isNotEqualTo(Tensor.rand(new Rng(8), 5));
    }

    @Test
    void splitMix64KnownAnswer() {
        // SplitMix64 with seed 0: the first outputs of the reference implementation (Vigna, splitmix64.c)
        Rng r = new Rng(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void splitIsReproducibleAndLooksIndependent() {
        Rng parent1 = new Rng(3);
        Rng parent2 = new Rng(3);
        Rng c1 = parent1.split();
        Rng c2 = parent2.split();
        for (int i = 0; i < 100; i++) {
            assertThat(c1.nextLong()).isEqualTo(c2.nextLong());
        }
        // child and parent streams: no shared values among the first draws, and their uniforms are
        // uncorrelated (|r| small for 10,000 pairs: the standard error is 0.01)
        Rng parent = new Rng(11);
        Rng child = parent.split();
        Rng child2 = parent.split();
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        long[] px = new long[n];
        long[] cx = new long[n];
        for (int i = 0; i < n; i++) {
            px[i] = parent.nextLong();
            cx[i] = child.nextLong();
        }
        Arrays.sort(px);
        for (long v : cx) {
            assertThat(Arrays.binarySearch(px, v)).isNegative();
        }
        for (int i = 0; i < n; i++) {
            x[i] = parent.nextDouble();
            y[i] = child.nextDouble();
            z[i] = child2.nextDouble();
        }
        assertThat(Math.abs(correlation(x, y))).isLessThan(0.04);
        assertThat(Math.abs(correlation(y, z))).isLessThan(0.04);
        assertThat(Math.abs(correlation(x, z))).isLessThan(0.04);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void nextDoubleIsInTheUnitInterval() {
        Rng r = new Rng(5);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double u = r.nextDouble();
            assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            sum += u;
        }
        assertThat(sum / 100_000).isCloseTo(0.5, within(0.005));
    }

    @Test
    void nextIntStaysInRangeAndIsUnbiased() {
        Rng r = new Rng(9);
        int bound = 7;
        int n = 70_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(bound);
            assertThat(v).isBetween(0, bound - 1);
            counts[v]++;
        }
        // chi-square with 6 degrees of freedom: P(χ² > 22.46) = 0.001
        double expected = (double) n / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).isLessThan(22.46);
        // a bound just above 2^30: plain modulo of 31 random bits would make the lower third of the
        // range twice as likely; the rejection step must remove that bias
        int big = (1 << 30) + (1 << 29);
        int low = 0;
        int m = 60_000;
        for (int i = 0; i < m; i++) {
            int v = r.nextInt(big);
            assertThat(v).isBetween(0, big - 1);
            if (v < big / 3) {
                low++;
            }
        }
        assertThat((double) low / m).isCloseTo(1.0 / 3, within(0.01));
        assertThat(r.nextInt(1)).isZero();
    }

    @Test
    void nextIntRejectsNonPositiveBound() {
        assertThatThrownBy(() -> new Rng(1).nextInt(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nextInt: bound must be positive, got 0");
    }

    @Test
    void permutationIsAPermutation() {
        Rng r = new Rng(21);
        for (int n : new int[] {0, 1, 2, 10, 1000}) {
            int[] p = r.permutation(n);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                assertThat(sorted[i]).isEqualTo(i);
            }
        }
        assertThat(new Rng(4).permutation(50)).isEqualTo(new Rng(4).permutation(50));
        // every position receives every value about equally often (n = 4: 24 permutations)
        int[][] counts = new int[4][4];
        Rng q = new Rng(8);
        for (int t = 0; t < 40_000; t++) {
            int[] p = q.permutation(4);
            for (int i = 0; i < 4; i++) {
                counts[i][p[i]]++;
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertThat(c).isBetween(9_500, 10_500);
            }
        }
        Tensor pt = Tensor.permutation(new Rng(4), 50);
        assertThat(pt.shape()).isEqualTo(Shape.of(50));
        assertThat(pt.sum().item()).isEqualTo(49 * 50 / 2.0);
        assertThatThrownBy(() -> r.permutation(-1)).hasMessage("permutation: n must be ≥ 0, got -1");
    }

    @Test
    void normalMomentsMatch() {
        Rng r = new Rng(2024);
        int n = 100_000;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (int i = 0; i < n; i++) {
            double x = r.nextGaussian();
            s1 += x;
            s2 += x * x;
            s3 += x * x * x;
            s4 += x * x * x * x;
        }
        // standard errors: mean 1/√n ≈ 0.0032, E x² √(2/n) ≈ 0.0045, E x³ √(15/n) ≈ 0.012, E x⁴ √(96/n) ≈ 0.031
        assertThat(s1 / n).isCloseTo(0.0, within(0.015));
        assertThat(s2 / n).isCloseTo(1.0, within(0.02));
        assertThat(s3 / n).isCloseTo(0.0, within(0.06));
        assertThat(s4 / n).isCloseTo(3.0, within(0.15));

        Tensor t = Tensor.normal(new Rng(1), 2.0, 3.0, 200, 500);
        assertThat(t.mean().item()).isCloseTo(2.0, within(0.05));
        assertThat(t.std(true).item()).isCloseTo(3.0, within(0.05));
    }

    @Test
    void uniformBernoulliAndTheirErrors() {
        Tensor u = Tensor.uniform(new Rng(3), -2.0, 5.0, 10_000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-2.0);
        assertThat(u.max().item()).isLessThan(5.0);
        assertThat(u.mean().item()).isCloseTo(1.5, within(0.1));
        Tensor b = Tensor.bernoulli(new Rng(3), 0.3, 10_000);
        assertThat(b.eq(Tensor.scalar(0)).add(b.eq(Tensor.scalar(1))).sum().item()).isEqualTo(10_000.0);
        assertThat(b.mean().item()).isCloseTo(0.3, within(0.02));
        Rng r = new Rng(1);
        assertThatThrownBy(() -> r.uniform(1, 0))
                .hasMessage("uniform: expected finite low ≤ high, got low = 1.0, high = 0.0");
        assertThatThrownBy(() -> r.normal(0, -1))
                .hasMessage("normal: expected a finite mean and a finite std ≥ 0, got mean = 0.0, std = -1.0");
        assertThatThrownBy(() -> r.bernoulli(1.5))
                .hasMessage("bernoulli: expected 0 ≤ p ≤ 1, got 1.5");
    }
}
