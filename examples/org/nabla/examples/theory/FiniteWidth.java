package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Criticality;
import org.nabla.theory.FourPointVertex;
import org.nabla.theory.InfiniteWidthKernels;
import org.nabla.theory.InfiniteWidthPrediction;
import org.nabla.theory.NtkFluctuation;
import org.nabla.theory.ScalarActivation;
import org.nabla.viz.Figure;
import org.nabla.viz.LinePlot;
import org.nabla.theory.VertexEnsemble;

/**
 * Finite width: when depth becomes a problem (PDLT ch. 4–5, 8–10; Hanin &amp; Nica 2019). Four
 * measurements on ensembles of real networks beside the predictions of the effective theory:
 * <ol>
 *   <li>the four-point vertex at layer 8 — {@link VertexEnsemble} against {@link FourPointVertex} — and
 *       V/(nK²) against depth at widths 64, 128 and 256 (exact single-input law, 10,000 networks each; the layer-8 table uses 1,000 full networks of width 128),
 *       written to {@code target/theory/vertex-depth.png};</li>
 *   <li>orthogonal against Gaussian hidden weights (Day, Kahn &amp; Roberts 2023): n Var(S)/K² against depth for
 *       tanh and ReLU, measured and predicted, written to {@code target/theory/vertex-orthogonal.png};</li>
 *   <li>NTK fluctuations E[Θ²]/E[Θ]² of ReLU networks ({@link NtkFluctuation}) on the grid
 *       L ∈ {3, 5, 9} × n ∈ {32, 64}, with exp(5β) and log r / 5β;</li>
 *   <li>the NNGP posterior and the NTK gradient-descent ensemble ({@link InfiniteWidthPrediction}) on a
 *       1-D regression, beside the mean and spread of 50 ReLU networks of width 128 trained by full-batch
 *       gradient descent to convergence (5 in quick mode), written to {@code target/theory/nngp-ntk.png}.</li>
 * </ol>
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.FiniteWidth}
 * ({@code -Dargs=--quick}: ensembles 10× smaller).
 */
public final class FiniteWidth {
    private static final double[] X = {1.3211565181516327, -0.7706746355884524, 0.4403855060505443, 1.2110601416389968};

    private FiniteWidth() {
    }

    /**
     * The NTK fluctuation results on the grid, in the order L = 3, 5, 9 for n = 32, then for n = 64; the measured
     * n Var(S)/K² of tanh at layer 20, {Gaussian, orthogonal}.
     */
    public record Result(double[] vertexPredicted, double[] vertexMeasured, NtkFluctuation.Result[] fluctuation,
            double[] tanhMeanSquareAtDepth20) {
    }

    public static Result run(boolean quick, Path dir) throws Exception {
        int scale = quick ? 10 : 1;
        Object[][] cases = {{ScalarActivation.RELU, 0.0, 2.0}, {ScalarActivation.TANH, 0.0, 1.0},
            {ScalarActivation.GELU, 0.1, 1.8}, {ScalarActivation.SWISH, 0.2, 2.0}};
        int depth = 8;
        int width = 128;
        int networks = 1000 / scale;
        System.out.printf(Locale.ROOT, "1. Four-point vertex at layer %d, width %d, %d networks (n·Var(Ĝ), bootstrap s.e.)%n",
                depth, width, networks);
        double[] predicted = new double[cases.length];
        double[] measured = new double[cases.length];
        for (int c = 0; c < cases.length; c++) {
            ScalarActivation a = (ScalarActivation) cases[c][0];
            double cB = (Double) cases[c][1];
            double cW = (Double) cases[c][2];
            FourPointVertex.Profile p = FourPointVertex.of(a, cB, cW, X, depth);
            VertexEnsemble.Measurement m = VertexEnsemble.measure(a, cB, cW, X, width, depth, networks, 100);
            predicted[c] = p.vertex()[depth - 1];
            measured[c] = m.vFromConditionalVariance()[depth - 1];
            System.out.printf(Locale.ROOT, "   %-6s (C_b, C_W) = (%.1f, %.1f): predicted V = %.4g, measured %.4g ± %.2g"
                    + " (z = %.2f); V/(nK²) = %.4f%n", a.label(), cB, cW, predicted[c], measured[c],
                    m.vFromConditionalVarianceSe()[depth - 1],
                    (measured[c] - predicted[c]) / m.vFromConditionalVarianceSe()[depth - 1],
                    p.vertexOverKernelSquared()[depth - 1] / width);
        }
        vertexAgainstDepth(quick, dir.resolve("vertex-depth.png"));
        double[] orthogonal = orthogonalAgainstGaussian(quick, dir.resolve("vertex-orthogonal.png"));
        NtkFluctuation.Result[] grid = fluctuations(quick);
        regressionBands(dir.resolve("nngp-ntk.png"), quick ? 5 : 50);
        return new Result(predicted, measured, grid, orthogonal);
    }

