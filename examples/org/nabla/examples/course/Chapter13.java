package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.RobbinsMonroLR;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.ConvexObjectives;
import org.nabla.theory.GradientDescentRate;
import org.nabla.theory.GradientDescentTrajectory;
import org.nabla.theory.PolyakLojasiewicz;
import org.nabla.theory.SmoothnessConstants;
import org.nabla.train.AccuracyStable;
import org.nabla.train.History;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * Course chapter 13, does training converge and when is it done: the smoothness constant L and the
 * admissible steps η &lt; 2/L of gradient descent on least squares, the rate (1 − μ/L)ᵏ beside a
 * measured curve, the Polyak–Łojasiewicz inequality on a non-convex function, Robbins–Monro steps for
 * SGD, and the confidence rule {@link AccuracyStable} on a small network. Every method body is quoted
 * verbatim in {@code docs/course/13-convergence.md}.
 */
public final class Chapter13 {
    private static final int N = 200;
    private static final int D = 5;

    private Chapter13() {
    }

    /** Least squares (1/2n)‖Xθ − y‖² with X ∈ ℝ²⁰⁰ˣ⁵ standard normal, column j scaled by 1/(1 + j), y = Xw + 0.1ε (seed 13). */
    public record LeastSquares(Tensor x, Tensor y, Tensor theta0, double fStar) {
        /** The objective as a function of θ. */
        public Function<Variable, Variable> f() {
            return ConvexObjectives.leastSquares(x, y);
        }
    }

    /** The §13.1–13.2 problem: X, y, the start θ₀ and the optimal value f* in closed form. */
    public static LeastSquares leastSquares() {
        Rng rng = new Rng(13);
        double[] scale = new double[D];
        for (int j = 0; j < D; j++) {
            scale[j] = 1.0 / (1 + j);
        }
        Tensor x = Tensor.randn(rng, N, D).mul(Tensor.of(scale));
        Tensor y = x.matmul(Tensor.randn(rng, D)).add(Tensor.randn(rng, N).mul(0.1));
        Tensor theta0 = Tensor.randn(rng, D).mul(2);
        Tensor gram = x.transpose().matmul(x).div(N);
        double fStar = ConvexObjectives.quadraticMinimum(gram, x.transpose().matmul(y).div(N)) + y.dot(y) / (2.0 * N);
        return new LeastSquares(x, y, theta0, fStar);
    }

    /** What §13.2 measures: the gaps f(θₖ) − f* at η = 1/L, 1.9/L and 2.1/L and the bound (1 − μ/L)ᵏ. */
    public record Rates(GradientDescentRate rate, double[] gaps, double[] bounds, double[] below, double[] above,
            boolean monotone) {
    }

    /** The gaps f(θₖ) − f* of a trajectory. */
    static double[] gaps(GradientDescentTrajectory t, double fStar) {
        double[] v = t.values();
        for (int k = 0; k < v.length; k++) {
            v[k] -= fStar;
        }
        return v;
    }

    /** §13.1 L and μ of least squares measured by Lanczos on Hessian-vector products, against λ_max(XᵀX)/n. */
    public static SmoothnessConstants smoothness(PrintStream out) {
        LeastSquares p = leastSquares();
        SmoothnessConstants c = SmoothnessConstants.at(p.f(), p.theta0(), D, new Rng(1));
        double exact = ConvexObjectives.leastSquaresSmoothness(p.x());
        out.printf(Locale.ROOT, "measured L = %.10f, λ_max(XᵀX)/n = %.10f, difference %.1e%n", c.smoothness(), exact,
                Math.abs(c.smoothness() - exact));
        out.printf(Locale.ROOT, "μ = %.6f, κ = L/μ = %.2f, largest admissible step 2/L = %.6f%n", c.strongConvexity(),
                c.conditionNumber(), c.rate().maxStep());
        return c;
    }

