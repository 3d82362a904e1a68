package org.nabla.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.optim.Adam;
import org.nabla.prob.BayesianRegression;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Bayes by Backprop (Blundell et al. 2015) on a 1-d regression: y = sin(3x) + 0.1 ε observed at 40
 * points of [−1, −0.2] ∪ [0.4, 1] (a gap in the middle), a 1 → 32 → 1 ReLU network with a factorized
 * Gaussian posterior over every weight. The predictive mean ± 2 standard deviations, from 200 weight
 * draws, is drawn over [−3, 3]: narrow on the data, widening steadily outside it.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.BayesianRegressionBand
 * -Dargs=--quick}; writes {@code target/bnn-band.png}.
 */
public final class BayesianRegressionBand {
    private BayesianRegressionBand() {
    }

    /** Trains, prints and plots; returns {mean predictive std on the data, mean predictive std at |x| ≥ 2}. */
    public static double[] run(boolean quick, Path picture) throws Exception {
        Rng rng = new Rng(1);
        int n = 40;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            xs[i] = i % 2 == 0 ? -1 + 0.8 * u : 0.4 + 0.6 * u;
        }
        Tensor x = Tensor.of(xs).reshape(n, 1);
        Tensor y = Tensor.of(xs).mul(3.0).sin().add(Tensor.randn(rng, n).mul(0.1));
        BayesianRegression model = new BayesianRegression(1, 32, 1.0, 0.1, new Rng(2));
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-2).build();
        int steps = quick ? 300 : 3000;
        for (int step = 1; step <= steps; step++) {
            Variable loss = model.negativeElbo(Variable.constant(x), Variable.constant(y), n);
            adam.step(loss.backward());
            if (step % (steps / 5) == 0) {
                System.out.printf(Locale.ROOT, "step %4d: negative ELBO per example %.4f%n", step, loss.item());
            }
        }
        Tensor grid = Tensor.linspace(-3, 3, 121);
        BayesianRegression.Prediction p = model.predict(grid.reshape(121, 1), 200);
        double[] std = p.std().toArray();
        double on = 0;
        int onCount = 0;
        double away = 0;
        int awayCount = 0;
        double[] g = grid.toArray();
        for (int i = 0; i < g.length; i++) {
            if (Math.abs(g[i]) >= 2) {
                away += std[i];
                awayCount++;
            } else if ((g[i] >= -1 && g[i] <= -0.2) || (g[i] >= 0.4 && g[i] <= 1)) {
                on += std[i];
                onCount++;
            }
        }
        on /= onCount;
        away /= awayCount;
        System.out.printf(Locale.ROOT, "mean predictive std: on the data %.3f, at |x| >= 2 %.3f%n", on, away);
        if (picture != null) {
            ProbabilityPlots.band(picture, "Bayes by Backprop: predictive mean ± 2 std (200 weight draws)", g,
                    p.mean().toArray(), std, xs, y.toArray(), -3, 3);
            System.out.println("band written to " + picture);
        }
        return new double[] {on, away};
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "bnn-band.png"));
    }
}