    private static void vertexAgainstDepth(boolean quick, Path png) throws Exception {
        int depth = 10;
        int networks = quick ? 1000 : 10_000;
        FourPointVertex.Profile p = FourPointVertex.of(ScalarActivation.RELU, 0, 2, X, depth);
        Object[] series = new Object[8];
        int[] widths = {64, 128, 256};
        System.out.printf(Locale.ROOT, "   critical ReLU, V/(nK²) at layer %d (prediction 5(l − 1)/n), exact law, %d networks:%n",
                depth, networks);
        for (int w = 0; w < widths.length; w++) {
            VertexEnsemble.Measurement m = VertexEnsemble.measureExactLaw(ScalarActivation.RELU, 0, 2, X, widths[w], depth,
                    networks, 7 + w);
            double[] measured = new double[depth];
            double[] pred = new double[depth];
            for (int l = 0; l < depth; l++) {
                measured[l] = m.vFromConditionalVariance()[l] / (widths[w] * p.kernel()[l] * p.kernel()[l]);
                pred[l] = p.vertexOverKernelSquared()[l] / widths[w];
            }
            System.out.printf(Locale.ROOT, "      n = %3d: measured %.4f ± %.4f, predicted %.4f%n", widths[w], measured[depth - 1],
                    m.vFromConditionalVarianceSe()[depth - 1] / (widths[w] * p.kernel()[depth - 1] * p.kernel()[depth - 1]),
                    pred[depth - 1]);
            series[2 * w] = "measured n = " + widths[w];
            series[2 * w + 1] = measured;
            if (w == 0) {
                series[6] = "5(l-1)/64";
                series[7] = pred;
            }
        }
        lines("layer l", "critical ReLU: V/(n K^2) against depth", series).write(png);
        System.out.println("   curve written to " + png);
    }

