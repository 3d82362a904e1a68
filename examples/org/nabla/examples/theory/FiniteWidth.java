package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nabla.examples.LinePlot;
import org.nabla.tensor.Tensor;
import org.nabla.theory.FourPointVertex;
import org.nabla.theory.InfiniteWidthKernels;
import org.nabla.theory.InfiniteWidthPrediction;
import org.nabla.theory.NtkFluctuation;
import org.nabla.theory.ScalarActivation;
import org.nabla.theory.VertexEnsemble;

/**
 * Finite width: when depth becomes a problem (PDLT ch. 4–5, 8–10; Hanin &amp; Nica 2019). Four
 * measurements on ensembles of real networks beside the predictions of the effective theory:
 * <ol>
 *   <li>the four-point vertex at layer 8 — {@link VertexEnsemble} against {@link FourPointVertex} — and
 *       V/(nK²) against depth at widths 64, 128 and 256 (exact single-input law, 10,000 networks each; the layer-8 table uses 1,000 full networks of width 128),
 *       written to {@code target/theory/vertex-depth.png};</li>
 *   <li>orthogonal against Gaussian hidden weights: V at each depth (ReLU, width 32);</li>
 *   <li>NTK fluctuations E[Θ²]/E[Θ]² of ReLU networks ({@link NtkFluctuation}) on the grid
 *       L ∈ {3, 5, 9} × n ∈ {32, 64}, with exp(5β) and log r / 5β;</li>
 *   <li>the NNGP posterior and the NTK gradient-descent ensemble ({@link InfiniteWidthPrediction}) on a
 *       1-D regression, written to {@code target/theory/nngp-ntk.png}.</li>
 * </ol>
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.FiniteWidth}
 * ({@code -Dargs=--quick}: ensembles 10× smaller).
 */
public final class FiniteWidth {
    private static final double[] X = {1.3211565181516327, -0.7706746355884524, 0.4403855060505443, 1.2110601416389968};

    private FiniteWidth() {
    }

    /** The NTK fluctuation results on the grid, in the order L = 3, 5, 9 for n = 32, then for n = 64. */
    public record Result(double[] vertexPredicted, double[] vertexMeasured, NtkFluctuation.Result[] fluctuation) {
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
        orthogonalAgainstGaussian(quick);
        NtkFluctuation.Result[] grid = fluctuations(quick);
        regressionBands(dir.resolve("nngp-ntk.png"));
        return new Result(predicted, measured, grid);
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
        new LinePlot("layer l").panel("critical ReLU: V/(n K^2) against depth", false, series).write(png);
        System.out.println("   curve written to " + png);
    }

    private static void orthogonalAgainstGaussian(boolean quick) {
        int depth = 6;
        int networks = quick ? 400 : 4000;
        VertexEnsemble.Measurement g = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, X, 16, depth, networks, 4,
                VertexEnsemble.Weights.GAUSSIAN);
        VertexEnsemble.Measurement o = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, X, 16, depth, networks, 4,
                VertexEnsemble.Weights.ORTHOGONAL);
        System.out.printf(Locale.ROOT, "2. Critical ReLU, width 16, %d networks: n·Var(S) − 2S̄² per layer%n", networks);
        for (int l = 1; l < depth; l++) {
            System.out.printf(Locale.ROOT, "   layer %d: Gaussian %.1f ± %.1f, orthogonal %.1f ± %.1f%n", l + 1,
                    g.vFromMeanSquare()[l], g.vFromMeanSquareSe()[l], o.vFromMeanSquare()[l], o.vFromMeanSquareSe()[l]);
        }
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

    private static void regressionBands(Path png) throws Exception {
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
        System.out.println("4. ReLU depth 3, (C_b, C_W) = (0.1, 2), 5 training points, x from -2 to 2 (41 points):");
        for (int i : new int[] {0, 10, 20, 30, 40}) {
            System.out.printf(Locale.ROOT, "   x = %5.2f: NNGP %.3f ± %.3f, NTK %.3f ± %.3f (±1 s.d.)%n", grid[i][0], s[0][i],
                    Math.sqrt(p.nngp().variance()[i]), s[3][i], Math.sqrt(p.ntk().variance()[i]));
        }
        new LinePlot("test point (x = -2 ... 2)")
                .panel("NNGP posterior, mean +- 2 s.d.", false, "mean", s[0], "+2 s.d.", s[1], "-2 s.d.", s[2])
                .panel("NTK gradient descent ensemble, mean +- 2 s.d.", false, "mean", s[3], "+2 s.d.", s[4], "-2 s.d.", s[5])
                .write(png);
        System.out.println("   curves written to " + png);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory"));
    }
}
