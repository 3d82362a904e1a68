package org.nabla.examples.theory;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Kernel;
import org.nabla.theory.KernelRidgeRegression;
import org.nabla.theory.SupportVectorMachine;

/**
 * Support vector machines and kernel ridge regression, the stepping stones of Berlyand &amp; Jabin's
 * chapter (docs/kernel-methods.md). Part one: six separable points in the plane and the hard-margin
 * limit C = 10⁶ of the soft-margin SVM — the normal w, the intercept b, the width 2/‖w‖ of the
 * margin and the support vectors. Part two: two overlapping Gaussian blobs (seed 7, 100 points), the
 * soft-margin SVM with the linear, polynomial, Gaussian and Laplace kernels at C = 1: support vectors,
 * training accuracy, width of the margin in feature space and the maximal KKT violation left by SMO.
 * Part three: kernel ridge regression of sin on the same inputs, training error against λ.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.SupportVectors}
 */
public final class SupportVectors {
    private SupportVectors() {
    }

    /** What the run prints: the hard-margin w, b, width, and per kernel the support-vector count and accuracy. */
    public record Result(double[] w, double b, double width, int[] support, int[] supportCounts, double[] accuracy) {
    }

    static final double[][] SEPARABLE = {{2, 2}, {3, 1}, {2.5, 3}, {0, 0}, {1, -0.5}, {-1, 1}};
    static final double[] SEPARABLE_Y = {1, 1, 1, -1, -1, -1};

    public static Result run() {
        SupportVectorMachine hard = SupportVectorMachine.fit(Tensor.of(SEPARABLE), Tensor.of(SEPARABLE_Y),
                new Kernel.Linear(), 1e6, 1e-12);
        double[] w = hard.weights().toArray();
        System.out.printf(Locale.ROOT, "hard margin: w = (%.6f, %.6f), b = %.6f, 2/|w| = %.6f, support vectors %s%n",
                w[0], w[1], hard.intercept(), hard.marginWidth(), Arrays.toString(hard.supportIndices()));

        Rng rng = new Rng(7);
        int n = 100;
        double[] xv = new double[2 * n];
        double[] yv = new double[n];
        for (int i = 0; i < n; i++) {
            yv[i] = i < n / 2 ? 1 : -1;
            xv[2 * i] = rng.normal(yv[i], 1);
            xv[2 * i + 1] = rng.normal(0.5 * yv[i], 1);
        }
        Tensor x = Tensor.of(new int[] {n, 2}, xv);
        Tensor y = Tensor.of(yv);
        Kernel[] kernels = {new Kernel.Linear(), new Kernel.Polynomial(0.5, 1, 3), new Kernel.Gaussian(0.5),
            new Kernel.Laplace(0.5)};
        int[] counts = new int[kernels.length];
        double[] accuracy = new double[kernels.length];
        for (int k = 0; k < kernels.length; k++) {
            SupportVectorMachine svm = SupportVectorMachine.fit(x, y, kernels[k], 1.0, 1e-10);
            double[] p = svm.predict(x).toArray();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += p[i] == yv[i] ? 1 : 0;
            }
            counts[k] = svm.supportIndices().length;
            accuracy[k] = right / (double) n;
            System.out.printf(Locale.ROOT, "%-45s support vectors %3d, training accuracy %.2f, 2/|w| = %.4f, "
                    + "SMO steps %d%n", kernels[k], counts[k], accuracy[k], svm.marginWidth(), svm.iterations());
        }

        Tensor t = x.slice(1, 0, 1, 1).reshape(n).map(Math::sin);
        for (double ridge : new double[] {1e-3, 1e-1, 10}) {
            KernelRidgeRegression krr = KernelRidgeRegression.fit(x, t, new Kernel.Gaussian(0.5), ridge);
            double[] r = krr.predict(x).sub(t).toArray();
            double s = 0;
            for (double e : r) {
                s += e * e;
            }
            System.out.printf(Locale.ROOT, "kernel ridge, Gaussian γ = 0.5, λ = %-6s training RMSE %.2e%n", ridge,
                    Math.sqrt(s / n));
        }
        return new Result(w, hard.intercept(), hard.marginWidth(), hard.supportIndices(), counts, accuracy);
    }

    public static void main(String[] args) {
        run();
    }
}
