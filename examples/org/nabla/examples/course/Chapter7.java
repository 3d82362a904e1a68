package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Criticality;
import org.nabla.theory.ScalarActivation;

/**
 * Course chapter 7, initialization and depth: the kernel recursion K⁽ˡ⁺¹⁾ = C_b + C_W⟨σ²⟩_{K⁽ˡ⁾},
 * criticality, and the variance of ReLU preactivations against depth at C_W = 1.5, 2 and 2.5.
 * Every method body is quoted verbatim in {@code docs/course/07-initialization.md}.
 */
public final class Chapter7 {
    private Chapter7() {
    }

    /** §7.1 The preactivation variance of a deep ReLU network: theory against one random network of width 512. */
    public static double[][] varianceAgainstDepth(PrintStream out) {
        double[] weightVariances = {1.5, 2.0, 2.5};
        int depth = 30;
        Tensor inputs = Tensor.randn(new Rng(0), 16, 64);                // 16 inputs x ∈ ℝ⁶⁴, |x|²/n₀ ≈ 1
        double[][] empirical = new double[weightVariances.length][];
        for (int i = 0; i < weightVariances.length; i++) {
            double cW = weightVariances[i];
            double k1 = cW * inputs.square().mean().item();              // K⁽¹⁾ = C_W ⟨|x|²/n₀⟩ (C_b = 0)
            double[] theory = Criticality.kernelSequence(ScalarActivation.RELU, 0.0, cW, k1, depth);
            empirical[i] = Criticality.empiricalPreactivationMoments(ScalarActivation.RELU, 0.0, cW, inputs, 512,
                    depth, new Rng(1));
            out.printf(Locale.ROOT, "C_W = %.1f   K(1) = %.3f  K(10) = %.3e  K(30) = %.3e   one network: %.3f, %.3e, %.3e%n",
                    cW, theory[0], theory[9], theory[29], empirical[i][0], empirical[i][9], empirical[i][29]);
        }
        return empirical;
    }

    /** §7.2 Critical initializations found from the susceptibilities χ_∥ = χ_⊥ = 1. */
    public static void criticalPoints(PrintStream out) {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.TANH,
                ScalarActivation.GELU}) {
            Criticality.CriticalPoint p = Criticality.criticalPoint(a).orElseThrow();
            out.printf(Locale.ROOT, "%-5s C_b = %.6f, C_W = %.6f, class: %s%n", a.label(), p.biasVariance(),
                    p.weightVariance(), p.universalityClass());
        }
        out.println("sigmoid has a critical point: " + Criticality.criticalPoint(ScalarActivation.SIGMOID).isPresent());
    }

    /** Exercise 7.1: for ReLU with C_b = 0, K⁽ˡ⁾ = (C_W/2)^(l−1) K⁽¹⁾; the depth at which C_W = 2.5 has grown K a thousandfold. */
    public static int exercise1() {
        double[] k = Criticality.kernelSequence(ScalarActivation.RELU, 0.0, 2.5, 1.0, 100);
        int l = 0;
        while (k[l] < 1000) {
            l++;
        }
        return l + 1;
    }

    /** Exercise 7.2: the perpendicular susceptibility χ_⊥ = C_W⟨σ′²⟩_K of tanh at C_W = 1, K = 10⁻⁴ (≈ 1 − 2K). */
    public static double exercise2() {
        return Criticality.chiPerpendicular(ScalarActivation.TANH, 1.0, 1e-4);
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        varianceAgainstDepth(out);
        criticalPoints(out);
        out.println("exercise 7.1: " + exercise1());
        out.printf(Locale.ROOT, "exercise 7.2: %.6f%n", exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
