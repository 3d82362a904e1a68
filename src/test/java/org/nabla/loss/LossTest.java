package org.nabla.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.activation.LogSoftmax;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class LossTest {
    static final Tensor PRED = Tensor.of(new double[][] {{0.3, -1.2, 2.5}, {1.7, 0.05, -0.8}});
    static final Tensor TARGET = Tensor.of(new double[][] {{0.1, 0.4, 0.9}, {-0.6, 0.3, 0.2}});
    static final Tensor LOGITS = Tensor.randn(new Rng(21), 5, 4).mul(2.0);
    static final int[] LABELS = {3, 0, 1, 3, 2};
    static final Tensor BINARY = Tensor.of(new double[][] {{1, 0, 1}, {0, 0, 1}});
    static final Tensor PROBS = Tensor.of(new double[][] {{0.2, 0.7, 0.95}, {0.4, 0.1, 0.6}});

    // ------------------------------------------------------------------ gradient checks (away from kinks)

    @Test
    void regressionLossesPassGradCheckForEveryReduction() {
        for (Reduction r : Reduction.values()) {
            GradCheck.check(in -> new MeanSquaredError(r).forward(in.get(0), in.get(1)), PRED, TARGET).assertPassed();
            GradCheck.check(in -> new L1Loss(r).forward(in.get(0), in.get(1)), PRED, TARGET).assertPassed();
            GradCheck.check(in -> new Huber(1.0, r).forward(in.get(0), in.get(1)), PRED, TARGET).assertPassed();
            GradCheck.check(in -> new Huber(0.5, r).forward(in.get(0), in.get(1)), PRED, TARGET).assertPassed();
        }
    }

    @Test
    void binaryLossesPassGradCheckInBothArguments() {
        Tensor soft = Tensor.of(new double[][] {{0.9, 0.2, 0.6}, {0.3, 0.05, 0.75}});
        GradCheck.check(in -> new BinaryCrossEntropy().forward(in.get(0), in.get(1)), PROBS, soft).assertPassed();
        GradCheck.check(in -> new BinaryCrossEntropyWithLogits(Reduction.SUM).forward(in.get(0), in.get(1)), PRED,
                soft).assertPassed();
        GradCheck.check(in -> new FocalLoss().forward(in.get(0), in.get(1)), PRED, soft).assertPassed();
        GradCheck.check(in -> new FocalLoss(-1.0, 1.5, Reduction.NONE).forward(in.get(0), in.get(1)), PRED, soft)
                .assertPassed();
        Tensor p = Tensor.of(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}});
        Tensor logQ = Tensor.of(new double[][] {{0.3, 0.3, 0.4}, {0.2, 0.2, 0.6}}).log();
        GradCheck.check(in -> new KLDivergence().forward(in.get(0), in.get(1)), logQ, p).assertPassed();
    }

    @Test
    void classificationLossesPassGradCheck() {
        Tensor w = Tensor.of(0.5, 2.0, 1.0, 1.5);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            GradCheck.check(in -> new CrossEntropy(r).forward(in.get(0), LABELS), LOGITS).assertPassed();
            GradCheck.check(in -> new CrossEntropy(r, 0.2, w).forward(in.get(0), LABELS), LOGITS).assertPassed();
            GradCheck.check(in -> new NegativeLogLikelihood(r, w).forward(in.get(0), LABELS), LOGITS).assertPassed();
            GradCheck.check(in -> new MultiMarginHinge(1, 0.7, null, r).forward(in.get(0), LABELS), LOGITS)
                    .assertPassed();
            GradCheck.check(in -> new MultiMarginHinge(2, 1.0, w, r).forward(in.get(0), LABELS), LOGITS)
                    .assertPassed();
        }
    }

    // ------------------------------------------------------------------ values

    @Test
    void valuesAgreeWithTheFormulas() {
        Variable a = Variable.constant(Tensor.of(1.0, 2.0, 5.0));
        Variable b = Variable.constant(Tensor.of(1.5, 0.0, 1.0));
        assertThat(new MeanSquaredError().forward(a, b).item()).isCloseTo((0.25 + 4 + 16) / 3, within(1e-15));
        assertThat(new L1Loss(Reduction.SUM).forward(a, b).item()).isCloseTo(6.5, within(1e-15));
        assertThat(new Huber(1.0, Reduction.NONE).forward(a, b).value().toArray()).containsExactly(0.125, 1.5, 3.5);
        assertThat(new Huber(2.5, Reduction.NONE).forward(a, b).value().toArray()).containsExactly(0.125, 2.0,
                2.5 * (4 - 1.25));
        assertThat(new KLDivergence(Reduction.NONE).forward(Variable.constant(Tensor.of(-1.0, -2.0)),
                Variable.constant(Tensor.of(0.0, 0.5))).value().toArray())
                .containsExactly(0.0, 0.5 * (Math.log(0.5) + 2.0));
        // batchmean: divided by the batch size, not the number of entries
        Variable logQ = Variable.constant(Tensor.full(org.nabla.tensor.Shape.of(2, 4), Math.log(0.25)));
        Variable p = Variable.constant(Tensor.of(new double[][] {{1, 0, 0, 0}, {0.5, 0.5, 0, 0}}));
        assertThat(new KLDivergence().forward(logQ, p).item()).isCloseTo((Math.log(4) + Math.log(2)) / 2,
                within(1e-14));
        // the hinge: (1/C) Σ_{j≠y} max(0, 1 − x_y + x_j)
        Variable s = Variable.constant(Tensor.of(new double[][] {{0.1, 0.2, 0.4, 0.8}}));
        assertThat(new MultiMarginHinge().forward(s, new int[] {3}).item())
                .isCloseTo((0.3 + 0.4 + 0.6) / 4, within(1e-15));
    }

    @Test
    void crossEntropyEqualsNllOfLogSoftmax() {
        Tensor w = Tensor.of(0.5, 2.0, 1.0, 1.5);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            Variable z = Variable.leaf(LOGITS);
            Variable ce = new CrossEntropy(r, 0.0, w).forward(z, LABELS);
            Variable z2 = Variable.leaf(LOGITS);
            Variable nll = new NegativeLogLikelihood(r, w).forward(LogSoftmax.logSoftmax(z2, 1), LABELS);
            assertThat(ce.value().allClose(nll.value(), 1e-15, 0)).isTrue();
            Tensor seed = Tensor.randn(new Rng(2), ce.shape().dims());
            assertThat(ce.backward(seed).of(z).allClose(nll.backward(seed).of(z2), 1e-14, 1e-16)).isTrue();
        }
        // gradient of the mean cross-entropy is (softmax − one-hot)/N
        Variable z = Variable.leaf(LOGITS);
        Tensor g = new CrossEntropy().forward(z, LABELS).backward().of(z);
        Tensor expected = LOGITS.sub(LOGITS.logSumExp(new int[] {1}, true)).exp().sub(Tensor.oneHot(LABELS, 4))
                .div(5.0);
        assertThat(g.allClose(expected, 1e-12, 1e-15)).isTrue();
    }

    @Test
    void labelSmoothingMixesTheOneHotTargetWithTheUniform() {
        double eps = 0.3;
        Tensor logP = LOGITS.sub(LOGITS.logSumExp(new int[] {1}, true));
        Tensor q = Tensor.oneHot(LABELS, 4).mul(1 - eps).add(eps / 4);
        double expected = -logP.mul(q).sum().item() / 5;
        assertThat(new CrossEntropy(Reduction.MEAN, eps, null).forward(Variable.constant(LOGITS), LABELS).item())
                .isCloseTo(expected, within(1e-13));
    }

    @Test
    void bceWithLogitsEqualsBceOfSigmoidWhereBothAreFinite() {
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.NONE}) {
            Variable x = Variable.leaf(PRED);
            Variable x2 = Variable.leaf(PRED);
            Variable y = Variable.constant(BINARY);
            Variable withLogits = new BinaryCrossEntropyWithLogits(r).forward(x, y);
            Variable composed = new BinaryCrossEntropy(r).forward(x2.sigmoid(), y);
            assertThat(withLogits.value().allClose(composed.value(), 1e-13, 1e-15)).isTrue();
            Tensor seed = Tensor.ones(withLogits.shape());
            assertThat(withLogits.backward(seed).of(x).allClose(composed.backward(seed).of(x2), 1e-12, 1e-15))
                    .isTrue();
        }
    }

    @Test
    void stableForHugeLogits() {
        Variable x = Variable.leaf(Tensor.of(new double[][] {{800, -800}, {-800, 800}}));
        Variable y = Variable.constant(Tensor.of(new double[][] {{1, 0}, {1, 0}}));
        Variable bce = new BinaryCrossEntropyWithLogits(Reduction.NONE).forward(x, y);
        assertThat(bce.value().toArray()).containsExactly(0.0, 0.0, 800.0, 800.0);
        assertThat(bce.sum().backward().of(x).toArray()).containsExactly(0.0, 0.0, -1.0, 1.0);
        Variable focal = new FocalLoss(0.25, 2.0, Reduction.SUM).forward(x, y);
        assertThat(Double.isFinite(focal.item())).isTrue();
        assertThat(allFinite(focal.backward().of(x).toArray())).isTrue();

        Variable z = Variable.leaf(Tensor.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 999}}));
        Variable ce = new CrossEntropy(Reduction.NONE).forward(z, new int[] {1, 2});
        assertThat(ce.value().toArray()[0]).isEqualTo(2000.0);
        assertThat(ce.value().toArray()[1]).isCloseTo(1.0 + Math.log1p(Math.exp(-1.0)), within(1e-12));
        assertThat(allFinite(ce.sum().backward().of(z).toArray())).isTrue();
        // BCE on probabilities clamps its logarithms at −100 and its derivative's denominator at 1e-12
        Variable p = Variable.leaf(Tensor.of(0.0, 1.0, 0.0));
        Variable t = Variable.constant(Tensor.of(1.0, 0.0, 0.0));
        Variable clamped = new BinaryCrossEntropy(Reduction.NONE).forward(p, t);
        assertThat(clamped.value().toArray()).containsExactly(100.0, 100.0, 0.0);
        assertThat(clamped.sum().backward().of(p).toArray()).containsExactly(-1e12, 1e12, 0.0);
    }

    @Test
    void theTargetOfACrossEntropyMayBeGivenAsAVariableOfWholeNumbers() {
        Variable z = Variable.constant(LOGITS);
        Variable t = Variable.constant(Tensor.of(3, 0, 1, 3, 2));
        assertThat(new CrossEntropy().forward(z, t).item()).isEqualTo(new CrossEntropy().forward(z, LABELS).item());
        assertThat(new MultiMarginHinge().apply(z, t).item()).isEqualTo(new MultiMarginHinge().forward(z, LABELS)
                .item());
        assertThatThrownBy(() -> new NegativeLogLikelihood().forward(z, Variable.constant(Tensor.of(3, 0, 1.5, 3, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NegativeLogLikelihood: target value 1.5 at position 2 is not a class label "
                        + "(expected a whole number)");
    }

    @Test
    void focalLossWithoutFocusingOrBalancingIsTheCrossEntropy() {
        Variable x = Variable.constant(PRED);
        Variable y = Variable.constant(BINARY);
        assertThat(new FocalLoss(-1.0, 0.0).forward(x, y).item())
                .isCloseTo(new BinaryCrossEntropyWithLogits().forward(x, y).item(), within(1e-15));
        // α-balancing and (1 − p_t)^γ, entry by entry
        double[] l = new FocalLoss(0.25, 2.0, Reduction.NONE).forward(x, y).value().toArray();
        double[] xs = PRED.toArray();
        double[] ys = BINARY.toArray();
        for (int i = 0; i < l.length; i++) {
            double pr = 1 / (1 + Math.exp(-xs[i]));
            double pt = ys[i] == 1 ? pr : 1 - pr;
            double at = ys[i] == 1 ? 0.25 : 0.75;
            assertThat(l[i]).isCloseTo(-at * Math.pow(1 - pt, 2) * Math.log(pt), within(1e-14));
        }
    }

    // ------------------------------------------------------------------ errors

    @Test
    void errorsSayWhatHappened() {
        Variable z = Variable.constant(LOGITS);
        assertThatThrownBy(() -> new CrossEntropy().forward(z, new int[] {3, 0, 7, 3, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CrossEntropy: label 7 at position 2 is out of range for 4 classes (expected 0 ≤ label < 4)");
        assertThatThrownBy(() -> new NegativeLogLikelihood().forward(z, new int[] {-1, 0, 1, 3, 2}))
                .hasMessageContaining("label -1 at position 0 is out of range for 4 classes");
        assertThatThrownBy(() -> new MultiMarginHinge().forward(z, new int[] {1, 2}))
                .hasMessage("MultiMarginHinge: input has shape [5, 4] (batch of 5) but 2 labels were given "
                        + "(expected one label per row)");
        assertThatThrownBy(() -> new CrossEntropy().forward(Variable.constant(Tensor.zeros(4)), new int[] {1}))
                .hasMessageContaining("expected an input of shape (N, C)");
        assertThatThrownBy(() -> new MeanSquaredError().forward(Variable.constant(Tensor.zeros(2, 3)),
                Variable.constant(Tensor.zeros(3, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MeanSquaredError: prediction has shape [2, 3] but target has shape [3, 2] "
                        + "(expected equal shapes)");
        assertThatThrownBy(() -> new BinaryCrossEntropyWithLogits().forward(Variable.constant(Tensor.zeros(2)),
                Variable.constant(Tensor.zeros(3)))).hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> new BinaryCrossEntropy().forward(Variable.constant(Tensor.of(0.5, 1.2)),
                Variable.constant(Tensor.of(1.0, 0.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BinaryCrossEntropy: probability 1.2 at flat position 1 (input shape [2]) "
                        + "is outside [0, 1]");
        assertThatThrownBy(() -> new Huber(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Huber: delta must be positive and finite, got δ = -1.0");
        assertThatThrownBy(() -> new CrossEntropy(Reduction.MEAN, 1.0, null))
                .hasMessage("CrossEntropy: label smoothing ε must be in [0, 1), got ε = 1.0");
        assertThatThrownBy(() -> new CrossEntropy(Reduction.MEAN, -0.1, null)).hasMessageContaining("got ε = -0.1");
        assertThatThrownBy(() -> new CrossEntropy(Reduction.MEAN, 0.0, Tensor.ones(3)).forward(z, LABELS))
                .hasMessage("CrossEntropy: class weights have shape [3] but the input has 4 classes "
                        + "(expected shape [4])");
        assertThatThrownBy(() -> new FocalLoss(0.25, -2.0)).hasMessageContaining("gamma must be finite and ≥ 0");
        assertThatThrownBy(() -> new MultiMarginHinge(3, 1.0, null, Reduction.MEAN))
                .hasMessage("MultiMarginHinge: p must be 1 or 2, got p = 3");
        assertThatThrownBy(() -> new MeanSquaredError(null)).hasMessageContaining("reduction must not be null");
    }

    @Test
    void reductionsCombinePerEntryLosses() {
        Variable l = Variable.constant(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        assertThat(Reduction.MEAN.reduce(l).item()).isEqualTo(3.5);
        assertThat(Reduction.SUM.reduce(l).item()).isEqualTo(21.0);
        assertThat(Reduction.BATCH_MEAN.reduce(l).item()).isEqualTo(7.0);
        assertThat(Reduction.NONE.reduce(l)).isSameAs(l);
        assertThat(new Huber(2.0).toString()).isEqualTo("Huber(delta=2.0, reduction=MEAN)");
        Gradients g = new MeanSquaredError(Reduction.NONE).forward(Variable.leaf(PRED), Variable.constant(TARGET))
                .sum().backward();
        assertThat(g.size()).isEqualTo(1);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
