package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.NeuralTangentKernel;
import org.nabla.viz.LinePlot;

/**
 * The empirical neural tangent kernel concentrating on its infinite-width limit (Jacot, Gabriel &amp;
 * Hongler, NeurIPS 2018, Theorem 1) for f(x) = m^(−½) Σⱼ aⱼ relu(wⱼ·x), wⱼ ~ N(0, I₃), aⱼ ~ N(0, 1):
 * <pre>
 *   Θ_m(x, x′) = Σ_θ ∂_θ f(x) ∂_θ f(x′)  →  Θ_∞(x, x′) = |x||x′|(sin t + (π − t) cos t)/(2π) + x·x′(π − t)/(2π)
 * </pre>
 * The relative error ‖Θ_m − Θ_∞‖_F / ‖Θ_∞‖_F on 5 points is a mean of m independent terms minus its
 * expectation, so it falls like m^(−½). The example computes Θ_m with
 * {@link NeuralTangentKernel#empirical} (reverse-mode Jacobians) for m = 10, 32, 100, …, 10,000 over
 * 10 seeds and writes {@code target/theory/ntk-width.png}: the mean error and its spread against
 * log₁₀ m, with the line c·m^(−½) through the value at m = 100.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.NtkConcentration}
 * ({@code -Dargs=--quick}: m ≤ 1,000, 3 seeds).
 */
public final class NtkConcentration {
    private NtkConcentration() {
    }

    /** Widths and the seed-mean relative error at each. */
    public record Result(int[] widths, double[] meanError) {
    }

    public static Result run(boolean quick, Path png) throws Exception {
        int points = quick ? 5 : 7;
        int seeds = quick ? 3 : 10;
        int[] widths = new int[points];
        for (int k = 0; k < points; k++) {
            widths[k] = (int) Math.round(Math.pow(10, 1 + k / 2.0));
        }
        Tensor x = Tensor.randn(new Rng(19), 5, 3);
        Tensor limit = NeuralTangentKernel.infiniteWidthTwoLayerRelu(x, x);
        double[] mean = new double[points];
        double[] lo = new double[points];
        double[] hi = new double[points];
        for (int k = 0; k < points; k++) {
            int m = widths[k];
            lo[k] = Double.POSITIVE_INFINITY;
            hi[k] = 0;
            for (int s = 0; s < seeds; s++) {
                Rng rng = new Rng(1000 + s);
                Variable w = Variable.leaf(Tensor.randn(rng, m, 3));
                Variable a = Variable.leaf(Tensor.randn(rng, 1, m));
                double scale = 1 / Math.sqrt(m);
                Tensor theta = NeuralTangentKernel.empirical(List.of(w, a),
                        xv -> xv.matmul(w.transpose()).relu().matmul(a.transpose()).mul(scale), x);
                double e = theta.sub(limit).norm() / limit.norm();
                mean[k] += e / seeds;
                lo[k] = Math.min(lo[k], e);
                hi[k] = Math.max(hi[k], e);
            }
            System.out.printf(Locale.ROOT, "width %6d: relative error mean %.4f (min %.4f, max %.4f over %d seeds)%n", m,
                    mean[k], lo[k], hi[k], seeds);
        }
        double[] reference = new double[points];
        for (int k = 0; k < points; k++) {
            reference[k] = mean[2] * Math.sqrt(100.0 / widths[k]);
        }
        double[] m = Arrays.stream(widths).asDoubleStream().toArray();
        new LinePlot().title("||Theta_m - Theta_inf||_F / ||Theta_inf||_F").xLabel("width m").logX().logY()
                .series("mean over " + seeds + " seeds", m, mean).series("min", m, lo).series("max", m, hi)
                .series("c m^(-1/2)", m, reference)
                .writePng(png);
        System.out.println("curve written to " + png);
        return new Result(widths, mean);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "ntk-width.png"));
    }
}
