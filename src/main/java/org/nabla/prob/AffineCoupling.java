package org.nabla.prob;

import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The affine coupling layer of RealNVP: an invertible map of ℝ^D with a triangular Jacobian. A fixed
 * binary mask m ∈ {0, 1}^D chooses the entries that pass through unchanged and condition the others:
 * <pre>
 *   s = (1 − m) ⊙ tanh(a(m ⊙ x)),   t = (1 − m) ⊙ b(m ⊙ x),
 *   y = m ⊙ x + (1 − m) ⊙ (x ⊙ e^s + t)  =  x ⊙ e^s + t,
 *   ∂y/∂x is triangular (after permuting the masked entries first) with diagonal e^s, so
 *   log |det ∂y/∂x| = Σᵢ sᵢ,
 *   inverse:  x = (y − t) ⊙ e^(−s),  with s and t recomputed from m ⊙ y = m ⊙ x.
 * </pre>
 * The conditioner (a, b) is one multilayer perceptron D → h → h → 2D with tanh hidden units; it never
 * needs to be inverted, which is the point of the construction. The log-scale is bounded by tanh
 * (|sᵢ| &lt; 1 per layer) for stable training, a common variant of the paper's tanh-scaled s.
 * The log-determinant is exact and costs O(D), not the O(D³) of a general determinant.
 *
 * <p>Source: L. Dinh, J. Sohl-Dickstein and S. Bengio, "Density estimation using Real NVP", ICLR
 * 2017, §3.2–3.4, eq. (4)–(9).
 */
public final class AffineCoupling extends Module {
    /** An output together with log |det ∂output/∂input|, one per example (the last axis is summed). */
    public record Transformed(Variable value, Variable logDet) {
    }

    private final int dimension;
    private final Tensor mask;
    private final Linear hidden1;
    private final Linear hidden2;
    private final Linear output;

    /**
     * A coupling of ℝ^D with the given mask (entries 0 or 1, at least one of each) and hidden width.
     */
    public AffineCoupling(Tensor mask, int hidden, Rng rng) {
        if (mask == null || mask.rank() != 1) {
            throw new IllegalArgumentException("AffineCoupling: expected a 1-d mask of 0s and 1s, got "
                    + (mask == null ? "null" : "shape " + mask.shape()));
        }
        int ones = 0;
        for (double v : mask.toArray()) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("AffineCoupling: mask entries must be 0 or 1, got " + v + " in " + mask);
            }
            ones += (int) v;
        }
        if (ones == 0 || ones == mask.size()) {
            throw new IllegalArgumentException("AffineCoupling: the mask must hold both 0s and 1s (some entries pass"
                    + " through, some are transformed), got " + mask);
        }
        if (hidden <= 0) {
            throw new IllegalArgumentException("AffineCoupling: hidden width must be positive, got " + hidden);
        }
        this.dimension = mask.size();
        this.mask = mask.contiguous();
        this.hidden1 = registerModule("hidden1", new Linear(dimension, hidden, rng));
        this.hidden2 = registerModule("hidden2", new Linear(hidden, hidden, rng));
        this.output = registerModule("output", new Linear(hidden, 2 * dimension, rng));
    }

    /**
     * The alternating mask of ℝ^D: mᵢ = 1 where (i + parity) is even, so parity 0 and 1 give
     * complementary layers.
     */
    public static Tensor alternatingMask(int dimension, int parity) {
        if (dimension < 2) {
            throw new IllegalArgumentException("AffineCoupling.alternatingMask: a coupling needs dimension ≥ 2, got "
                    + dimension);
        }
        double[] m = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            m[i] = (i + parity) % 2 == 0 ? 1 : 0;
        }
        return Tensor.of(m);
    }

    /** The mask m. */
    public Tensor mask() {
        return mask;
    }

    /** The dimension D. */
    public int dimension() {
        return dimension;
    }

    /** s and t (already multiplied by 1 − m) from the conditioning entries m ⊙ x. */
    private Variable[] scaleAndShift(Variable x) {
        if (x.shape().rank() < 1 || x.shape().dim(-1) != dimension) {
            throw new IllegalArgumentException("AffineCoupling(D=" + dimension + "): expected input of shape (…, "
                    + dimension + "), got " + x.shape());
        }
        Variable m = Variable.constant(mask);
        Variable free = Variable.constant(mask.neg().add(1.0));
        Variable h = hidden2.forward(hidden1.forward(x.mul(m)).tanh()).tanh();
        Variable st = output.forward(h);
        int last = st.shape().rank() - 1;
        Variable s = st.slice(last, 0, dimension).tanh().mul(free);
        Variable t = st.slice(last, dimension, 2 * dimension).mul(free);
        return new Variable[] {s, t};
    }

    /** y = x ⊙ e^s + t. */
    @Override
    public Variable forward(Variable x) {
        return transform(x).value();
    }

    /** y and log |det ∂y/∂x| = Σᵢ sᵢ. */
    public Transformed transform(Variable x) {
        Variable[] st = scaleAndShift(x);
        Variable y = x.mul(st[0].exp()).add(st[1]);
        return new Transformed(y, st[0].sum(-1));
    }

    /** x = (y − t) ⊙ e^(−s). */
    public Variable inverse(Variable y) {
        Variable[] st = scaleAndShift(y);
        return y.sub(st[1]).mul(st[0].neg().exp());
    }

    @Override
    protected String describe() {
        return "AffineCoupling(D=" + dimension + ", mask=" + java.util.Arrays.toString(mask.toArray()) + ")";
    }
}
