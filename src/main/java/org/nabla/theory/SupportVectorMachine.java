package org.nabla.theory;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nabla.tensor.Tensor;

/**
 * The soft-margin support vector machine for labels yᵢ ∈ {−1, +1}, fitted by its dual with
 * sequential minimal optimization (Platt, <i>Sequential Minimal Optimization</i>, MSR-TR-98-14, 1998),
 * choosing each pair by the second-order working-set selection of Fan, Chen &amp; Lin (JMLR 6, 2005,
 * §II, WSS 3), as LIBSVM and hence scikit-learn's {@code SVC} do. The primal and its dual
 * (Schölkopf &amp; Smola, <i>Learning with Kernels</i>, MIT Press 2002, §7.5; Berlyand &amp; Jabin,
 * <i>Mathematics of Deep Learning</i>, De Gruyter 2023, the chapter on support vector machines):
 * <pre>
 *   min_{w,b,ξ} ½‖w‖² + C Σᵢ ξᵢ   s.t.  yᵢ(⟨w, φ(xᵢ)⟩ + b) ≥ 1 − ξᵢ,  ξᵢ ≥ 0
 *   min_α  ½ αᵀQα − Σᵢ αᵢ       s.t.  0 ≤ αᵢ ≤ C,  Σᵢ αᵢyᵢ = 0,       Q_ij = yᵢyⱼ k(xᵢ, xⱼ)
 *   f(x) = Σᵢ αᵢyᵢ k(xᵢ, x) + b,   w = Σᵢ αᵢyᵢ φ(xᵢ)   (for the linear kernel w ∈ ℝᵈ)
 * </pre>
 * The KKT conditions at the solution: αᵢ = 0 ⇒ yᵢf(xᵢ) ≥ 1;  0 &lt; αᵢ &lt; C ⇒ yᵢf(xᵢ) = 1;
 * αᵢ = C ⇒ yᵢf(xᵢ) ≤ 1. With G = Qα − e the gradient of the dual, yᵢf(xᵢ) = 1 + Gᵢ + yᵢb.
 * SMO stops when the maximal violating pair violates them by less than the tolerance:
 * max_{i ∈ I_up} −yᵢGᵢ − min_{j ∈ I_low} −yⱼGⱼ &lt; tol (LIBSVM's {@code eps}, scikit-learn's {@code tol},
 * default 1e-3). Each step solves the two-variable subproblem in closed form and clips it to the box
 * (a non-positive curvature is replaced by τ = 1e-12, as in LIBSVM). The intercept is LIBSVM's:
 * b = −ρ, ρ the mean of yᵢGᵢ over the free αᵢ (0 &lt; αᵢ &lt; C), or the midpoint of the feasible interval
 * when none is free. The dual coefficients αᵢyᵢ and the support vectors (αᵢ &gt; 0) are scikit-learn's
 * {@code dual_coef_} and {@code support_} (there grouped by class; here in index order). The width of
 * the margin is 2/‖w‖, ‖w‖² = Σᵢⱼ αᵢαⱼyᵢyⱼ k(xᵢ, xⱼ). The Gram matrix is held in full (n² doubles).
 */
public final class SupportVectorMachine {
    /** scikit-learn's default tolerance of {@code SVC}. */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    private static final double TAU = 1e-12;

    private final Tensor x;
    private final double[] y;
    private final double[] alpha;
    private final double intercept;
    private final Kernel kernel;
    private final double c;
    private final double[] gram;
    private final int iterations;

    private SupportVectorMachine(Tensor x, double[] y, double[] alpha, double intercept, Kernel kernel, double c,
            double[] gram, int iterations) {
        this.x = x;
        this.y = y;
        this.alpha = alpha;
        this.intercept = intercept;
        this.kernel = kernel;
        this.c = c;
        this.gram = gram;
        this.iterations = iterations;
    }

    /** {@link #fit(Tensor, Tensor, Kernel, double, double)} with scikit-learn's tolerance 1e-3. */
    public static SupportVectorMachine fit(Tensor x, Tensor y, Kernel kernel, double c) {
        return fit(x, y, kernel, c, DEFAULT_TOLERANCE);
    }