    /** §13.2 The gap f(θₖ) − f* at η = 1/L beside (1 − μ/L)ᵏ, then at η = 1.9/L and 2.1/L. */
    public static Rates rate(PrintStream out) {
        LeastSquares p = leastSquares();
        GradientDescentRate rate = SmoothnessConstants.at(p.f(), p.theta0(), D, new Rng(1)).rate();
        GradientDescentTrajectory run = GradientDescentTrajectory.run(p.f(), p.theta0(), rate.step(), 100);
        double[] gaps = gaps(run, p.fStar());
        double[] bounds = new double[gaps.length];
        for (int k = 0; k < gaps.length; k++) {
            bounds[k] = rate.bound(k) * gaps[0];
        }
        double[] below = gaps(GradientDescentTrajectory.run(p.f(), p.theta0(), 1.9 * rate.step(), 100), p.fStar());
        double[] above = gaps(GradientDescentTrajectory.run(p.f(), p.theta0(), 2.1 * rate.step(), 100), p.fStar());
        out.println("   k   η = 1/L      (1 − μ/L)ᵏ·gap₀   η = 1.9/L    η = 2.1/L");
        for (int k : new int[] {0, 10, 20, 50, 100}) {
            out.printf(Locale.ROOT, "%4d   %.3e    %.3e         %.3e    %.3e%n", k, gaps[k], bounds[k], below[k], above[k]);
        }
        return new Rates(rate, gaps, bounds, below, above, run.isMonotone());
    }

    /** §13.3 PL without convexity: f(θ) = θ² + 3 sin²θ (Karimi, Nutini &amp; Schmidt 2016), L = 8, μ = 1/32. */
    public static double polyakLojasiewicz(PrintStream out) {
        Function<Variable, Variable> f = t -> t.square().add(t.sin().square().mul(3)).sum(null, false);
        GradientDescentRate rate = new GradientDescentRate(8, 1.0 / 32);
        GradientDescentTrajectory run = GradientDescentTrajectory.run(f, Tensor.of(4.0), rate.step(), 300);
        double[] v = run.values();
        double mu = PolyakLojasiewicz.estimate(run, 0.0);
        for (int k : new int[] {0, 5, 10, 20}) {
            out.printf(Locale.ROOT, "k = %2d: θ = %9.2e, f(θₖ) = %.3e, bound (1 − μ/L)ᵏ f(θ₀) = %.3e%n", k,
                    run.iterates().get(k).get(0), v[k], rate.bound(k) * v[0]);
        }
        out.printf(Locale.ROOT, "PL estimate along the run μ̂ = %.4f ≥ μ = %.4f; monotone: %b%n", mu, 1.0 / 32,
                run.isMonotone());
        return mu;
    }

    /** §13.4 SGD on E[(θ − Z)²/2], Z ~ N(1, 1): RMS error over 200 runs, constant step against Robbins–Monro. */
    public static double[][] robbinsMonro(PrintStream out) {
        SGD sgd = SGD.builder(List.of(new Parameter("θ", Tensor.zeros(1)))).learningRate(1.0).build();
        RobbinsMonroLR[] schedules = {new RobbinsMonroLR(sgd, 1, 1.0), new RobbinsMonroLR(sgd, 1, 0.75)};
        int[] horizons = {10, 100, 1000, 10000};
        double[][] rms = new double[3][horizons.length];
        Rng rng = new Rng(4);
        for (int run = 0; run < 200; run++) {
            double[] theta = new double[3];
            for (int t = 0, h = 0; h < horizons.length; t++) {
                double z = 1 + rng.nextGaussian();
                theta[0] -= 0.1 * (theta[0] - z);                                   // constant η = 0.1
                theta[1] -= schedules[0].learningRate(t, 1.0) * (theta[1] - z);    // η_t = 1/(1 + t)
                theta[2] -= schedules[1].learningRate(t, 1.0) * (theta[2] - z);    // η_t = (1 + t)^(−3/4)
                if (t + 1 == horizons[h]) {
                    for (int s = 0; s < 3; s++) {
                        rms[s][h] += (theta[s] - 1) * (theta[s] - 1) / 200;
                    }
                    h++;
                }
            }
        }
        out.println("      T   η = 0.1   η = 1/(1+t)   η = (1+t)^(−3/4)   1/√T");
        for (int h = 0; h < horizons.length; h++) {
            out.printf(Locale.ROOT, "%7d   %.4f    %.4f        %.4f             %.4f%n", horizons[h], Math.sqrt(rms[0][h]),
                    Math.sqrt(rms[1][h]), Math.sqrt(rms[2][h]), 1 / Math.sqrt(horizons[h]));
        }
        return rms;
    }

