package org.nabla.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Gradient checking by central differences: compares the reverse-mode vector-Jacobian product
 * with the numerical derivative
 * <pre>
 *   ∂⟨g, f(x)⟩/∂xⱼ ≈ (⟨g, f(x + ε eⱼ)⟩ − ⟨g, f(x − ε eⱼ)⟩) / (2ε),
 * </pre>
 * whose error is O(ε²) (plus rounding O(u/ε)); ε = 1e-6 balances the two in double precision.
 * For a non-scalar f the cotangent g is a fixed seeded random tensor, so every entry of the Jacobian
 * takes part. An entry passes when |analytic − numeric| ≤ atol + rtol·|numeric|.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(in -> in.get(0).tanh().mul(in.get(1)).sum(), x, y);
 * r.assertPassed();
 * }</pre>
 * Part of the public API: students use it to check their own backward rules (Goodfellow, Bengio &amp;
 * Courville, Deep Learning, §11.5).
 */
public final class GradCheck {
    private double eps = 1e-6;
    private double rtol = 1e-5;
    private double atol = 1e-7;
    private long seed = 12345L;

    /** A checker with the default step and tolerances (as {@link #withDefaults()}). */
    public GradCheck() {
    }

    /** A checker with ε = 1e-6, rtol = 1e-5, atol = 1e-7. */
    public static GradCheck withDefaults() {
        return new GradCheck();
    }

    /** Sets the finite-difference step ε. */
    public GradCheck eps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GradCheck: eps must be > 0, got " + eps);
        }
        this.eps = eps;
        return this;
    }

    /** Sets the tolerances. */
    public GradCheck tolerance(double rtol, double atol) {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("GradCheck: tolerances must be ≥ 0, got rtol = " + rtol + ", atol = " + atol);
        }
        this.rtol = rtol;
        this.atol = atol;
        return this;
    }

    /** Sets the seed of the random cotangent used for non-scalar outputs. */
    public GradCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The outcome of a check, with the worst entry. */
    public static final class Result {
        private final boolean passed;
        private final int input;
        private final int index;
        private final double analytic;
        private final double numeric;
        private final double maxError;

        Result(boolean passed, int input, int index, double analytic, double numeric, double maxError) {
            this.passed = passed;
            this.input = input;
            this.index = index;
            this.analytic = analytic;
            this.numeric = numeric;
            this.maxError = maxError;
        }

        /** True when every entry agreed within tolerance. */
        public boolean passed() {
            return passed;
        }

        /** Which input holds the worst entry. */
        public int worstInput() {
            return input;
        }

        /** Row-major index of the worst entry within its input. */
        public int worstIndex() {
            return index;
        }

        /** The reverse-mode value at the worst entry. */
        public double analytic() {
            return analytic;
        }

        /** The central-difference value at the worst entry. */
        public double numeric() {
            return numeric;
        }

        /** The largest |analytic − numeric|. */
        public double maxAbsError() {
            return maxError;
        }

        /** Throws an AssertionError describing the worst entry unless the check passed. */
        public Result assertPassed() {
            if (!passed) {
                throw new AssertionError(toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GradCheck %s: worst entry input %d index %d: analytic %.12g, numeric %.12g"
                    + " (|error| %.3g)", passed ? "passed" : "FAILED", input, index, analytic, numeric, maxError);
        }
    }

    /** Checks f at the given inputs with default settings. */
    public static Result check(Function<List<Variable>, Variable> f, Tensor... inputs) {
        return new GradCheck().run(f, inputs);
    }

    /** Checks f at the given inputs. */
    public Result run(Function<List<Variable>, Variable> f, Tensor... inputs) {
        List<Variable> leaves = new ArrayList<>();
        for (Tensor t : inputs) {
            leaves.add(Variable.leaf(t));
        }
        Variable y = f.apply(leaves);
        Tensor g = y.shape().size() == 1 ? Tensor.ones(y.shape()) : Tensor.randn(new Rng(seed), y.shape().dims());
        Gradients grads = y.backward(g);
        boolean ok = true;
        int worstInput = -1;
        int worstIndex = -1;
        double worstA = 0;
        double worstN = 0;
        double worstExcess = -1;
        double maxErr = 0;
        for (int k = 0; k < inputs.length; k++) {
            double[] analytic = grads.of(leaves.get(k)).toArray();
            double[] x = inputs[k].toArray();
            Shape s = inputs[k].shape();
            for (int j = 0; j < x.length; j++) {
                double old = x[j];
                x[j] = old + eps;
                double plus = evaluate(f, inputs, k, Tensor.of(s, x), g);
                x[j] = old - eps;
                double minus = evaluate(f, inputs, k, Tensor.of(s, x), g);
                x[j] = old;
                double numeric = (plus - minus) / (2 * eps);
                double err = Math.abs(analytic[j] - numeric);
                double tol = atol + rtol * Math.abs(numeric);
                double excess = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / tol;
                if (!(err <= tol)) {
                    ok = false;
                }
                maxErr = Math.max(maxErr, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worstInput = k;
                    worstIndex = j;
                    worstA = analytic[j];
                    worstN = numeric;
                }
            }
        }
        return new Result(ok, worstInput, worstIndex, worstA, worstN, maxErr);
    }

    private static double evaluate(Function<List<Variable>, Variable> f, Tensor[] inputs, int k, Tensor replaced,
                                   Tensor g) {
        List<Variable> in = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            in.add(Variable.constant(i == k ? replaced : inputs[i]));
        }
        try (NoGrad scope = NoGrad.enter()) {
            Tensor y = f.apply(in).value();
            return y.mul(g).sum().item();
        }
    }
}
