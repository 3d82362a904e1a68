package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.optim.Closure;
import org.nabla.optim.LBFGS;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;
import org.nabla.theory.HessianSpectrum;
import org.nabla.theory.MultilayerPerceptron;
import org.nabla.theory.ScalarActivation;

/**
 * Course chapter 6, second-order ideas: Newton's method, L-BFGS, and the Hessian spectrum of a
 * network's loss. Every method body is quoted verbatim in {@code docs/course/06-second-order.md}.
 */
public final class Chapter6 {
    private Chapter6() {
    }

    /** Rosenbrock's function f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
    static Variable rosenbrock(Variable v) {
        Variable x = v.select(0, 0);
        Variable y = v.select(0, 1);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100));
    }

    /** §6.1 Newton's method θ ← θ − H⁻¹∇f on Rosenbrock from (−1.2, 1). */
    public static int newton(PrintStream out) {
        Tensor theta = Tensor.of(-1.2, 1.0);
        int iterations = 0;
        while (Autodiff.grad(Chapter6::rosenbrock, theta).norm() > 1e-10) {
            Tensor gradient = Autodiff.grad(Chapter6::rosenbrock, theta);
            Tensor hessian = Autodiff.hessian(Chapter6::rosenbrock, theta);
            theta = theta.sub(Linalg.solve(hessian, gradient));
            iterations++;
            out.printf(Locale.ROOT, "Newton step %d: θ = (%.6f, %.6f), ‖∇f‖ = %.3e%n", iterations, theta.get(0),
                    theta.get(1), Autodiff.grad(Chapter6::rosenbrock, theta).norm());
        }
        return iterations;
    }

    /** §6.2 L-BFGS with the strong Wolfe line search on the same problem. */
    public static int lbfgs(PrintStream out) {
        Parameter theta = new Parameter("θ", Tensor.of(-1.2, 1.0));
        LBFGS lbfgs = LBFGS.builder(List.of(theta)).maxIter(200).toleranceGrad(1e-10).toleranceChange(1e-16)
                .lineSearch(LBFGS.LineSearch.STRONG_WOLFE).build();
        double loss = lbfgs.step(Closure.of(() -> rosenbrock(theta.variable())));
        double finalLoss = rosenbrock(theta.variable()).item();
        out.printf(Locale.ROOT, "L-BFGS: %d iterations, %d evaluations, θ = (%.6f, %.6f), f = %.2e (initial f = %.2f)%n",
                lbfgs.iterations(), lbfgs.functionEvaluations(), theta.value().get(0), theta.value().get(1), finalLoss,
                loss);
        return lbfgs.iterations();
    }

    /** §6.3 The Hessian spectrum of a small network's loss: exact eigenvalues against Lanczos. */
    public static double[] spectrum(PrintStream out) {
        Rng rng = new Rng(21);
        Tensor x = Tensor.randn(rng, 32, 3);
        Tensor y = x.select(1, 0).mul(x.select(1, 1)).reshape(32, 1);                  // target x₁x₂
        List<Tensor> shapes = List.of(Tensor.zeros(8, 3), Tensor.zeros(8), Tensor.zeros(1, 8), Tensor.zeros(1));
        Function<Variable, Variable> loss = theta -> MultilayerPerceptron
                .forward(MultilayerPerceptron.unflatten(theta, shapes), ScalarActivation.TANH, Variable.constant(x))
                .sub(Variable.constant(y)).square().mean();
        Tensor theta0 = Tensor.randn(rng, 41).mul(0.5);                                 // 8·3 + 8 + 8 + 1 = 41 parameters
        Tensor eigenvalues = HessianSpectrum.eigenvalues(loss, theta0);                 // ascending
        double[] top = HessianSpectrum.topEigenvalues(loss, theta0, 3, 30, new Rng(1));
        out.printf(Locale.ROOT, "exact:   λ_max = %.6f, %.6f, %.6f; λ_min = %.6f%n", eigenvalues.get(40),
                eigenvalues.get(39), eigenvalues.get(38), eigenvalues.get(0));
        out.printf(Locale.ROOT, "Lanczos: λ_max = %.6f, %.6f, %.6f%n", top[0], top[1], top[2]);
        double trace = eigenvalues.sum().item();
        double hutchinson = HessianSpectrum.hutchinsonTrace(loss, theta0, 200, new Rng(2));
        out.printf(Locale.ROOT, "trace: exact %.4f, Hutchinson (200 probes) %.4f%n", trace, hutchinson);
        return top;
    }

    /** Exercise 6.1: the eigenvalues of the Rosenbrock Hessian at the minimum (1, 1), and its condition number. */
    public static double[] exercise1() {
        Tensor eigenvalues = Linalg.eigvalsh(Autodiff.hessian(Chapter6::rosenbrock, Tensor.of(1.0, 1.0)));
        return new double[] {eigenvalues.get(0), eigenvalues.get(1), eigenvalues.get(1) / eigenvalues.get(0)};
    }

    /** Exercise 6.2: Newton's method minimizes a strictly convex quadratic in one step: ‖∇f‖ after it. */
    public static double exercise2() {
        Tensor a = Tensor.of(new double[][] {{4, 1}, {1, 3}});
        Tensor b = Tensor.of(1, 2);
        Function<Variable, Variable> f = v -> Variable.constant(a).matmul(v).mul(v).sum().mul(0.5)
                .sub(Variable.constant(b).mul(v).sum());
        Tensor theta = Tensor.of(10.0, -7.0);
        theta = theta.sub(Linalg.solve(Autodiff.hessian(f, theta), Autodiff.grad(f, theta)));
        return Autodiff.grad(f, theta).norm();
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        newton(out);
        lbfgs(out);
        spectrum(out);
        double[] e1 = exercise1();
        out.printf(Locale.ROOT, "exercise 6.1: λ = %.6f, %.6f; κ = %.1f%n", e1[0], e1[1], e1[2]);
        out.println("exercise 6.2: ‖∇f‖ < 1e-12 after one Newton step: " + (exercise2() < 1e-12));
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
