package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class ClassificationConfidenceTest {
    /** Four objects, three classes: δ = p_y − max_{j≠y} p_j by hand is 0.5, −0.2, 0 (a tie), 0.25. */
    private static final Tensor P = Tensor.of(new double[][] {
        {0.7, 0.2, 0.1}, {0.3, 0.5, 0.2}, {0.1, 0.45, 0.45}, {0.25, 0.25, 0.5}});
    private static final Tensor Y = Tensor.of(0, 0, 1, 2);

    @Test
    void aHandMadeClassifierHasTheConfidencesOfTheDefinition() {
        double[] d = ClassificationConfidence.confidences(P, Y, false);
        assertThat(d[0]).isCloseTo(0.7 - 0.2, within(1e-15));
        assertThat(d[1]).isCloseTo(0.3 - 0.5, within(1e-15));
        assertThat(d[2]).isEqualTo(0.0);
        assertThat(d[3]).isCloseTo(0.5 - 0.25, within(1e-15));
        ClassificationConfidence c = ClassificationConfidence.ofProbabilities(P, Y);
        assertThat(c.values()).containsExactly(new double[] {-0.2, 0.0, 0.25, 0.5}, within(1e-15));
        assertThat(c.accuracy()).isEqualTo(0.5);          // δ > 0: objects 0 and 3 (the tie counts as wrong)
        assertThat(c.cdf(0)).isEqualTo(0.5);              // −0.2 and 0
        assertThat(c.fractionBelow(0)).isEqualTo(0.25);   // −0.2
        assertThat(c.fractionBelow(0.3)).isEqualTo(0.75); // −0.2, 0, 0.25
        assertThat(c.massNear(0.1)).isEqualTo(0.25);      // |δ| < 0.1: the tie
        assertThat(c.massNear(0.3)).isEqualTo(0.75);      // −0.2, 0, 0.25
        assertThat(c.median()).isCloseTo(0.125, within(1e-15));
    }

    @Test
    void logitsGoThroughSoftmaxAndAShiftChangesNothing() {
        Tensor logits = P.log();
        ClassificationConfidence c = ClassificationConfidence.ofLogits(logits, Y);
        assertThat(c.values()).containsExactly(ClassificationConfidence.ofProbabilities(P, Y).values(), within(1e-12));
        assertThat(ClassificationConfidence.ofLogits(logits.add(1000.0), Y).values()).containsExactly(c.values(), within(1e-12));
    }

    @Test
    void twoClassesGiveTheHyperbolicTangentOfHalfTheLogitGap() {
        // K = 2: δ = p_y − p_other = 2σ(s_y − s_o) − 1 = tanh((s_y − s_o)/2)
        Tensor logits = Tensor.randn(new Rng(3), 50, 2).mul(3.0);
        double[] s = logits.toArray();
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            y[i] = i % 2;
        }
        double[] d = ClassificationConfidence.confidences(logits, Tensor.of(y), true);
        for (int i = 0; i < 50; i++) {
            int label = (int) y[i];
            double gap = s[2 * i + label] - s[2 * i + 1 - label];
            assertThat(d[i]).isCloseTo(Math.tanh(gap / 2), within(1e-14));
        }
    }

    @Test
    void cdfHistogramAndMassAreOneDistribution() {
        Tensor logits = Tensor.randn(new Rng(11), 400, 5).mul(2.0);
        double[] y = new double[400];
        Rng rng = new Rng(12);
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(5);
        }
        ClassificationConfidence c = ClassificationConfidence.ofLogits(logits, Tensor.of(y));
        assertThat(c.size()).isEqualTo(400);
        assertThat(c.cdf(-1.0 - 1e-12)).isZero();
        assertThat(c.cdf(1.0)).isEqualTo(1.0);
        double previous = 0;
        for (double t = -1; t <= 1; t += 0.01) {
            assertThat(c.cdf(t)).isGreaterThanOrEqualTo(previous);
            previous = c.cdf(t);
            assertThat(c.massNear(Math.abs(t))).isCloseTo(c.fractionBelow(Math.abs(t)) - c.cdf(-Math.abs(t)), within(1e-15));
        }
        int bins = 20;
        long[] h = c.histogram(bins);
        long total = 0;
        for (int b = 0; b < bins; b++) {
            total += h[b];
            double lo = -1 + 0.1 * b;
            double hi = -1 + 0.1 * (b + 1);
            if (b < bins - 1 && b > 0) {
                // bin [lo, hi) holds N·(F(hi⁻) − F(lo⁻)) objects
                assertThat((double) h[b]).isCloseTo(400 * (c.fractionBelow(hi) - c.fractionBelow(lo)), within(1e-9));
            }
        }
        assertThat(total).isEqualTo(400);
        assertThat(c.accuracy()).isEqualTo(1 - c.cdf(0));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ClassificationConfidence.ofProbabilities(Tensor.of(0.5, 0.5), Tensor.of(0)))
                .hasMessageContaining("(N, K)");
        assertThatThrownBy(() -> ClassificationConfidence.ofProbabilities(P, Tensor.of(0, 1)))
                .hasMessageContaining("4 rows").hasMessageContaining("2 labels");
        assertThatThrownBy(() -> ClassificationConfidence.ofProbabilities(P, Tensor.of(0, 0, 3, 2)))
                .hasMessageContaining("label 3.0 of object 2");
        assertThatThrownBy(() -> ClassificationConfidence.ofValues(1.5)).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> ClassificationConfidence.ofValues(0.1).histogram(0)).hasMessageContaining("1 bin");
    }
}
