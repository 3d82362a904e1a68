package org.nabla.examples;

import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.MeanSquaredError;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * Least squares two ways: the closed form of the normal equations and gradient descent, which must
 * agree.
 *
 * <p>Data: y = Xw + b + ε with X ∈ ℝ^(n×3) standard normal, w = (2, −3, ½), b = 1, ε ~ N(0, 0.1²)
 * ({@link Synthetic#linearRegression}). With the design matrix A = [X 1] and θ = (w, b), the
 * least-squares estimate minimizes L(θ) = (1/n)‖Aθ − y‖² (Hastie, Tibshirani &amp; Friedman, <i>The
 * Elements of Statistical Learning</i>, §3.2):
 * <ul>
 *   <li>normal equations: ∇L = (2/n)Aᵀ(Aθ − y) = 0 ⇔ AᵀA θ̂ = Aᵀy, solved here by
 *       {@link Linalg#solve} on AᵀA (LU) and, as a check, by {@link Linalg#lstsq} on A itself (QR/SVD,
 *       better conditioned: it never forms AᵀA);</li>
 *   <li>gradient descent: a {@link Linear} layer 3 → 1, {@link MeanSquaredError}, full-batch
 *       {@link SGD} with η = 0.25 until no coordinate moves by more than 10⁻¹⁴. For this L the
 *       Hessian is (2/n)AᵀA ≈ 2I, so each step contracts the error by about |1 − 2η| = ½.</li>
 * </ul>
 * The key figure is max|θ_GD − θ̂|, below 10⁻⁶ (in practice about 10⁻¹⁵).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.LinearRegression}.
 */
public final class LinearRegression {
    private LinearRegression() {
    }

    /** Fits both ways and returns max|θ_GD − θ̂| over the four coefficients. */
    public static double run(boolean quick) {
        int n = quick ? 200 : 1000;
        Tensor trueW = Tensor.of(2, -3, 0.5);
        TensorDataset data = Synthetic.linearRegression(n, trueW, 1.0, 0.1, 42);
        Tensor x = data.features();
        Tensor y = data.targets();
        Tensor a = Tensor.concat(1, x, Tensor.ones(n, 1));

        Tensor theta = Linalg.solve(a.t().matmul(a), a.t().matmul(y)).reshape(4);
        Tensor thetaLstsq = Linalg.lstsq(a, y).reshape(4);

        Linear model = new Linear(3, 1, new Rng(1));
        SGD sgd = SGD.builder(model.parameters()).learningRate(0.25).build();
        MeanSquaredError mse = new MeanSquaredError();
        Variable input = Variable.constant(x);
        Variable target = Variable.constant(y);
        int steps = 0;
        double change = Double.POSITIVE_INFINITY;
        double loss = Double.NaN;
        while (change > 1e-14 && steps < 10_000) {
            Tensor before = coefficients(model);
            Variable l = mse.forward(model.forward(input), target);
            loss = l.item();
            sgd.step(l.backward());
            change = coefficients(model).sub(before).abs().max().item();
            steps++;
        }
        Tensor thetaGd = coefficients(model);
        System.out.printf(Locale.ROOT, "n = %d, true          w = %s, b = %.1f%n", n, fmt(trueW), 1.0);
        System.out.printf(Locale.ROOT, "normal equations     θ = %s%n", fmt(theta));
        System.out.printf(Locale.ROOT, "lstsq (no AᵀA)       θ = %s%n", fmt(thetaLstsq));
        System.out.printf(Locale.ROOT, "gradient descent     θ = %s  (%d steps, final loss %.6f)%n", fmt(thetaGd),
                steps, loss);
        double diff = thetaGd.sub(theta).abs().max().item();
        System.out.printf(Locale.ROOT, "max |θ_GD − θ_normal| = %.3e, max |θ_lstsq − θ_normal| = %.3e%n", diff,
                thetaLstsq.sub(theta).abs().max().item());
        return diff;
    }

    /** (w₁, w₂, w₃, b) of the linear layer. */
    private static Tensor coefficients(Linear model) {
        return Tensor.concat(0, model.weight().value().reshape(3), model.bias().value());
    }

    private static String fmt(Tensor t) {
        StringBuilder sb = new StringBuilder("(");
        for (double v : t.toArray()) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.10f", v));
        }
        return sb.append(')').toString();
    }

    public static void main(String[] args) {
        run(args.length > 0 && args[0].equals("--quick"));
    }
}