    /** Three Gaussian blobs in the plane, 100 points each, centres on a circle of radius 2 (seed 5). */
    public static TensorDataset blobs() {
        Rng rng = new Rng(5);
        double[] x = new double[600];
        double[] y = new double[300];
        for (int i = 0; i < 300; i++) {
            int k = i % 3;
            x[2 * i] = 2 * Math.cos(2 * Math.PI * k / 3) + 0.9 * rng.nextGaussian();
            x[2 * i + 1] = 2 * Math.sin(2 * Math.PI * k / 3) + 0.9 * rng.nextGaussian();
            y[i] = k;
        }
        return new TensorDataset(Tensor.of(new int[] {300, 2}, x), Tensor.of(y));
    }

    /** §13.5 A 2 → 16 → 3 ReLU network trained by SGD until AccuracyStable(δ = 0.5, τ = 0.2, k = 3) fires. */
    public static History whenTrained(PrintStream out) {
        TensorDataset data = blobs();
        Rng rng = new Rng(6);
        Sequential model = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 3, rng));
        DataLoader all = DataLoader.sequential(data, data.size());
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), SGD.builder(model.parameters()).learningRate(0.1).build())
                .classes(3).validation(all).trackConfidence().stopWhen(new AccuracyStable(0.5, 0.2, 3))
                .epochs(100).progress(Progress.silent()).build();
        History h = trainer.fit(DataLoader.shuffled(data, 30, 1));
        for (int i = 0; i < h.size(); i++) {
            var r = h.epochs().get(i);
            out.printf(Locale.ROOT, "epoch %2d: loss %.4f, accuracy %.4f, F(0.5) = %.4f, median δ = %.4f%n", r.epoch(),
                    r.validationLoss(), r.validationAccuracy(), r.confidence().fractionBelow(0.5), r.confidence().median());
        }
        out.println("stopped after epoch " + h.size() + ": " + trainer.stopReason());
        return h;
    }

    /** Exercise 13.1: the largest admissible constant step for f(θ) = ½θᵀAθ − bᵀθ, A = [[3, 1], [1, 3]]. */
    public static double exercise1() {
        Tensor a = Tensor.of(new double[][] {{3, 1}, {1, 3}});
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, Tensor.of(1.0, 1.0));
        return SmoothnessConstants.at(f, Tensor.zeros(2), 2, new Rng(1)).rate().maxStep();
    }

    /** Exercise 13.2: the first k with (1 − μ/L)ᵏ ≤ 10⁻⁶ when κ = L/μ = 10. */
    public static int exercise2() {
        GradientDescentRate rate = new GradientDescentRate(10, 1);
        int k = 0;
        while (rate.bound(k) > 1e-6) {
            k++;
        }
        return k;
    }

    /** Exercise 13.3: the PL constant of the quadratic of exercise 1, estimated along gradient descent. */
    public static double exercise3() {
        Tensor a = Tensor.of(new double[][] {{3, 1}, {1, 3}});
        Tensor b = Tensor.of(1.0, 1.0);
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, b);
        GradientDescentTrajectory run = GradientDescentTrajectory.run(f, Tensor.of(1.0, -2.0), 0.25, 8);
        return PolyakLojasiewicz.estimate(run, ConvexObjectives.quadraticMinimum(a, b));
    }

    /** Exercise 13.4: after which epoch of the §13.5 run would AccuracyStable(0.5, 0.2, k = 1) have stopped? */
    public static int exercise4(History h) {
        return h.firstStop(new AccuracyStable(0.5, 0.2, 1));
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        smoothness(out);
        rate(out);
        polyakLojasiewicz(out);
        robbinsMonro(out);
        History h = whenTrained(out);
        out.printf(Locale.ROOT, "exercise 13.1: %.6f%n", exercise1());
        out.println("exercise 13.2: " + exercise2());
        out.printf(Locale.ROOT, "exercise 13.3: %.6f%n", exercise3());
        out.println("exercise 13.4: " + exercise4(h));
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
