package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 4, calculus: the chain rule and reverse mode, by hand and by the library, checked
 * by central differences (GradCheck). Every method body is quoted verbatim in
 * {@code docs/course/04-chain-rule.md}.
 */
public final class Chapter4 {
    private Chapter4() {
    }

    /** §4.1 One neuron, L = (tanh(w·x + b) − y)², differentiated by hand and by a reverse sweep. */
    public static void byHand(PrintStream out) {
        double x = 1.5;
        double y = 0.5;
        double w = 0.8;
        double b = -0.3;
        // forward: the intermediate values z, a, r, L
        double z = w * x + b;
        double a = Math.tanh(z);
        double r = a - y;
        double loss = r * r;
        // backward: adjoints v̄ = ∂L/∂v, from the output to the inputs
        double rBar = 2 * r;                   // ∂L/∂r = 2r
        double aBar = rBar;                    // ∂r/∂a = 1
        double zBar = aBar * (1 - a * a);      // tanh′(z) = 1 − tanh²(z)
        double wBar = zBar * x;                // ∂z/∂w = x
        double bBar = zBar;                    // ∂z/∂b = 1
        out.printf(Locale.ROOT, "by hand:    L = %.6f, ∂L/∂w = %.6f, ∂L/∂b = %.6f%n", loss, wBar, bBar);

        Variable wv = Variable.leaf(Tensor.scalar(w));
        Variable bv = Variable.leaf(Tensor.scalar(b));
        Variable lv = wv.mul(x).add(bv).tanh().sub(y).square();
        Gradients g = lv.backward();
        out.printf(Locale.ROOT, "by library: L = %.6f, ∂L/∂w = %.6f, ∂L/∂b = %.6f%n", lv.item(), g.of(wv).item(),
                g.of(bv).item());
    }

    /** §4.2 A two-layer network's gradient, checked entry by entry against central differences. */
    public static void gradCheck(PrintStream out) {
        Rng rng = new Rng(11);
        Tensor x = Tensor.randn(rng, 5, 3);
        Tensor w1 = Tensor.randn(rng, 4, 3);
        Tensor w2 = Tensor.randn(rng, 1, 4);
        // L(W₁, W₂) = mean((tanh(x W₁ᵀ) W₂ᵀ)²)
        GradCheck.Result result = GradCheck.check(
                v -> v.get(0).matmul(v.get(1).transpose()).tanh().matmul(v.get(2).transpose()).square().mean(),
                x, w1, w2);
        out.println("GradCheck " + (result.passed() ? "passed" : "FAILED") + "; worst |analytic − numeric| < 1e-8: "
                + (result.maxAbsError() < 1e-8));
    }

    /** §4.3 The gradient of f(x) = ½ xᵀAx is ½(A + Aᵀ)x; one reverse sweep gives all n partial derivatives. */
    public static void gradientOfQuadratic(PrintStream out) {
        Tensor a = Tensor.of(new double[][] {{2, 1}, {0, 3}});
        Tensor x = Tensor.of(1, -1);
        Tensor gradient = Autodiff.grad(v -> Variable.constant(a).matmul(v).mul(v).sum().mul(0.5), x);
        Tensor formula = a.add(a.t()).matmul(x).mul(0.5);
        out.println("reverse mode: " + gradient + ", formula: " + formula);
    }

    /** Exercise 4.1: σ′(0) for the logistic sigmoid, by reverse mode. */
    public static double exercise1() {
        return Autodiff.grad(v -> v.sigmoid().sum(), Tensor.of(0.0)).get(0);
    }

    /** Exercise 4.2: ∇‖Ax‖² = 2AᵀAx at x = (1, 2) for A = [[1, 2], [3, 4]]. */
    public static Tensor exercise2() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        return Autodiff.grad(v -> Variable.constant(a).matmul(v).square().sum(), Tensor.of(1, 2));
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        byHand(out);
        gradCheck(out);
        gradientOfQuadratic(out);
        out.println("exercise 4.1: " + exercise1());
        out.println("exercise 4.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
