package org.nabla.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.optim.Adam;
import org.nabla.prob.RealNVP;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A RealNVP flow (Dinh et al. 2017) of eight affine couplings learns the two-moons density by
 * maximum likelihood: minimize −(1/B) Σ log p_X(x) = −(1/B) Σ [log 𝒩(f(x); 0, I) + log |det ∂f/∂x|].
 * The data are standardized two moons (2,000 points, noise 0.05). It prints the mean negative
 * log-likelihood per epoch and writes three panels: the data, samples x = f⁻¹(z) before training, and
 * samples after.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.FlowTwoMoons
 * -Dargs=--quick}; writes {@code target/flow-two-moons.png}.
 */
public final class FlowTwoMoons {
    private FlowTwoMoons() {
    }

    /** Trains and plots; returns {mean NLL before, mean NLL after} on the data. */
    public static double[] run(boolean quick, Path picture) throws Exception {
        TensorDataset moons = Synthetic.twoMoons(2000, 0.05, 1);
        Tensor raw = moons.features();
        Tensor data = raw.sub(raw.mean(0)).div(raw.std(new int[] {0}, false, false));
        RealNVP flow = new RealNVP(2, 8, 32, new Rng(2));
        Adam adam = Adam.builder(flow.parameters()).learningRate(2e-3).build();
        Tensor before = flow.sample(new Rng(3), 1000);
        double nllBefore = -flow.logProb(Variable.constant(data)).value().mean().item();
        System.out.printf(Locale.ROOT, "before training: NLL %.4f nats per point%n", nllBefore);
        DataLoader loader = DataLoader.shuffled(new TensorDataset(data, moons.targets()), 128, 4);
        int epochs = quick ? 2 : 60;
        double nll = nllBefore;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch b : loader.epoch(epoch)) {
                adam.step(flow.logProb(Variable.constant(b.features())).mean().neg().backward());
            }
            nll = -flow.logProb(Variable.constant(data)).value().mean().item();
            System.out.printf(Locale.ROOT, "epoch %2d: NLL %.4f%n", epoch + 1, nll);
        }
        if (picture != null) {
            Tensor after = flow.sample(new Rng(3), 1000);
            ProbabilityPlots.scatter(picture, -3, 3, new String[] {"data (standardized two moons)",
                "flow samples before training", "flow samples after training"}, data, before, after);
            System.out.println("samples written to " + picture);
        }
        return new double[] {nllBefore, nll};
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "flow-two-moons.png"));
    }
}
