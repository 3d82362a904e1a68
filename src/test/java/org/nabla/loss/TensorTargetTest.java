package org.nabla.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Every loss takes its target as a plain Tensor (as a Batch holds it): same value and gradient as a constant Variable. */
class TensorTargetTest {
    private static final Tensor PRED = Tensor.of(new double[][] {{0.3, -1.2, 2.5}, {1.7, 0.05, -0.8}});
    private static final Tensor REAL = Tensor.of(new double[][] {{0.1, 0.4, 0.9}, {-0.6, 0.3, 0.2}});
    private static final Tensor PROBS = Tensor.of(new double[][] {{0.2, 0.7, 0.95}, {0.4, 0.1, 0.6}});
    private static final Tensor BINARY = Tensor.of(new double[][] {{1, 0, 1}, {0, 0, 1}});
    private static final Tensor LABELS = Tensor.of(2, 0);
    private static final Tensor LOG_Q = PRED.sub(PRED.logSumExp(new int[] {1}, true));
    private static final Tensor P = Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}});

    private record Case(Loss loss, Tensor prediction, Tensor target) {
    }

    private static List<Case> everyLoss() {
        return List.of(new Case(new MeanSquaredError(), PRED, REAL), new Case(new L1Loss(), PRED, REAL),
                new Case(new Huber(0.5), PRED, REAL), new Case(new BinaryCrossEntropy(), PROBS, BINARY),
                new Case(new BinaryCrossEntropyWithLogits(), PRED, BINARY), new Case(new FocalLoss(), PRED, BINARY),
                new Case(new KLDivergence(), LOG_Q, P), new Case(new CrossEntropy(), PRED, LABELS),
                new Case(new NegativeLogLikelihood(), LOG_Q, LABELS), new Case(new MultiMarginHinge(), PRED, LABELS));
    }

    @Test
    void aTensorTargetGivesTheSameLossAndGradientAsAConstantVariable() {
        List<Case> cases = everyLoss();
        assertThat(cases).hasSize(10);
        for (Case c : cases) {
            Variable x1 = Variable.leaf(c.prediction());
            Variable x2 = Variable.leaf(c.prediction());
            Variable viaTensor = c.loss().forward(x1, c.target());
            Variable viaVariable = c.loss().forward(x2, Variable.constant(c.target()));
            assertThat(viaTensor.value()).as(c.loss().toString()).isEqualTo(viaVariable.value());
            assertThat(viaTensor.value().rank()).isZero();
            Gradients g1 = viaTensor.backward();
            Gradients g2 = viaVariable.backward();
            assertThat(g1.of(x1)).as(c.loss().toString()).isEqualTo(g2.of(x2));
        }
    }

    @Test
    void aBatchsTargetsGoStraightIntoTheLoss() {
        TensorDataset data = new TensorDataset(Tensor.randn(new Rng(1), 6, 3), Tensor.of(0, 2, 1, 1, 0, 2));
        for (Batch b : DataLoader.sequential(data, 3).epoch(0)) {
            Variable logits = Variable.constant(b.features());
            double loss = new CrossEntropy().forward(logits, b.targets()).item();
            // −log softmax(x)_y averaged over the batch, by hand
            double sum = 0;
            for (int i = 0; i < b.size(); i++) {
                Tensor row = b.features().select(0, i);
                sum += row.logSumExp(0).item() - row.get((int) b.targets().get(i));
            }
            assertThat(loss).isCloseTo(sum / b.size(), org.assertj.core.api.Assertions.within(1e-14));
        }
    }
}
