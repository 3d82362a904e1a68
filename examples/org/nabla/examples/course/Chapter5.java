package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.optim.Optimizer;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.GradientNormBelow;
import org.nabla.train.History;
import org.nabla.train.MaxEpochs;
import org.nabla.train.Progress;
import org.nabla.train.RelativeLossChangeBelow;
import org.nabla.train.Trainer;

/**
 * Course chapter 5, gradient descent, momentum and Adam on convex quadratics (measured rate against
 * (κ − 1)/(κ + 1)), and when a network counts as trained. Every method body is quoted verbatim in
 * {@code docs/course/05-gradient-descent.md}.
 */
public final class Chapter5 {
    private Chapter5() {
    }

    /** f(θ) = ½ Σᵢ aᵢ θᵢ², a quadratic with Hessian diag(a). */
    static Variable quadratic(Tensor a, Parameter theta) {
        return theta.variable().square().mul(Variable.constant(a)).sum().mul(0.5);
    }

    /** Runs an optimizer on f from θ₀ = (1, …, 1) until ‖θ‖ &lt; 1e-8 (or 10,000 steps); returns the steps taken. */
    static int stepsToConverge(Tensor a, Parameter theta, Optimizer<?> optimizer) {
        int steps = 0;
        while (theta.value().norm() >= 1e-8 && steps < 10_000) {
            optimizer.step(quadratic(a, theta).backward());
            steps++;
        }
        return steps;
    }

    /** §5.1 Gradient descent with η = 2/(L + μ): the measured contraction per step against (κ − 1)/(κ + 1). */
    public static double[] gradientDescentRate(PrintStream out) {
        double[] kappas = {2, 10, 100};
        double[] measured = new double[kappas.length];
        for (int i = 0; i < kappas.length; i++) {
            double mu = 1.0;
            double lipschitz = kappas[i];                         // μ = 1, L = κ
            Tensor a = Tensor.linspace(mu, lipschitz, 5);          // eigenvalues of the Hessian in [μ, L]
            Parameter theta = new Parameter("θ", Tensor.ones(5));
            SGD gd = SGD.builder(List.of(theta))
                    .learningRate(2 / (lipschitz + mu)).build();
            double previous = theta.value().norm();
            for (int t = 0; t < 20; t++) {
                previous = theta.value().norm();
                gd.step(quadratic(a, theta).backward());
            }
            measured[i] = theta.value().norm() / previous;           // ‖θ₂₀‖ / ‖θ₁₉‖
            out.printf(Locale.ROOT, "κ = %5.1f   measured rate %.6f   (κ − 1)/(κ + 1) = %.6f%n", kappas[i],
                    measured[i], (kappas[i] - 1) / (kappas[i] + 1));
        }
        return measured;
    }

    /** §5.2 Steps to reach ‖θ‖ &lt; 1e-8 at κ = 100: gradient descent, heavy-ball momentum, Adam. */
    public static int[] momentumAndAdam(PrintStream out) {
        double mu = 1.0;
        double lipschitz = 100.0;
        Tensor a = Tensor.linspace(mu, lipschitz, 5);
        Parameter p1 = new Parameter("θ", Tensor.ones(5));
        int gd = stepsToConverge(a, p1, SGD.builder(List.of(p1)).learningRate(2 / (lipschitz + mu)).build());
        // Polyak's heavy ball: η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²
        double sqrtKappa = Math.sqrt(lipschitz / mu);
        Parameter p2 = new Parameter("θ", Tensor.ones(5));
        int heavyBall = stepsToConverge(a, p2, SGD.builder(List.of(p2))
                .learningRate(4 / Math.pow(Math.sqrt(lipschitz) + Math.sqrt(mu), 2))
                .momentum(Math.pow((sqrtKappa - 1) / (sqrtKappa + 1), 2)).build());
        Parameter p3 = new Parameter("θ", Tensor.ones(5));
        int adam = stepsToConverge(a, p3, Adam.builder(List.of(p3)).learningRate(0.1).build());
        out.printf(Locale.ROOT, "κ = 100: gradient descent %d steps, heavy ball %d steps, Adam (η = 0.1) %d steps%n", gd,
                heavyBall, adam);
        return new int[] {gd, heavyBall, adam};
    }

    /** §5.3 When is a network trained? Softmax regression on the digits with three stopping rules. */
    public static String stoppingRules(PrintStream out) {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        Linear model = new Linear(64, 10, new Rng(7));
        SGD sgd = SGD.builder(model.parameters()).learningRate(0.5).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), sgd)
                .classes(10)
                .stopWhen(new GradientNormBelow(1e-3), new RelativeLossChangeBelow(0.01), new MaxEpochs(100))
                .progress(Progress.silent())
                .build();
        History history = trainer.fit(DataLoader.sequential(split.train(), split.train().size())); // one batch: gradient descent
        out.printf(Locale.ROOT, "stopped after %d epochs (%s); training loss %.4f, accuracy %.4f%n", history.size(),
                trainer.stopReason(), history.last().trainLoss(), history.last().trainAccuracy());
        return trainer.stopReason();
    }

    /** Exercise 5.1: the number of GD steps η = 2/(L + μ) needs to shrink the error 10⁶-fold at κ = 10 (the bound). */
    public static int exercise1() {
        double rate = (10.0 - 1) / (10.0 + 1);
        return (int) Math.ceil(Math.log(1e-6) / Math.log(rate));
    }

    /** Exercise 5.2: at η = 2/L on f = ½(θ₁² + 10θ₂²) the steep coordinate oscillates: |θ₂| after 100 steps. */
    public static double exercise2() {
        Tensor a = Tensor.of(1, 10);
        Parameter theta = new Parameter("θ", Tensor.ones(2));
        SGD gd = SGD.builder(List.of(theta)).learningRate(2.0 / 10).build();
        for (int t = 0; t < 100; t++) {
            gd.step(quadratic(a, theta).backward());
        }
        return Math.abs(theta.value().get(1));
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        gradientDescentRate(out);
        momentumAndAdam(out);
        stoppingRules(out);
        out.println("exercise 5.1: " + exercise1());
        out.println("exercise 5.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
