package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.tensor.Tensor;
import org.nabla.theory.RecursiveFeatureMachine;
import org.nabla.viz.Figure;
import org.nabla.viz.HeatMap;
import org.nabla.viz.LinePlot;

/**
 * The Recursive Feature Machine against the plain Laplace kernel and a neural network on the digits
 * (Radhakrishnan, Beaglehole, Pandit &amp; Belkin, Science 383, 2024, Algorithm 1):
 * <pre>
 *   K_M(x, z) = exp(−‖x − z‖_M / L),   α = (K_M(X, X) + λI)⁻¹ Y,   M ← AGOP(Σᵢ αᵢ K_M(·, xᵢ))
 * </pre>
 * with one-hot Y, L = 10, λ = 10⁻³, from M = I (the plain Laplace kernel). After each fit the test
 * accuracy (argmax of the 10 outputs) is recorded; the MLP 64 → 128 → 10 of {@link DigitsMlp} gives
 * the neural-network line.
 *
 * <p>Writes {@code target/theory/rfm-digits.png} (accuracy per fit) and {@code target/theory/rfm-diag.png}
 * (the diagonal of the last M as an 8×8 image: the pixels RFM weighs).
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.RfmOnDigits}
 * (add {@code -Dargs=--quick}: 400 training digits, one AGOP round).
 */
public final class RfmOnDigits {
    private RfmOnDigits() {
    }

    /** Test accuracy after each fit (index 0: M = I, the plain Laplace kernel) and of the MLP. */
    public record Result(double[] rfmAccuracy, double mlpAccuracy) {
    }

    public static Result run(boolean quick, Path curvePng, Path diagonalPng) throws Exception {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = split.train();
        TensorDataset test = split.test();
        if (quick) {
            train = train.subset(range(400));
        }
        int rounds = quick ? 1 : 5;
        double bandwidth = 10.0;
        double ridge = 1e-3;
        Tensor x = train.features();
        int[] labels = toInts(train.targets());
        Tensor y = Tensor.oneHot(labels, 10);
        Tensor xTest = test.features();
        Tensor m = Tensor.eye(64);
        double[] accuracy = new double[rounds + 1];
        for (int t = 0; t <= rounds; t++) {
            Tensor alpha = RecursiveFeatureMachine.fit(x, y, m, bandwidth, ridge);
            Tensor predictions = RecursiveFeatureMachine.predict(xTest, x, alpha, m, bandwidth);
            accuracy[t] = DigitsMlp.accuracy(predictions, test.targets());
            System.out.printf(Locale.ROOT, "fit %d (%s): test accuracy %.4f%n", t, t == 0 ? "M = I, Laplace kernel"
                    : "M = AGOP of fit " + (t - 1), accuracy[t]);
            if (t < rounds) {
                m = RecursiveFeatureMachine.agop(x, alpha, m, bandwidth);
            }
        }
        int epochs = quick ? 3 : 40;
        double mlp = DigitsMlp.accuracy(DigitsMlp.train(train, 128, epochs, 7).forward(xTest), test.targets());
        System.out.printf(Locale.ROOT, "MLP 64-128-10, %d epochs: test accuracy %.4f%n", epochs, mlp);
        double[] laplaceLine = new double[rounds + 1];
        Arrays.fill(laplaceLine, accuracy[0]);
        double[] mlpLine = new double[rounds + 1];
        Arrays.fill(mlpLine, mlp);
        new LinePlot().title("test accuracy on the digits").xLabel("fit (1: M = I, then one per AGOP round)")
                .series("RFM", accuracy).series("Laplace kernel (M = I)", laplaceLine).series("MLP 64-128-10", mlpLine)
                .writePng(curvePng);
        Figure.row(HeatMap.of(m.mul(Tensor.eye(64)).sum(1).reshape(8, 8)).title("diag M after " + rounds + " rounds (8x8)"),
                HeatMap.of(x.mean(0).reshape(8, 8)).title("mean training digit"))
                .writePng(diagonalPng);
        System.out.println("pictures written to " + curvePng + " and " + diagonalPng);
        return new Result(accuracy, mlp);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Integer labels from a tensor of whole numbers. */
    static int[] toInts(Tensor labels) {
        double[] d = labels.toArray();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "rfm-digits.png"), Path.of("target", "theory", "rfm-diag.png"));
    }
}
