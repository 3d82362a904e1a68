package org.nabla.theory;

import java.util.function.Function;
import org.nabla.activation.Softplus;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

/**
 * Three convex objectives of a parameter vector θ ∈ ℝᵈ whose smoothness and strong-convexity
 * constants are known in closed form, the test bed of {@link SmoothnessConstants} and
 * {@link GradientDescentRate}:
 * <ul>
 *   <li>the quadratic f(θ) = ½θᵀAθ − bᵀθ, A symmetric: ∇²f = A, so L = λ_max(A), μ = λ_min(A), and for
 *       A ≻ 0 the minimizer θ* = A⁻¹b with f* = −½bᵀθ*;</li>
 *   <li>least squares f(θ) = (1/2n)‖Xθ − y‖², X ∈ ℝⁿˣᵈ: ∇²f = XᵀX/n, L = λ_max(XᵀX)/n;</li>
 *   <li>L2-regularized logistic regression, labels yᵢ ∈ {−1, +1},
 *       f(θ) = (1/n) Σᵢ log(1 + exp(−yᵢxᵢᵀθ)) + (λ/2)‖θ‖², computed as softplus(−yᵢxᵢᵀθ) in its stable
 *       form max(u, 0) + log1p(e^(−|u|)) ({@link Softplus#softplus}): ∇²f = (1/n)XᵀDX + λI with
 *       D = diag(σ(uᵢ)(1 − σ(uᵢ))) ⪯ ¼I, so μ ≥ λ and L ≤ λ_max(XᵀX)/(4n) + λ = ‖X‖₂²/(4n) + λ
 *       (Bach, <i>Learning Theory from First Principles</i>, 2024, §5.2; Bubeck 2015, §3.4 examples).</li>
 * </ul>
 */
public final class ConvexObjectives {
    private ConvexObjectives() {
    }

    /** f(θ) = ½θᵀAθ − bᵀθ. */
    public static Function<Variable, Variable> quadratic(Tensor a, Tensor b) {
        int d = b.size();
        if (a.rank() != 2 || a.shape().dim(0) != d || a.shape().dim(1) != d || b.rank() != 1) {
            throw new IllegalArgumentException("ConvexObjectives.quadratic: need A (d, d) and b (d), got A "
                    + a.shape() + ", b " + b.shape());
        }
        Variable av = Variable.constant(a);
        Variable bv = Variable.constant(b);
        return theta -> {
            requireLength("quadratic", theta, d);
            return theta.mul(av.matmul(theta)).sum(null, false).mul(0.5).sub(theta.mul(bv).sum(null, false));
        };
    }

    /** The minimum value f* = −½bᵀA⁻¹b of the quadratic (A ≻ 0; by the eigendecomposition of A). */
    public static double quadraticMinimum(Tensor a, Tensor b) {
        return -0.5 * b.dot(quadraticMinimizer(a, b));
    }

    /** The minimizer θ* = A⁻¹b of the quadratic (A ≻ 0): θ* = Σⱼ vⱼ(vⱼᵀb)/λⱼ. */
    public static Tensor quadraticMinimizer(Tensor a, Tensor b) {
        SymmetricEigen e = SymmetricEigen.of(a.add(a.transpose()).mul(0.5));
        double[] lambda = e.values().toArray();
        Tensor v = e.vectors();
        if (!(lambda[0] > 0)) {
            throw new IllegalArgumentException("ConvexObjectives.quadraticMinimizer: A must be positive definite, "
                    + "smallest eigenvalue " + lambda[0]);
        }
        Tensor c = v.transpose().matmul(b);
        return v.matmul(c.div(Tensor.of(lambda)));
    }

    /** f(θ) = (1/2n)‖Xθ − y‖². */
    public static Function<Variable, Variable> leastSquares(Tensor x, Tensor y) {
        requireDesign("leastSquares", x, y);
        int n = x.shape().dim(0);
        Variable xv = Variable.constant(x);
        Variable yv = Variable.constant(y);
        return theta -> {
            requireLength("leastSquares", theta, x.shape().dim(1));
            return xv.matmul(theta).sub(yv).square().sum(null, false).div(2.0 * n);
        };
    }

    /** L = λ_max(XᵀX)/n of least squares. */
    public static double leastSquaresSmoothness(Tensor x) {
        return gramMax(x) / x.shape().dim(0);
    }

    /** f(θ) = (1/n) Σᵢ log(1 + exp(−yᵢxᵢᵀθ)) + (λ/2)‖θ‖², yᵢ ∈ {−1, +1}, λ ≥ 0. */
    public static Function<Variable, Variable> logisticRegression(Tensor x, Tensor y, double lambda) {
        requireDesign("logisticRegression", x, y);
        for (double yi : y.toArray()) {
            if (yi != 1.0 && yi != -1.0) {
                throw new IllegalArgumentException("ConvexObjectives.logisticRegression: labels must be ±1, got " + yi);
            }
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("ConvexObjectives.logisticRegression: λ must be finite and >= 0, got " + lambda);
        }
        Variable signedX = Variable.constant(x.mul(y.unsqueeze(1)).neg());
        return theta -> {
            requireLength("logisticRegression", theta, x.shape().dim(1));
            Variable data = Softplus.softplus(signedX.matmul(theta)).mean(null, false);
            return data.add(theta.square().sum(null, false).mul(lambda / 2));
        };
    }

    /** The bound ‖X‖₂²/(4n) + λ on the smoothness of L2-regularized logistic regression. */
    public static double logisticSmoothnessBound(Tensor x, double lambda) {
        return gramMax(x) / (4.0 * x.shape().dim(0)) + lambda;
    }

    private static double gramMax(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("ConvexObjectives: X must be (n, d), got " + x.shape());
        }
        double[] ev = SymmetricEigen.eigenvalues(x.transpose().matmul(x)).toArray();
        return ev[ev.length - 1];
    }

    private static void requireDesign(String what, Tensor x, Tensor y) {
        if (x.rank() != 2 || y.rank() != 1 || x.shape().dim(0) != y.size()) {
            throw new IllegalArgumentException("ConvexObjectives." + what + ": need X (n, d) and y (n), got X "
                    + x.shape() + ", y " + y.shape());
        }
    }

    private static void requireLength(String what, Variable theta, int d) {
        if (theta.shape().rank() != 1 || theta.shape().dim(0) != d) {
            throw new IllegalArgumentException("ConvexObjectives." + what + ": θ must be (" + d + "), got " + theta.shape());
        }
    }
}
