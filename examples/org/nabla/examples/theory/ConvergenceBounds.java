package org.nabla.examples.theory;

import java.util.Locale;
import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.ConvexObjectives;
import org.nabla.theory.GradientDescentRate;
import org.nabla.theory.GradientDescentTrajectory;
import org.nabla.theory.PolyakLojasiewicz;
import org.nabla.theory.SmoothnessConstants;

/**
 * Gradient descent beside its convergence theorem (Berlyand &amp; Jabin, <i>Mathematics of Deep
 * Learning</i>, 2023, ch. on training; Karimi, Nutini &amp; Schmidt 2016, Thm 1): for an L-smooth,
 * μ-strongly convex f, GD with step 1/L satisfies f(θₖ) − f* ≤ (1 − μ/L)ᵏ (f(θ₀) − f*), and any step
 * η &lt; 2/L decreases f; above 2/L it diverges.
 *
 * <p>Two objectives, seeded: least squares (1/2n)‖Xθ − y‖² with X ∈ ℝ²⁰⁰ˣ⁸ standard normal with column j scaled by
 * 1/(1 + j/2) (condition number about 40) and
 * y = Xw + 0.1ε, whose L and μ are measured by Lanczos on Hessian-vector products
 * ({@link SmoothnessConstants}); and L2-regularized logistic regression (λ = 0.05) on the same X with
 * labels sign(Xw + 0.5ε), with the global constants L̄ = ‖X‖₂²/(4n) + λ and μ = λ. The tables print
 * the measured gap f(θₖ) − f* beside the bound; f* is the closed form for least squares and the value
 * after 3000 steps for logistic regression, whose Hessian is also measured at θ₀ and θ₃₀₀₀ (μ ≥ λ and
 * L ≤ L̄ there). Then GD on least squares at η = 1.9/L and at 2.1/L.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.ConvergenceBounds}
 */
public final class ConvergenceBounds {
    private ConvergenceBounds() {
    }

    /** Measured gaps f(θₖ) − f*, the bound at each k, and the constants used. */
    public record Curve(String name, double smoothness, double strongConvexity, double[] gaps, double[] bounds,
            double plEstimate) {
    }

    /** The three experiments: least squares, logistic regression, and the two steps around 2/L. */
    public record Result(Curve leastSquares, Curve logistic, SmoothnessConstants logisticAtStart,
            SmoothnessConstants logisticAtEnd, double[] belowTwoOverL, double[] aboveTwoOverL) {
    }

    static final int N = 200;
    static final int D = 8;

    public static Result run(int steps) {
        Rng rng = new Rng(2026);
        double[] scale = new double[D];
        for (int j = 0; j < D; j++) {
            scale[j] = 1 / (1 + j / 2.0);
        }
        Tensor x = Tensor.randn(rng, N, D).mul(Tensor.of(scale));
        Tensor w = Tensor.randn(rng, D);
        Tensor y = x.matmul(w).add(Tensor.randn(rng, N).mul(0.1));
        Tensor theta0 = Tensor.randn(rng, D).mul(2);

        Function<Variable, Variable> ls = ConvexObjectives.leastSquares(x, y);
        SmoothnessConstants c = SmoothnessConstants.at(ls, theta0, D, new Rng(1));
        Tensor gram = x.transpose().matmul(x).div(N);
        double lsStar = ConvexObjectives.quadraticMinimum(gram, x.transpose().matmul(y).div(N)) + y.dot(y) / (2.0 * N);
        GradientDescentTrajectory lsRun = GradientDescentTrajectory.run(ls, theta0, c.rate().step(), steps);
        Curve lsCurve = curve("least squares", c.rate(), lsRun, lsStar);

        double[] noisy = x.matmul(w).add(Tensor.randn(rng, N).mul(0.5)).toArray();
        double[] labels = new double[N];
        for (int i = 0; i < N; i++) {
            labels[i] = noisy[i] > 0 ? 1 : -1;
        }
        double lambda = 0.05;
        Function<Variable, Variable> lr = ConvexObjectives.logisticRegression(x, Tensor.of(labels), lambda);
        GradientDescentRate global = new GradientDescentRate(ConvexObjectives.logisticSmoothnessBound(x, lambda), lambda);
        GradientDescentTrajectory lrRun = GradientDescentTrajectory.run(lr, theta0, global.step(), 3000);
        double[] lrValues = lrRun.values();
        Curve lrCurve = curve("logistic regression", global, lrRun, lrValues[lrValues.length - 1]);

        double[] below = gaps(GradientDescentTrajectory.run(ls, theta0, 1.9 * c.rate().step(), steps), lsStar);
        double[] above = gaps(GradientDescentTrajectory.run(ls, theta0, 2.1 * c.rate().step(), steps), lsStar);
        SmoothnessConstants atStart = SmoothnessConstants.at(lr, theta0, D, new Rng(2));
        SmoothnessConstants atEnd = SmoothnessConstants.at(lr, lrRun.iterates().get(lrRun.length() - 1), D, new Rng(3));
        return new Result(lsCurve, lrCurve, atStart, atEnd, below, above);
    }

    private static Curve curve(String name, GradientDescentRate rate, GradientDescentTrajectory t, double fStar) {
        double[] gaps = gaps(t, fStar);
        double[] bounds = new double[gaps.length];
        for (int k = 0; k < gaps.length; k++) {
            bounds[k] = rate.bound(k) * gaps[0];
        }
        double pl = PolyakLojasiewicz.estimate(t, fStar);
        return new Curve(name, rate.smoothness(), rate.strongConvexity(), gaps, bounds, pl);
    }

    private static double[] gaps(GradientDescentTrajectory t, double fStar) {
        double[] v = t.values();
        for (int k = 0; k < v.length; k++) {
            v[k] -= fStar;
        }
        return v;
    }

    public static void main(String[] args) {
        Result r = run(100);
        int[] ks = {0, 1, 2, 5, 10, 20, 40, 60, 100};
        for (Curve c : new Curve[] {r.leastSquares(), r.logistic()}) {
            System.out.printf(Locale.ROOT, "%s: L = %.6f, mu = %.6f, 2/L = %.6f, PL estimate = %.6f%n",
                    c.name(), c.smoothness(), c.strongConvexity(), 2 / c.smoothness(), c.plEstimate());
            System.out.printf(Locale.ROOT, "  %4s  %14s  %14s%n", "k", "f - f*", "(1-mu/L)^k gap0");
            for (int k : ks) {
                System.out.printf(Locale.ROOT, "  %4d  %14.6e  %14.6e%n", k, c.gaps()[k], c.bounds()[k]);
            }
        }
        System.out.printf(Locale.ROOT, "logistic Hessian by Lanczos: at theta_0 L = %.6f, mu = %.6f; at theta_3000 L = %.6f, mu = %.6f%n",
                r.logisticAtStart().smoothness(), r.logisticAtStart().strongConvexity(),
                r.logisticAtEnd().smoothness(), r.logisticAtEnd().strongConvexity());
        System.out.println("least squares, f - f* at eta = 1.9/L and eta = 2.1/L:");
        for (int k : ks) {
            System.out.printf(Locale.ROOT, "  %4d  %14.6e  %14.6e%n", k, r.belowTwoOverL()[k], r.aboveTwoOverL()[k]);
        }
    }
}
