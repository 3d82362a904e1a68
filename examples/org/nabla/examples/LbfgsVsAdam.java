package org.nabla.examples;

import java.util.Locale;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Variable;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.optim.Closure;
import org.nabla.optim.LBFGS;
import org.nabla.tensor.Rng;

/**
 * Full-batch L-BFGS with a strong-Wolfe line search (Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, §7.2 and §3.5) against Adam (Kingma &amp; Ba, 2015) on the same small problem and
 * the same budget of gradient evaluations.
 *
 * <p>The problem: a 2 → 16 → 2 tanh network, f(x) = W₂ tanh(W₁x + b₁) + b₂, on 200 points of the two
 * moons (noise 0.1), minimizing the mean cross-entropy over the whole set (a deterministic,
 * smooth objective — the setting L-BFGS is made for). Both start from the same initial weights.
 * One "evaluation" is one forward and backward pass over the 200 points: Adam takes one step per
 * evaluation; L-BFGS spends one per iteration plus the extra ones of its line search, and is
 * stopped once its closure has been called {@code budget} times (counted by the closure itself)
 * or when it has converged (a call of {@code step} that returns after one evaluation); Adam then
 * gets as many evaluations as L-BFGS used, and, for fairness, its loss after the whole budget is
 * reported too.
 * Adam's learning rate 0.01 is a common default, not tuned.
 *
 * <p>The figure is the final training loss of each; see docs/examples.md for what was observed.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.LbfgsVsAdam}.
 */
public final class LbfgsVsAdam {
    private LbfgsVsAdam() {
    }

    /**
     * Final losses.
     *
     * @param initial the loss at the common starting point
     * @param lbfgs L-BFGS's loss after its budget
     * @param adam Adam's loss after the same number of evaluations
     * @param evaluations the evaluations L-BFGS used (at most the budget; fewer when it converged)
     * @param adamFullBudget Adam's loss after the whole budget, in case L-BFGS stopped early
     */
    public record Result(double initial, double lbfgs, double adam, int evaluations, double adamFullBudget) {
    }

    private static Sequential model() {
        Rng rng = new Rng(11);
        return new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 2, rng));
    }

    /** Runs both optimizers with {@code budget} gradient evaluations each. */
    public static Result run(int budget) {
        TensorDataset data = Synthetic.twoMoons(200, 0.1, 3);
        Variable x = Variable.constant(data.features());
        Variable y = Variable.constant(data.targets());
        CrossEntropy ce = new CrossEntropy();

        Sequential a = model();
        Sequential b = model();
        double initial = ce.forward(a.forward(x), y).item();

        // L-BFGS: the closure counts its own calls; stop when the budget is spent
        LBFGS lbfgs = LBFGS.builder(a.parameters()).lineSearch(LBFGS.LineSearch.STRONG_WOLFE).maxIter(20)
                .historySize(20).build();
        int[] calls = {0};
        Closure closure = Closure.of(() -> {
            calls[0]++;
            return ce.forward(a.forward(x), y);
        });
        int outer = 0;
        while (calls[0] < budget) {
            int before = calls[0];
            lbfgs.step(closure);
            outer++;
            System.out.printf(Locale.ROOT, "L-BFGS step(closure) %2d: %3d evaluations so far, loss %.6e%n", outer,
                    calls[0], ce.forward(a.forward(x), y).item());
            if (calls[0] == before + 1) {
                break; // converged: the step returned after its first evaluation
            }
        }
        int used = calls[0];
        double lbfgsLoss = ce.forward(a.forward(x), y).item();

        Adam adam = Adam.builder(b.parameters()).learningRate(0.01).build();
        double adamLoss = Double.NaN;
        for (int step = 1; step <= Math.max(used, budget); step++) {
            Variable loss = ce.forward(b.forward(x), y);
            adam.step(loss.backward());
            if (step == used) {
                adamLoss = ce.forward(b.forward(x), y).item();
            }
        }
        double adamFull = ce.forward(b.forward(x), y).item();
        System.out.printf(Locale.ROOT, "initial loss %.6f%n", initial);
        System.out.printf(Locale.ROOT, "after %d gradient evaluations each: L-BFGS (strong Wolfe) loss %.6e, Adam(0.01) loss %.6e%n",
                used, lbfgsLoss, adamLoss);
        System.out.printf(Locale.ROOT, "Adam given the whole budget of %d evaluations: loss %.6e%n", budget, adamFull);
        return new Result(initial, lbfgsLoss, adamLoss, used, adamFull);
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick ? 100 : 500);
    }
}
