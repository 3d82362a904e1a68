package org.nabla.theory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The trajectory of full-batch gradient descent with a constant step,
 * <pre>
 *   θₖ₊₁ = θₖ − η ∇f(θₖ),   k = 0, 1, …, K − 1,
 * </pre>
 * recording the iterates θₖ, the values f(θₖ) and the squared gradient norms ‖∇f(θₖ)‖² for
 * k = 0..K (the gradient by reverse mode, {@link Autodiff#grad}). It is the object the bounds of
 * {@link GradientDescentRate} and the estimate of {@link PolyakLojasiewicz} are about.
 * The run stops early (the lists are shorter) if f becomes non-finite — divergence.
 */
public final class GradientDescentTrajectory {
    private final double step;
    private final List<Tensor> iterates;
    private final double[] values;
    private final double[] gradientNormsSquared;

    private GradientDescentTrajectory(double step, List<Tensor> iterates, double[] values, double[] gradientNormsSquared) {
        this.step = step;
        this.iterates = iterates;
        this.values = values;
        this.gradientNormsSquared = gradientNormsSquared;
    }

    /** Runs K steps of gradient descent with step η from θ₀. */
    public static GradientDescentTrajectory run(Function<Variable, Variable> f, Tensor theta0, double eta, int steps) {
        if (theta0.rank() != 1) {
            throw new IllegalArgumentException("GradientDescentTrajectory.run: θ₀ must be a vector (P), got " + theta0.shape());
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("GradientDescentTrajectory.run: step η must be finite and > 0, got " + eta);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("GradientDescentTrajectory.run: steps must be >= 0, got " + steps);
        }
        List<Tensor> thetas = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        List<Double> gs = new ArrayList<>();
        Tensor theta = theta0;
        for (int k = 0; k <= steps; k++) {
            Variable x = Variable.leaf(theta);
            Variable y = f.apply(x);
            if (y.shape().size() != 1) {
                throw new IllegalArgumentException("GradientDescentTrajectory.run: f must return a scalar, got shape "
                        + y.shape());
            }
            double value = y.item();
            if (!Double.isFinite(value)) {
                break;
            }
            Tensor g = Autodiff.grad(f, theta);
            thetas.add(theta);
            fs.add(value);
            gs.add(g.dot(g));
            if (k < steps) {
                theta = theta.sub(g.mul(eta));
            }
        }
        return new GradientDescentTrajectory(eta, Collections.unmodifiableList(thetas),
                fs.stream().mapToDouble(Double::doubleValue).toArray(),
                gs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The step η. */
    public double step() {
        return step;
    }

    /** θ₀, …, θ_K. */
    public List<Tensor> iterates() {
        return iterates;
    }

    /** f(θ₀), …, f(θ_K). */
    public double[] values() {
        return values.clone();
    }

    /** ‖∇f(θ₀)‖², …, ‖∇f(θ_K)‖². */
    public double[] gradientNormsSquared() {
        return gradientNormsSquared.clone();
    }

    /** The number of recorded iterates (K + 1 unless f became non-finite). */
    public int length() {
        return values.length;
    }

    /** Whether f(θₖ₊₁) ≤ f(θₖ) for every k, exactly. */
    public boolean isMonotone() {
        return isMonotone(0.0);
    }

    /**
     * Whether f(θₖ₊₁) ≤ f(θₖ) + tolerance for every k — near the minimum f is flat to roundoff, so a
     * tolerance of a few ulps of f* separates rounding from ascent.
     */
    public boolean isMonotone(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("GradientDescentTrajectory.isMonotone: tolerance must be >= 0, got " + tolerance);
        }
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[k - 1] + tolerance) {
                return false;
            }
        }
        return true;
    }
}
