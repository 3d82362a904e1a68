package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Criticality;
import org.nabla.theory.ScalarActivation;
import org.nabla.viz.Figure;
import org.nabla.viz.LinePlot;

/**
 * Depth at and off criticality (Roberts, Yaida &amp; Hanin, <i>The Principles of Deep Learning Theory</i>,
 * 2022, §5.2 and §5.4). A bias-free ReLU network with W⁽ˡ⁾ ~ N(0, C_W/fan_in) carries the mean
 * squared preactivation q⁽ˡ⁾ = (1/n) Σᵢ (zᵢ⁽ˡ⁾)² of an input with |x|²/n₀ = 1 to
 * <pre>
 *   E[q⁽ˡ⁾] = C_W (C_W/2)^(l−1)                      (exact at every width: the ReLU recursion is linear)
 *   Var[ln q⁽ˡ⁾] ≈ (5(l − 1) + 2) / n                 (each layer: (1/n)Σ relu(g)² has relative variance 5/n;
 *                                                      the last z² average adds χ²ₙ/n, relative variance 2/n)
 * </pre>
 * so only C_W = 2 keeps the signal at its input scale through depth, and even there the per-network
 * spread grows with depth/width — the L/n expansion of the book's chapter 5.
 *
 * <p>The full run draws 100 networks of 50 layers and width 500 per C_W ∈ {1.5, 2, 2.5} (actual
 * weights and matmuls, {@link Criticality#empiricalPreactivationMoments}) plus 100 of width 100 at
 * C_W = 2 — a few minutes on two cores — and writes {@code target/theory/critical-depth.png}:
 * the 100-seed mean of q⁽ˡ⁾ against depth (log scale), its ratio to the prediction, and the per-seed
 * coefficient of variation at C_W = 2 with √(exp((5(l−1)+2)/n) − 1).
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.CriticalDepth}
 * ({@code -Dargs=--quick}: 4 seeds, widths 200 and 50).
 */
public final class CriticalDepth {
    private CriticalDepth() {
    }

    /** The seed-mean of q⁽ᴸ⁾ at the last layer for C_W = 1.5, 2, 2.5, and the per-seed spread there. */
    public record Result(double[] lastLayerMean, double[] prediction, double coefficientOfVariation) {
    }

    static final double[] WEIGHT_VARIANCES = {1.5, 2.0, 2.5};

    public static Result run(boolean quick, Path png) throws Exception {
        int seeds = quick ? 4 : 100;
        int width = quick ? 200 : 500;
        int narrow = quick ? 50 : 100;
        int depth = 50;
        Tensor x = Tensor.ones(1, 100); // |x|²/n₀ = 1
        double[][] mean = new double[3][];
        double[][] ratio = new double[3][depth];
        double[] last = new double[3];
        double[] prediction = new double[3];
        double[][] perSeedCritical = null;
        for (int c = 0; c < 3; c++) {
            double cW = WEIGHT_VARIANCES[c];
            double[][] q = moments(cW, x, width, depth, seeds, 10_000L * (c + 1));
            if (cW == 2.0) {
                perSeedCritical = q;
            }
            mean[c] = meanOverSeeds(q);
            for (int l = 0; l < depth; l++) {
                ratio[c][l] = mean[c][l] / (cW * Math.pow(cW / 2, l));
            }
            last[c] = mean[c][depth - 1];
            prediction[c] = cW * Math.pow(cW / 2, depth - 1);
            System.out.printf(Locale.ROOT, "C_W = %.1f: mean over %d networks of q at layer %d = %.4g (prediction %.4g, ratio %.3f)%n",
                    cW, seeds, depth, last[c], prediction[c], last[c] / prediction[c]);
        }
        double[] cvWide = coefficientOfVariation(perSeedCritical);
        double[] cvNarrow = coefficientOfVariation(moments(2.0, x, narrow, depth, seeds, 90_000L));
        double[] theoryWide = new double[depth];
        double[] theoryNarrow = new double[depth];
        for (int l = 0; l < depth; l++) {
            theoryWide[l] = Math.sqrt(Math.expm1((5.0 * l + 2) / width));
            theoryNarrow[l] = Math.sqrt(Math.expm1((5.0 * l + 2) / narrow));
        }
        System.out.printf(Locale.ROOT, "C_W = 2, per-seed coefficient of variation of q at layer %d: width %d %.3f (predicted %.3f), width %d %.3f (predicted %.3f)%n",
                depth, width, cvWide[depth - 1], theoryWide[depth - 1], narrow, cvNarrow[depth - 1], theoryNarrow[depth - 1]);
        Figure.row(new LinePlot().title("mean of q(l) over " + seeds + " nets, width " + width).xLabel("layer l").logY()
                        .series("C_W = 1.5", mean[0]).series("C_W = 2", mean[1]).series("C_W = 2.5", mean[2]),
                new LinePlot().title("mean / (C_W (C_W/2)^(l-1))").xLabel("layer l")
                        .series("C_W = 1.5", ratio[0]).series("C_W = 2", ratio[1]).series("C_W = 2.5", ratio[2]),
                new LinePlot().title("C_W = 2: per-seed spread (CV of q)").xLabel("layer l")
                        .series("width " + width, cvWide).series("width " + narrow, cvNarrow)
                        .series("theory, width " + width, theoryWide).series("theory, width " + narrow, theoryNarrow))
                .writePng(png);
        System.out.println("curves written to " + png);
        return new Result(last, prediction, cvWide[depth - 1]);
    }

    /** q⁽ˡ⁾ of {@code seeds} independent networks: [seed][layer]. */
    static double[][] moments(double cW, Tensor x, int width, int depth, int seeds, long seedBase) {
        double[][] q = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            q[s] = Criticality.empiricalPreactivationMoments(ScalarActivation.RELU, 0.0, cW, x, width, depth,
                    new Rng(seedBase + s));
        }
        return q;
    }

    static double[] meanOverSeeds(double[][] q) {
        double[] m = new double[q[0].length];
        for (double[] row : q) {
            for (int l = 0; l < m.length; l++) {
                m[l] += row[l] / q.length;
            }
        }
        return m;
    }

    /** Sample standard deviation over seeds divided by the sample mean, per layer. */
    static double[] coefficientOfVariation(double[][] q) {
        double[] m = meanOverSeeds(q);
        double[] cv = new double[m.length];
        for (int l = 0; l < m.length; l++) {
            double ss = 0;
            for (double[] row : q) {
                ss += (row[l] - m[l]) * (row[l] - m[l]);
            }
            cv[l] = Math.sqrt(ss / (q.length - 1)) / m[l];
        }
        return cv;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "critical-depth.png"));
    }
}
