package org.nabla.theory;

import java.util.function.DoubleUnaryOperator;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * Gauss–Hermite quadrature for the standard normal: nodes tᵢ and weights wᵢ with
 * <pre>
 *   E[g(t)] = ∫ g(t) φ(t) dt ≈ Σᵢ wᵢ g(tᵢ),   t ~ N(0, 1),
 * </pre>
 * exact when g is a polynomial of degree ≤ 2N − 1. With the physicists' rule ∫ e^(−x²) f(x) dx ≈
 * Σ ωᵢ f(xᵢ) (xᵢ the roots of the Hermite polynomial H_N), tᵢ = √2·xᵢ and wᵢ = ωᵢ/√π.
 *
 * <p>The roots are the eigenvalues of the symmetric tridiagonal Jacobi matrix with off-diagonal
 * entries √(k/2), k = 1 … N − 1 (Golub &amp; Welsch, "Calculation of Gauss quadrature rules", Math. Comp.
 * 23, 1969), polished by Newton's method on the orthonormal Hermite polynomials
 * p₀ = π^(−¼), p_j(x) = x√(2/j) p_{j−1}(x) − √((j−1)/j) p_{j−2}(x), with p′_N = √(2N) p_{N−1} and
 * ωᵢ = 2 / p′_N(xᵢ)² (Press et al., <i>Numerical Recipes</i>, 3rd ed. (2007), §4.6.2, routine
 * {@code gauher}; Abramowitz &amp; Stegun 25.4.46). Nodes and weights are symmetrized exactly.
 *
 * <p>For an analytic g the error falls geometrically in √N, at a rate set by the distance of g's
 * nearest complex singularity from the real axis (tanh(√K t) has poles at t = ±iπ/(2√K), so large
 * variances need many nodes); for a kink (relu) it falls only algebraically — use closed forms or
 * {@link GaussianExpectation} there. N is limited to 600 (beyond it p_N overflows at the outer nodes).
 */
public final class GaussHermite {
    private static final java.util.Map<Integer, GaussHermite> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The N-point rule for the standard normal (computed once per N and cached; rules are immutable).
     *
     * @throws IllegalArgumentException if N is not in 1 … 600
     */
    public static GaussHermite of(int n) {
        if (n < 1 || n > 600) {
            throw new IllegalArgumentException("GaussHermite: number of nodes must be in 1..600, got " + n);
        }
        return CACHE.computeIfAbsent(n, GaussHermite::compute);
    }

    private static GaussHermite compute(int n) {
        // Golub–Welsch: the roots of H_N are the eigenvalues of the Jacobi matrix J (J_{k,k+1} = √(k/2))
        double[] jacobi = new double[n * n];
        for (int k = 1; k < n; k++) {
            jacobi[(k - 1) * n + k] = Math.sqrt(k / 2.0);
            jacobi[k * n + k - 1] = Math.sqrt(k / 2.0);
        }
        double[] guess = Linalg.eigvalsh(Tensor.of(new int[] {n, n}, jacobi)).toArray();
        double[] x = new double[n];
        double[] w = new double[n];
        double pim4 = 0.7511255444649425; // π^(−1/4)
        for (int i = 0; i < n; i++) {
            double z = guess[i];
            double pp = 0;
            // Newton polish from the eigenvalue (already within rounding of the root), then the weight
            for (int it = 0; it < 3; it++) {
                double p1 = pim4;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double step = p1 / pp;
                if (it < 2 && Math.abs(step) < 1e-6 * Math.max(1.0, Math.abs(z))) {
                    z -= step;
                }
            }
            x[i] = z;
            w[i] = 2.0 / (pp * pp);
        }
        // exact symmetry: average each node with its mirror
        for (int i = 0; i < n / 2; i++) {
            double xi = 0.5 * (x[n - 1 - i] - x[i]);
            double wi = 0.5 * (w[i] + w[n - 1 - i]);
            x[i] = -xi;
            x[n - 1 - i] = xi;
            w[i] = wi;
            w[n - 1 - i] = wi;
        }
        double[] t = new double[n];
        double[] wt = new double[n];
        double sqrtPi = Math.sqrt(Math.PI);
        for (int i = 0; i < n; i++) {
            t[i] = Math.sqrt(2.0) * x[i];
            wt[i] = w[i] / sqrtPi;
        }
        if (n % 2 == 1) {
            t[n / 2] = 0.0;
        }
        return new GaussHermite(t, wt);
    }

    /** The number of nodes N. */
    public int size() {
        return nodes.length;
    }

    /** Node tᵢ (ascending). */
    public double node(int i) {
        return nodes[i];
    }

    /** Weight wᵢ (they sum to 1). */
    public double weight(int i) {
        return weights[i];
    }

    /** ⟨g(z)⟩_K ≈ Σᵢ wᵢ g(√K tᵢ), z ~ N(0, K). */
    public double expectation(DoubleUnaryOperator g, double variance) {
        if (!(variance >= 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("GaussHermite: variance K must be finite and >= 0, got " + variance);
        }
        double s = Math.sqrt(variance);
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * g.applyAsDouble(s * nodes[i]);
        }
        return sum;
    }
}
