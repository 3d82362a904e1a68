package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.nabla.tensor.Tensor;
import org.nabla.theory.FourPointVertex;
import org.nabla.theory.InfiniteWidthKernels;
import org.nabla.theory.InfiniteWidthPrediction;
import org.nabla.theory.NtkFluctuation;
import org.nabla.theory.ScalarActivation;
import org.nabla.theory.VertexEnsemble;

/**
 * Course chapter 12, finite width: the four-point vertex and its growth with depth, measured on
 * ensembles; the NTK at any depth; its fluctuations (Hanin &amp; Nica); Bayesian inference and gradient
 * descent at infinite width. Every method body is quoted verbatim in {@code docs/course/12-finite-width.md}.
 */
public final class Chapter12 {
    private static final double[] X = {1.3211565181516327, -0.7706746355884524, 0.4403855060505443, 1.2110601416389968};

    private Chapter12() {
    }

    /** §12.1 The kernel K⁽ˡ⁾ and the normalized four-point vertex V⁽ˡ⁾/K⁽ˡ⁾² of critical ReLU and tanh. */
    public static FourPointVertex.Profile vertexRecursion(PrintStream out) {
        FourPointVertex.Profile relu = FourPointVertex.of(ScalarActivation.RELU, 0.0, 2.0, X, 10);
        FourPointVertex.Profile tanh = FourPointVertex.of(ScalarActivation.TANH, 0.0, 1.0, X, 10);
        for (int l : new int[] {1, 2, 5, 10}) {
            out.printf(Locale.ROOT, "layer %2d: relu K = %.4f, V/K² = %5.2f | tanh K = %.4f, V/K² = %.4f%n", l,
                    relu.kernel()[l - 1], relu.vertexOverKernelSquared()[l - 1],
                    tanh.kernel()[l - 1], tanh.vertexOverKernelSquared()[l - 1]);
        }
        return relu;
    }