    /**
     * Solves the dual by SMO.
     *
     * @param x inputs (n, d)
     * @param y labels (n), each −1 or +1, both present
     * @param c the box constraint C &gt; 0 (large C approaches the hard margin)
     * @param tolerance the stopping tolerance on the maximal KKT violation, &gt; 0
     * @throws IllegalStateException when SMO does not converge within max(10⁷, 100n) steps (LIBSVM's cap)
     */
    public static SupportVectorMachine fit(Tensor x, Tensor y, Kernel kernel, double c, double tolerance) {
        if (x.rank() != 2 || y.rank() != 1 || y.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("SupportVectorMachine.fit: expected X (n, d) and labels y (n), got X "
                    + x.shape() + " and y " + y.shape());
        }
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("SupportVectorMachine.fit: C must be positive and finite, got " + c);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("SupportVectorMachine.fit: the tolerance must be positive, got "
                    + tolerance);
        }
        double[] labels = y.contiguous().toArray();
        int n = labels.length;
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 1 && labels[i] != -1) {
                throw new IllegalArgumentException("SupportVectorMachine.fit: labels must be −1 or +1, got y[" + i + "] = "
                        + labels[i]);
            }
            positives += labels[i] == 1 ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("SupportVectorMachine.fit: both classes −1 and +1 must occur, got "
                    + positives + " of " + n + " labels +1");
        }
        double[] k = kernel.gram(x).toArray();
        double[] a = new double[n];
        double[] g = new double[n]; // G = Qα − e
        Arrays.fill(g, -1.0);
        long cap = Math.max(10_000_000L, 100L * n);
        int steps = 0;
        while (true) {
            int[] pair = select(labels, a, g, k, c, tolerance);
            if (pair == null) {
                break;
            }
            if (steps >= cap) {
                throw new IllegalStateException("SupportVectorMachine.fit: SMO did not reach tolerance " + tolerance
                        + " within " + cap + " steps (n = " + n + ", C = " + c + ")");
            }
            step(pair[0], pair[1], labels, a, g, k, c);
            steps++;
        }
        return new SupportVectorMachine(x, labels, a, -rho(labels, a, g, c), kernel, c, k, steps);
    }

    /**
     * The pair (i, j) of WSS 3 (Fan, Chen &amp; Lin 2005): i maximizes −yᵢGᵢ over I_up, j minimizes the
     * second-order decrease −b²/a over the violating j ∈ I_low; null when m(α) − M(α) &lt; tol.
     */
    private static int[] select(double[] y, double[] a, double[] g, double[] k, double c, double tol) {
        int n = y.length;
        double gmax = Double.NEGATIVE_INFINITY;
        int i = -1;
        for (int t = 0; t < n; t++) {
            if (y[t] == 1 ? a[t] < c : a[t] > 0) {
                double v = -y[t] * g[t];
                if (v >= gmax) {
                    gmax = v;
                    i = t;
                }
            }
        }
        double gmax2 = Double.NEGATIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int j = -1;
        for (int t = 0; t < n; t++) {
            if (y[t] == 1 ? a[t] > 0 : a[t] < c) {
                double v = y[t] * g[t];
                gmax2 = Math.max(gmax2, v);
                double b = gmax + v;
                if (i >= 0 && b > 0) {
                    double quad = k[i * n + i] + k[t * n + t] - 2 * k[i * n + t];
                    double obj = -b * b / (quad > 0 ? quad : TAU);
                    if (obj <= best) {
                        best = obj;
                        j = t;
                    }
                }
            }
        }
        return gmax + gmax2 < tol || j == -1 ? null : new int[] {i, j};
    }

    /** The closed-form two-variable step on (αᵢ, αⱼ), clipped to the box, and the update of G. */
    private static void step(int i, int j, double[] y, double[] a, double[] g, double[] k, double c) {
        int n = y.length;
        double qij = y[i] * y[j] * k[i * n + j];
        double oldI = a[i];
        double oldJ = a[j];
        double ai = oldI;
        double aj = oldJ;
        if (y[i] != y[j]) {
            double quad = k[i * n + i] + k[j * n + j] + 2 * qij;
            double delta = (-g[i] - g[j]) / (quad > 0 ? quad : TAU);
            double diff = ai - aj;
            ai += delta;
            aj += delta;
            if (diff > 0 ? aj < 0 : ai < 0) {
                if (diff > 0) {
                    aj = 0;
                    ai = diff;
                } else {
                    ai = 0;
                    aj = -diff;
                }
            }
            if (diff > 0 ? ai > c : aj > c) {
                if (diff > 0) {
                    ai = c;
                    aj = c - diff;
                } else {
                    aj = c;
                    ai = c + diff;
                }
            }
        } else {
            double quad = k[i * n + i] + k[j * n + j] - 2 * qij;
            double delta = (g[i] - g[j]) / (quad > 0 ? quad : TAU);
            double sum = ai + aj;
            ai -= delta;
            aj += delta;
            if (sum > c) {
                if (ai > c) {
                    ai = c;
                    aj = sum - c;
                }
                if (aj > c) {
                    aj = c;
                    ai = sum - c;
                }
            } else {
                if (aj < 0) {
                    aj = 0;
                    ai = sum;
                }
                if (ai < 0) {
                    ai = 0;
                    aj = sum;
                }
            }
        }
        a[i] = ai;
        a[j] = aj;
        double di = ai - oldI;
        double dj = aj - oldJ;
        for (int t = 0; t < n; t++) {
            g[t] += y[t] * (y[i] * k[i * n + t] * di + y[j] * k[j * n + t] * dj);
        }
    }

    /** LIBSVM's ρ: the mean of yᵢGᵢ over free αᵢ, else the midpoint of [max lower, min upper]. */
    private static double rho(double[] y, double[] a, double[] g, double c) {
        double ub = Double.POSITIVE_INFINITY;
        double lb = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int free = 0;
        for (int i = 0; i < y.length; i++) {
            double yg = y[i] * g[i];
            boolean upper = a[i] >= c;
            boolean lower = a[i] <= 0;
            if (upper || lower) {
                if ((upper && y[i] == -1) || (lower && y[i] == 1)) {
                    ub = Math.min(ub, yg);
                } else {
                    lb = Math.max(lb, yg);
                }
            } else {
                free++;
                sum += yg;
            }
        }
        return free > 0 ? sum / free : (ub + lb) / 2;
    }

    /** The dual variables αᵢ (n), 0 ≤ αᵢ ≤ C. */
    public Tensor alphas() {
        return Tensor.of(new int[] {alpha.length}, alpha.clone());
    }

    /** The indices i with αᵢ &gt; 0 (the support vectors), ascending. */
    public int[] supportIndices() {
        return IntStream.range(0, alpha.length).filter(i -> alpha[i] > 0).toArray();
    }

    /** The dual coefficients αᵢyᵢ of the support vectors, in the order of {@link #supportIndices}. */
    public Tensor dualCoefficients() {
        int[] s = supportIndices();
        double[] v = new double[s.length];
        for (int r = 0; r < s.length; r++) {
            v[r] = alpha[s[r]] * y[s[r]];
        }
        return Tensor.of(new int[] {s.length}, v);
    }

    /** The support vectors themselves, the rows of X at {@link #supportIndices}, (s, d). */
    public Tensor supportVectors() {
        int[] s = supportIndices();
        int d = x.dim(1);
        double[] xv = x.contiguous().toArray();
        double[] v = new double[s.length * d];
        for (int r = 0; r < s.length; r++) {
            System.arraycopy(xv, s[r] * d, v, r * d, d);
        }
        return Tensor.of(new int[] {s.length, d}, v);
    }

    /** The intercept b (scikit-learn's {@code intercept_}). */
    public double intercept() {
        return intercept;
    }

    /** The decision values f(z) = Σᵢ αᵢyᵢ k(xᵢ, z) + b at the rows of Z (q, d), shape (q). */
    public Tensor decision(Tensor z) {
        if (z.rank() != 2 || z.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("SupportVectorMachine.decision: points must be (q, " + x.dim(1)
                    + "), got " + z.shape());
        }
        return kernel.gram(z, supportVectors()).matmul(dualCoefficients()).add(intercept);
    }

    /** The predicted labels sign f(z) ∈ {−1, +1}, f(z) = 0 labelled −1. */
    public Tensor predict(Tensor z) {
        double[] f = decision(z).toArray();
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i] > 0 ? 1 : -1;
        }
        return Tensor.of(new int[] {f.length}, f);
    }

    /** The decision values at the training points, f(xᵢ) = (K(αy))ᵢ + b, shape (n). */
    public Tensor trainDecision() {
        int n = alpha.length;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double s = intercept;
            for (int j = 0; j < n; j++) {
                s += gram[i * n + j] * alpha[j] * y[j];
            }
            f[i] = s;
        }
        return Tensor.of(new int[] {n}, f);
    }

    /** The functional margins yᵢ f(xᵢ) of the training points (≥ 1 outside the margin), shape (n). */
    public Tensor functionalMargins() {
        return trainDecision().mul(Tensor.of(new int[] {y.length}, y.clone()));
    }

    /** ‖w‖ = √(Σᵢⱼ αᵢαⱼyᵢyⱼ k(xᵢ, xⱼ)), the norm of the normal in feature space. */
    public double weightNorm() {
        int n = alpha.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += alpha[i] * y[i] * gram[i * n + j] * alpha[j] * y[j];
            }
        }
        return Math.sqrt(s);
    }

    /** The width of the margin 2/‖w‖ (the distance between the hyperplanes f = ±1 in feature space). */
    public double marginWidth() {
        return 2 / weightNorm();
    }

    /**
     * The normal w = Σᵢ αᵢyᵢ xᵢ ∈ ℝᵈ of the separating hyperplane (linear kernel only: for another
     * kernel w lives in its feature space).
     */
    public Tensor weights() {
        if (!(kernel instanceof Kernel.Linear)) {
            throw new IllegalStateException("SupportVectorMachine.weights: w ∈ ℝᵈ exists for the linear kernel only, "
                    + "this machine has " + kernel);
        }
        return dualCoefficients().matmul(supportVectors());
    }

    /** The dual objective ½αᵀQα − Σαᵢ at the solution. */
    public double dualObjective() {
        double w = weightNorm();
        return 0.5 * w * w - Arrays.stream(alpha).sum();
    }

    /** The number of SMO steps taken. */
    public int iterations() {
        return iterations;
    }

    /** The box constraint C. */
    public double boxConstraint() {
        return c;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }
}