    /**
     * n Var(S⁽ˡ⁾)/K⁽ˡ⁾² (= 2 + V/K² at leading order) against depth for Gaussian and orthogonal hidden weights:
     * tanh at (0, 1) to depth 20 and ReLU at (0, 2) to depth 10, width 96, exact single-input law (4,000
     * networks, 400 in quick mode), beside the recursions of {@link FourPointVertex}; then a check on real
     * networks (full QR-orthogonal matrices, ReLU, width 32, depth 6). Returns the measured tanh values at
     * layer 20, {Gaussian, orthogonal}.
     */
    private static double[] orthogonalAgainstGaussian(boolean quick, Path png) throws Exception {
        int networks = quick ? 400 : 4000;
        int width = 96;
        System.out.printf(Locale.ROOT, "2. Orthogonal against Gaussian hidden weights: n·Var(S)/K² (= 2 + V/K²), width %d,"
                + " %d networks (exact law), measured ± s.e. [prediction]%n", width, networks);
        LinePlot[] panels = new LinePlot[2];
        double[] tanhLast = new double[2];
        Object[][] cases = {{ScalarActivation.TANH, 1.0, 20, new int[] {2, 5, 10, 20}}, {ScalarActivation.RELU, 2.0, 10,
            new int[] {2, 4, 6, 10}}};
        for (int c = 0; c < 2; c++) {
            ScalarActivation a = (ScalarActivation) cases[c][0];
            double cW = (Double) cases[c][1];
            int depth = (Integer) cases[c][2];
            int[] widths = new int[depth];
            Arrays.fill(widths, width);
            LinePlot plot = new LinePlot().title(a.label() + " (C_b, C_W) = (0, " + (int) cW + "), width " + width
                    + ": n Var(S)/K^2").xLabel("layer l");
            if (c == 0) {
                plot.logY(); // the orthogonal tanh curve falls towards 0
            }
            for (VertexEnsemble.Weights w : VertexEnsemble.Weights.values()) {
                FourPointVertex.Profile p = FourPointVertex.of(a, 0, cW, Criticality.firstLayerKernel(0, cW, X), widths, w);
                double[][] m = VertexEnsemble.measureExactLaw(a, 0, cW, X, widths, networks, 50 + 2 * c + w.ordinal(), w)
                        .normalizedMeanSquareVariance();
                double[] pred = new double[depth];
                double[] upper = new double[depth];
                double[] lower = new double[depth];
                for (int l = 0; l < depth; l++) {
                    pred[l] = width * p.varianceOfMeanSquare()[l] / (p.kernel()[l] * p.kernel()[l]);
                    upper[l] = m[0][l] + 2 * m[1][l];
                    lower[l] = m[0][l] - 2 * m[1][l];
                }
                String name = w == VertexEnsemble.Weights.GAUSSIAN ? "Gaussian" : "orthogonal";
                plot.series(name + " measured", m[0]).series(name + " +2 s.e.", upper).series(name + " -2 s.e.", lower)
                        .series(name + " prediction", pred);
                StringBuilder row = new StringBuilder();
                for (int l : (int[]) cases[c][3]) {
                    row.append(String.format(Locale.ROOT, " l = %d: %.3f ± %.3f [%.3f];", l, m[0][l - 1], m[1][l - 1], pred[l - 1]));
                }
                System.out.printf(Locale.ROOT, "   %-4s %-10s%s%n", a.label(), name, row);
                if (c == 0) {
                    tanhLast[w.ordinal()] = m[0][depth - 1];
                }
            }
            panels[c] = plot;
        }
        Figure.row(panels[0], panels[1]).write(png);
        System.out.println("   curves written to " + png);
        int depth = 6;
        int[] widths = new int[depth];
        Arrays.fill(widths, 32);
        int real = quick ? 200 : 2000;
        StringBuilder row = new StringBuilder();
        for (VertexEnsemble.Weights w : VertexEnsemble.Weights.values()) {
            double[][] m = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, X, widths, real, 4, w)
                    .normalizedMeanSquareVariance();
            FourPointVertex.Profile q = FourPointVertex.of(ScalarActivation.RELU, 0, 2, Criticality.firstLayerKernel(0, 2, X),
                    widths, w);
            row.append(String.format(Locale.ROOT, " %s %.2f ± %.2f [%.2f];", w == VertexEnsemble.Weights.GAUSSIAN ? "Gaussian"
                    : "orthogonal", m[0][depth - 1], m[1][depth - 1], 32 * q.varianceOfMeanSquare()[depth - 1]
                    / (q.kernel()[depth - 1] * q.kernel()[depth - 1])));
        }
        System.out.printf(Locale.ROOT, "   real networks (ReLU, width 32, %d networks, QR-orthogonal), layer %d:%s%n", real, depth,
                row);
        return tanhLast;
    }

    private static NtkFluctuation.Result[] fluctuations(boolean quick) {
        int networks = quick ? 200 : 2000;
        double[] x = new double[10];
        Arrays.fill(x, 1.0);
        System.out.printf(Locale.ROOT, "3. NTK fluctuations of ReLU networks, %d networks, x = (1, …, 1) ∈ R^10%n", networks);
        NtkFluctuation.Result[] out = new NtkFluctuation.Result[6];
        int i = 0;
        for (int n : new int[] {32, 64}) {
            for (int depth : new int[] {3, 5, 9}) {
                NtkFluctuation.Result r = NtkFluctuation.measure(ScalarActivation.RELU, 2.0, x, depth, n, networks, 1000 + 10L * depth + n);
                double layers = 0;
                for (NtkFluctuation.Ratio t : r.perLayerTermRatio()) {
                    layers += t.value() / r.perLayerTermRatio().length;
                }
                System.out.printf(Locale.ROOT, "   L = %d, n = %d: r_sp_all = %.3f ± %.3f, r_weights = %.3f ± %.3f, exp(5β) = %.3f,"
                        + " log r / 5β = %.2f, mean layer term ratio / exp(5β) = %.2f%n", depth, n, r.spAll().value(),
                        r.spAll().standardError(), r.ntkWeights().value(), r.ntkWeights().standardError(), r.exp5Beta(),
                        Math.log(r.spAll().value()) / (5 * r.beta()), layers / r.exp5Beta());
                out[i++] = r;
            }
        }
        return out;
    }

    private static void regressionBands(Path png, int networks) throws Exception {
        Tensor xTrain = Tensor.of(new double[][] {{-1.5}, {-0.6}, {0.2}, {0.9}, {1.7}});
        Tensor y = Tensor.of(-0.8, 0.3, 0.9, 0.1, -0.7);
        int t = 41;
        double[][] grid = new double[t][1];
        for (int i = 0; i < t; i++) {
            grid[i][0] = -2.0 + 4.0 * i / (t - 1);
        }
        InfiniteWidthPrediction.Both p = InfiniteWidthPrediction.of(ScalarActivation.RELU, 0.1, 2.0, 3, xTrain, y,
                Tensor.of(grid), 0.0);
        double[][] s = new double[6][t];
        for (int i = 0; i < t; i++) {
            double sn = Math.sqrt(p.nngp().variance()[i]);
            double st = Math.sqrt(p.ntk().variance()[i]);
            s[0][i] = p.nngp().mean().get(i);
            s[1][i] = s[0][i] + 2 * sn;
            s[2][i] = s[0][i] - 2 * sn;
            s[3][i] = p.ntk().mean().get(i);
            s[4][i] = s[3][i] + 2 * st;
            s[5][i] = s[3][i] - 2 * st;
        }
        double[][] trained = trainedNetworks(xTrain, y, grid, networks, 128, 0.1, 2.0);
        System.out.printf(Locale.ROOT, "4. ReLU depth 3, (C_b, C_W) = (0.1, 2), 5 training points, x from -2 to 2 (41 points);"
                + " %d networks of width 128 trained by gradient descent:%n", networks);
        for (int i : new int[] {0, 10, 20, 30, 40}) {
            System.out.printf(Locale.ROOT, "   x = %5.2f: NNGP %.3f ± %.3f, NTK %.3f ± %.3f, trained %.3f ± %.3f (±1 s.d.)%n",
                    grid[i][0], s[0][i], Math.sqrt(p.nngp().variance()[i]), s[3][i], Math.sqrt(p.ntk().variance()[i]),
                    trained[0][i], trained[1][i]);
        }
        double[] upper = new double[t];
        double[] lower = new double[t];
        for (int i = 0; i < t; i++) {
            upper[i] = trained[0][i] + 2 * trained[1][i];
            lower[i] = trained[0][i] - 2 * trained[1][i];
        }
        String x = "test point (x = -2 ... 2)";
        Figure.row(lines(x, "NNGP posterior, mean +- 2 s.d.", "mean", s[0], "+2 s.d.", s[1], "-2 s.d.", s[2]),
                lines(x, "NTK gradient descent ensemble, mean +- 2 s.d.", "mean", s[3], "+2 s.d.", s[4], "-2 s.d.", s[5]),
                lines(x, "trained networks (width 128), mean +- 2 s.d.", "mean", trained[0], "+2 s.d.", upper,
                        "-2 s.d.", lower, "NTK mean", s[3]))
                .write(png);
        System.out.println("   curves written to " + png);
    }

    /**
     * {mean, s.d.} over networks of f(x) at the test inputs after full-batch gradient descent on
     * ½Σ(f − y)² to convergence: depth 3 (1 → n → n → 1) ReLU networks in the NTK parameterisation of
     * {@link InfiniteWidthKernels} (W = √(C_W/fan_in)·w, b = √C_b·β, w, β ~ N(0, 1) trained), step
     * η = 1/λ_max(Θ_XX), gradients by hand (one forward and one backward pass per point).
     */
    private static double[][] trainedNetworks(Tensor xTrain, Tensor y, double[][] grid, int networks, int n, double cB,
            double cW) {
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.RELU, cB, cW, xTrain, 3);
        double[] eig = org.nabla.tensor.linalg.Linalg.eigvalsh(k.lastNtk()).toArray();
        double eta = 1.0 / eig[eig.length - 1];
        int steps = (int) Math.min(20_000, Math.ceil(30 * eig[eig.length - 1] / eig[0]));
        double worst = 0;
        int m = xTrain.dim(0);
        double[][] out = new double[grid.length][networks];
        double sb = Math.sqrt(cB);
        double s1 = Math.sqrt(cW);
        double s2 = Math.sqrt(cW / n);
        org.nabla.tensor.Rng root = new org.nabla.tensor.Rng(77);
        for (int net = 0; net < networks; net++) {
            org.nabla.tensor.Rng rng = root.split();
            double[] w1 = gaussians(rng, n);
            double[] b1 = gaussians(rng, n);
            double[][] w2 = new double[n][];
            for (int i = 0; i < n; i++) {
                w2[i] = gaussians(rng, n);
            }
            double[] b2 = gaussians(rng, n);
            double[] w3 = gaussians(rng, n);
            double[] b3 = gaussians(rng, 1);
            double[] z1 = new double[n];
            double[] h1 = new double[n];
            double[] z2 = new double[n];
            double[] h2 = new double[n];
            double[] d2 = new double[n];
            double[] d1 = new double[n];
            for (int step = 0; step < steps; step++) {
                double[] gw1 = new double[n];
                double[] gb1 = new double[n];
                double[][] gw2 = new double[n][n];
                double[] gb2 = new double[n];
                double[] gw3 = new double[n];
                double gb3 = 0;
                for (int a = 0; a < m; a++) {
                    double xa = xTrain.get(a, 0);
                    double e = forward(xa, w1, b1, w2, b2, w3, b3, s1, s2, sb, z1, h1, z2, h2) - y.get(a);
                    gb3 += e * sb;
                    for (int i = 0; i < n; i++) {
                        gw3[i] += e * s2 * h2[i];
                        d2[i] = z2[i] > 0 ? s2 * w3[i] : 0.0;
                        gb2[i] += e * sb * d2[i];
                    }
                    java.util.Arrays.fill(d1, 0.0);
                    for (int i = 0; i < n; i++) {
                        if (d2[i] == 0) {
                            continue;
                        }
                        double[] row = w2[i];
                        double[] grow = gw2[i];
                        double c = e * s2 * d2[i];
                        for (int j = 0; j < n; j++) {
                            grow[j] += c * h1[j];
                            d1[j] += s2 * row[j] * d2[i];
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        double dj = z1[j] > 0 ? d1[j] : 0.0;
                        gw1[j] += e * s1 * dj * xa;
                        gb1[j] += e * sb * dj;
                    }
                }
                for (int i = 0; i < n; i++) {
                    w1[i] -= eta * gw1[i];
                    b1[i] -= eta * gb1[i];
                    b2[i] -= eta * gb2[i];
                    w3[i] -= eta * gw3[i];
                    for (int j = 0; j < n; j++) {
                        w2[i][j] -= eta * gw2[i][j];
                    }
                }
                b3[0] -= eta * gb3;
            }
            for (int g = 0; g < grid.length; g++) {
                out[g][net] = forward(grid[g][0], w1, b1, w2, b2, w3, b3, s1, s2, sb, z1, h1, z2, h2);
            }
            for (int a = 0; a < m; a++) {
                worst = Math.max(worst, Math.abs(forward(xTrain.get(a, 0), w1, b1, w2, b2, w3, b3, s1, s2, sb, z1, h1, z2, h2)
                        - y.get(a)));
            }
        }
        System.out.printf(Locale.ROOT, "   gradient descent: η = 1/λ_max(Θ) = %.4f, %d steps (30 λ_max/λ_min), largest training"
                + " residual %.1e%n", eta, steps, worst);
        double[][] stats = new double[2][grid.length];
        for (int g = 0; g < grid.length; g++) {
            double mean = Arrays.stream(out[g]).average().orElse(0);
            double var = Arrays.stream(out[g]).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, networks - 1);
            stats[0][g] = mean;
            stats[1][g] = Math.sqrt(var);
        }
        return stats;
    }

    private static double forward(double x, double[] w1, double[] b1, double[][] w2, double[] b2, double[] w3, double[] b3,
            double s1, double s2, double sb, double[] z1, double[] h1, double[] z2, double[] h2) {
        int n = w1.length;
        for (int i = 0; i < n; i++) {
            z1[i] = s1 * w1[i] * x + sb * b1[i];
            h1[i] = Math.max(z1[i], 0.0);
        }
        double f = sb * b3[0];
        for (int i = 0; i < n; i++) {
            double z = sb * b2[i];
            double[] row = w2[i];
            for (int j = 0; j < n; j++) {
                z += s2 * row[j] * h1[j];
            }
            z2[i] = z;
            h2[i] = Math.max(z, 0.0);
            f += s2 * w3[i] * h2[i];
        }
        return f;
    }

    private static double[] gaussians(org.nabla.tensor.Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory"));
    }

    /** A line plot of named series (name, double[] values, …) against x = 1, 2, …. */
    private static LinePlot lines(String xLabel, String title, Object... nameValuePairs) {
        LinePlot plot = new LinePlot().title(title).xLabel(xLabel);
        for (int k = 0; k + 1 < nameValuePairs.length; k += 2) {
            plot.series((String) nameValuePairs[k], (double[]) nameValuePairs[k + 1]);
        }
        return plot;
    }
}