    /** §12.2 Measuring V: 4,000 critical ReLU networks of depth 10 at widths 64 and 256 (exact single-input law). */
    public static VertexEnsemble.Measurement[] vertexMeasured(PrintStream out) {
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.RELU, 0.0, 2.0, X, 10);
        VertexEnsemble.Measurement[] m = new VertexEnsemble.Measurement[2];
        int[] widths = {64, 256};
        for (int w = 0; w < 2; w++) {
            m[w] = VertexEnsemble.measureExactLaw(ScalarActivation.RELU, 0.0, 2.0, X, widths[w], 10, 4000, 12);
            for (int l : new int[] {2, 5, 10}) {
                double k2 = p.kernel()[l - 1] * p.kernel()[l - 1];
                out.printf(Locale.ROOT, "n = %3d, layer %2d: n·Var(Ĝ)/K² = %5.2f ± %.2f, predicted %5.2f%n", widths[w], l,
                        m[w].vFromConditionalVariance()[l - 1] / k2, m[w].vFromConditionalVarianceSe()[l - 1] / k2,
                        p.vertexOverKernelSquared()[l - 1]);
            }
        }
        return m;
    }

    /** §12.3 The NTK of critical ReLU at depth L: Θ⁽ᴸ⁾_aa = L·K_aa on the diagonal, the angle closes off it. */
    public static InfiniteWidthKernels.Kernels ntkAtDepth(PrintStream out) {
        Tensor x = Tensor.of(new double[][] {{1.0, 0.0}, {0.6, 0.8}});                // two unit inputs at 53.13°
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.RELU, 0.0, 2.0, x, 20);
        for (int l : new int[] {1, 2, 5, 20}) {
            Tensor theta = k.ntk().get(l - 1);
            Tensor kl = k.nngp().get(l - 1);
            out.printf(Locale.ROOT, "L = %2d: Θ_aa = %5.2f, Θ_ab/Θ_aa = %.4f, K_ab/K_aa = %.4f%n", l, theta.get(0, 0),
                    theta.get(0, 1) / theta.get(0, 0), kl.get(0, 1) / kl.get(0, 0));
        }
        return k;
    }

    /** §12.4 NTK fluctuations: r = E[Θ²]/E[Θ]² over 1,000 ReLU networks against exp(5β), β = (L − 1)/n. */
    public static NtkFluctuation.Result[] ntkFluctuations(PrintStream out) {
        double[] x = new double[10];
        Arrays.fill(x, 1.0);
        NtkFluctuation.Result[] results = new NtkFluctuation.Result[3];
        int i = 0;
        for (int depth : new int[] {3, 5, 9}) {
            NtkFluctuation.Result r = NtkFluctuation.measure(ScalarActivation.RELU, 2.0, x, depth, 32, 1000, 5);
            out.printf(Locale.ROOT, "L = %d, n = 32: r = %.3f ± %.3f, exp(5β) = %.3f, last layer's term alone %.3f%n", depth,
                    r.spAll().value(), r.spAll().standardError(), r.exp5Beta(), r.perLayerTermRatio()[depth - 1].value());
            results[i++] = r;
        }
        return results;
    }

    /** §12.5 Bayes and gradient descent at infinite width, on five points of a 1-D regression. */
    public static InfiniteWidthPrediction.Both predictions(PrintStream out) {
        Tensor xTrain = Tensor.of(new double[][] {{-1.5}, {-0.6}, {0.2}, {0.9}, {1.7}});
        Tensor y = Tensor.of(-0.8, 0.3, 0.9, 0.1, -0.7);
        Tensor xTest = Tensor.of(new double[][] {{-0.6}, {0.55}, {2.5}});
        InfiniteWidthPrediction.Both p = InfiniteWidthPrediction.of(ScalarActivation.RELU, 0.1, 2.0, 3, xTrain, y, xTest, 0.0);
        for (int i = 0; i < 3; i++) {
            out.printf(Locale.ROOT, "x = %5.2f: NNGP %.3f ± %.3f | NTK gradient descent %.3f ± %.3f%n", xTest.get(i, 0),
                    p.nngp().mean().get(i), Math.sqrt(p.nngp().variance()[i]), p.ntk().mean().get(i),
                    Math.sqrt(p.ntk().variance()[i]));
        }
        return p;
    }

    /** Exercise 12.1: the slope of V/K² in depth for a deep linear network (critical at C_W = 1). */
    public static double exercise1() {
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.LINEAR, 0.0, 1.0, X, 6);
        return p.vertexOverKernelSquared()[5] / 5;
    }

    /** Exercise 12.2: the first depth at which exp(5β) reaches 2 for width 64. */
    public static int exercise2() {
        int depth = 1;
        while (Math.exp(5.0 * (depth - 1) / 64) < 2) {
            depth++;
        }
        return depth;
    }

    /**
     * Exercise 12.3: orthogonal hidden weights — the ReLU slope of V/K² in depth, and n·Var(S)/K² of critical tanh at
     * layer 20, width 64, Gaussian then orthogonal.
     */
    public static double[] exercise3() {
        int[] widths = new int[20];
        Arrays.fill(widths, 64);
        double[] r = {FourPointVertex.scaleInvariantSlope(ScalarActivation.RELU, VertexEnsemble.Weights.ORTHOGONAL), 0, 0};
        for (VertexEnsemble.Weights w : VertexEnsemble.Weights.values()) {
            FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.TANH, 0.0, 1.0, 1.0, widths, w);
            r[1 + w.ordinal()] = 64 * p.varianceOfMeanSquare()[19] / (p.kernel()[19] * p.kernel()[19]);
        }
        return r;
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        vertexRecursion(out);
        vertexMeasured(out);
        ntkAtDepth(out);
        ntkFluctuations(out);
        predictions(out);
        out.printf(Locale.ROOT, "exercise 12.1: %.6f%n", exercise1());
        out.println("exercise 12.2: " + exercise2());
        double[] e3 = exercise3();
        out.printf(Locale.ROOT, "exercise 12.3: relu slope %.1f; tanh layer 20: Gaussian %.3f, orthogonal %.3f%n", e3[0], e3[1],
                e3[2]);
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
