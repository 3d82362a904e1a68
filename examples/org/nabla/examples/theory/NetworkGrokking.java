package org.nabla.examples.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.optim.AdamW;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Agop;
import org.nabla.theory.CirculantStructure;
import org.nabla.theory.FeatureMachine;
import org.nabla.theory.ModularArithmetic;
import org.nabla.theory.NeuralFeatureAnsatz;

/**
 * Grokking x + y mod p in a neural network, and the AGOP it learns (Mallinar et al., arXiv 2407.20199,
 * 2024, §4; Gromov, "Grokking modular arithmetic", arXiv 2301.02679, 2023): a two-layer network
 * <pre>
 *   f(x) = W₂ (W₁x)²        W₁ ∈ ℝ^(h×2p), W₂ ∈ ℝ^(p×h), quadratic activation, no biases
 * </pre>
 * on one-hot pairs, trained full-batch on the square loss against one-hot targets by AdamW with
 * weight decay. Every {@code every} steps it reports train and test accuracy and the cross-block
 * circulant fraction of the network's AGOP over the training inputs and of its neural feature matrix
 * W₁ᵀW₁ ({@link CirculantStructure}), the structure RFM's M acquires.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.NetworkGrokking}
 * (p = 23, half the pairs, h = 256, η = 1e-3, λ = 1, 6,000 steps; {@code -Dargs=--quick}: 1,000 steps).
 */
public final class NetworkGrokking {
    private NetworkGrokking() {
    }

    /** Per report: the step, train and test accuracy, and the circulant fractions of the AGOP and of W₁ᵀW₁. */
    public record Report(int step, double trainAccuracy, double testAccuracy, double agopCirculant, double nfmCirculant) {
    }

    public static List<Report> run(int p, double fraction, int hidden, int steps, int every, double weightDecay,
            long seed) {
        ModularArithmetic task = ModularArithmetic.of(ModularArithmetic.Operation.ADD, p);
        FeatureMachine.Split[] split = task.split(task.randomTrainPairs(fraction, new Rng(seed)));
        Rng rng = new Rng(seed + 1);
        Parameter w1 = new Parameter("W1", Tensor.randn(rng, hidden, 2 * p).div(Math.sqrt(2 * p)));
        Parameter w2 = new Parameter("W2", Tensor.randn(rng, p, hidden).div(Math.sqrt(hidden)));
        AdamW opt = AdamW.builder(List.of(w1, w2)).learningRate(1e-3).weightDecay(weightDecay).build();
        Variable xTrain = Variable.constant(split[0].x());
        Variable yTrain = Variable.constant(split[0].y());
        List<Report> reports = new ArrayList<>();
        for (int step = 0; step <= steps; step++) {
            if (step % every == 0) {
                Tensor a = w1.value();
                Tensor b = w2.value();
                Function<Variable, Variable> f = v -> v.matmul(Variable.constant(a.transpose())).square()
                        .matmul(Variable.constant(b.transpose()));
                double trainAcc = FeatureMachine.Metrics.of(f.apply(xTrain).value(), split[0].y()).accuracy();
                double testAcc = FeatureMachine.Metrics.of(f.apply(Variable.constant(split[1].x())).value(),
                        split[1].y()).accuracy();
                double circ = CirculantStructure.crossBlockCirculantFraction(Agop.of(f, split[0].x()));
                double nfm = CirculantStructure.crossBlockCirculantFraction(NeuralFeatureAnsatz.neuralFeatureMatrix(a));
                reports.add(new Report(step, trainAcc, testAcc, circ, nfm));
                System.out.printf(Locale.ROOT, "step %5d: train acc %.3f, test acc %.3f, circulant: AGOP %.3f, W1^T W1 %.3f%n",
                        step, trainAcc, testAcc, circ, nfm);
            }
            if (step < steps) {
                Variable out = xTrain.matmul(w1.variable().transpose()).square().matmul(w2.variable().transpose());
                Variable loss = out.sub(yTrain).square().mean();
                opt.step(loss.backward());
            }
        }
        return reports;
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(23, 0.5, 256, quick ? 1000 : 6000, quick ? 250 : 500, 1.0, 0);
    }
}
