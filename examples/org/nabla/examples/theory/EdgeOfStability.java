package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Variable;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.HessianSpectrum;
import org.nabla.theory.MultilayerPerceptron;
import org.nabla.theory.ScalarActivation;
import org.nabla.viz.Figure;
import org.nabla.viz.LinePlot;

/**
 * Gradient descent at the edge of stability (Cohen, Kaur, Li, Kolter &amp; Talwalkar, "Gradient Descent on
 * Neural Networks Typically Occurs at the Edge of Stability", ICLR 2021). Full-batch gradient descent
 * θ ← θ − η∇L(θ) on a quadratic model is stable only while the sharpness λ_max(∇²L) &lt; 2/η; on a
 * neural network the sharpness rises during training (progressive sharpening) until it reaches about
 * 2/η and then hovers there while the loss keeps falling, non-monotonically.
 *
 * <p>Set-up: the first 250 digits, f = W₂ tanh(W₁x + b₁) + b₂ (64 → 32 → 10), W ~ N(0, 1/fan_in),
 * b = 0, the square loss L(θ) = (1/2n) Σᵢ ‖f(xᵢ) − yᵢ‖² on one-hot targets (as in the paper), and a
 * fixed learning rate η. Every few steps the top Hessian eigenvalue is estimated by 20 Lanczos steps on
 * Hessian-vector products ({@link HessianSpectrum#topEigenvalues}). Writes
 * {@code target/theory/edge-of-stability.png}: sharpness with the line 2/η, and the training loss.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.EdgeOfStability}
 * ({@code -Dargs=--quick}: fewer steps).
 */
public final class EdgeOfStability {
    private EdgeOfStability() {
    }

    /** The sharpness and loss at each measurement, the steps at which they were taken, and 2/η. */
    public record Result(double[] sharpness, double[] loss, int[] steps, double threshold) {
        /** The largest sharpness seen. */
        public double maxSharpness() {
            return Arrays.stream(sharpness).max().orElse(Double.NaN);
        }
    }

    static final double LEARNING_RATE = 0.15;

    public static Result run(boolean quick, Path png) throws Exception {
        return run(quick ? 300 : 3000, quick ? 30 : 50, LEARNING_RATE, png);
    }

    public static Result run(int steps, int every, double learningRate, Path png) throws Exception {
        TensorDataset digits = Digits.load();
        int n = 250;
        Tensor x = digits.features().slice(0, 0, n);
        double[] labels = digits.targets().slice(0, 0, n).toArray();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (int) labels[i];
        }
        Tensor target = Tensor.oneHot(y, 10);
        Rng rng = new Rng(3);
        int hidden = 32;
        List<Tensor> shapes = List.of(Tensor.randn(rng, hidden, 64).mul(Math.sqrt(1.0 / 64)), Tensor.zeros(hidden),
                Tensor.randn(rng, 10, hidden).mul(Math.sqrt(1.0 / hidden)), Tensor.zeros(10));
        Variable xv = Variable.constant(x);
        Variable yv = Variable.constant(target);
        Function<Variable, Variable> loss = th -> MultilayerPerceptron
                .forward(MultilayerPerceptron.unflatten(th, shapes), ScalarActivation.TANH, xv).sub(yv).square().sum()
                .mul(0.5 / n);
        Tensor theta = MultilayerPerceptron.flatten(shapes);
        double threshold = 2 / learningRate;
        List<Double> sharp = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        Rng lanczos = new Rng(5);
        for (int t = 0; t <= steps; t++) {
            if (t % every == 0) {
                double s = HessianSpectrum.topEigenvalues(loss, theta, 1, 20, lanczos)[0];
                double l = loss.apply(Variable.constant(theta)).item();
                sharp.add(s);
                losses.add(l);
                at.add(t);
                System.out.printf(Locale.ROOT, "step %5d: loss %.5f, sharpness %.3f (2/eta = %.1f)%n", t, l, s, threshold);
            }
            if (t < steps) {
                theta = theta.sub(Autodiff.grad(loss, theta).mul(learningRate));
            }
        }
        double[] s = sharp.stream().mapToDouble(Double::doubleValue).toArray();
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        double[] line = new double[s.length];
        Arrays.fill(line, threshold);
        String measured = "measurement (every " + every + " steps)";
        Figure.row(new LinePlot().title(String.format(Locale.ROOT, "sharpness, eta = %.3g", learningRate)).xLabel(measured)
                        .series("lambda_max", s).series("2 / eta", line),
                new LinePlot().title("training loss").xLabel(measured).logY().series("L(theta)", l))
                .writePng(png);
        System.out.println("curves written to " + png);
        return new Result(s, l, at.stream().mapToInt(Integer::intValue).toArray(), threshold);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        if (args.length >= 3) {
            run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                    Path.of("target", "theory", "edge-of-stability.png"));
            return;
        }
        run(quick, Path.of("target", "theory", "edge-of-stability.png"));
    }
}
