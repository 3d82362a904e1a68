package org.nabla.prob;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The continuous uniform distribution on [a, b) (a &lt; b), entry by entry.
 * <pre>
 *   p(x) = 1/(b − a) for a ≤ x &lt; b, else 0,
 *   log p(x) = −log(b − a) on the support, −∞ outside,
 *   ∂ log p/∂a = 1/(b − a),   ∂ log p/∂b = −1/(b − a)   (on the support),
 *   H = log(b − a),   E[x] = (a + b)/2,   Var[x] = (b − a)²/12.
 * </pre>
 * Reparameterization: z = a + (b − a) ⊙ u with u ~ U[0, 1), so ∂z/∂a = 1 − u and ∂z/∂b = u.
 *
 * <p>Source: C. M. Bishop, Pattern Recognition and Machine Learning (2006), Exercise 1.29 and
 * Appendix B (uniform distribution), eq. (B.39)–(B.41).
 */
public final class Uniform extends Distribution {
    private final Variable low;
    private final Variable high;

    /**
     * U[low, high) with low &lt; high entry by entry (finite).
     *
     * @throws IllegalArgumentException when some low ≥ high, a bound is not finite, or the shapes do not broadcast
     */
    public Uniform(Variable low, Variable high) {
        super(broadcast("Uniform", require("Uniform", "low", low), require("Uniform", "high", high), "low", "high"));
        Tensor a = low.value().broadcastTo(batchShape());
        Tensor b = high.value().broadcastTo(batchShape());
        double[] av = a.toArray();
        double[] bv = b.toArray();
        for (int i = 0; i < av.length; i++) {
            if (!(Double.isFinite(av[i]) && Double.isFinite(bv[i]) && av[i] < bv[i])) {
                throw new IllegalArgumentException("Uniform: expected finite low < high, got low = " + av[i] + ", high = "
                        + bv[i] + " at flat index " + i + " of batch shape " + batchShape());
            }
        }
        this.low = low;
        this.high = high;
    }

    /** U[low, high) for scalar constants. */
    public static Uniform of(double low, double high) {
        return new Uniform(Variable.constant(low), Variable.constant(high));
    }

    /** The lower bound a. */
    public Variable low() {
        return low;
    }

    /** The upper bound b. */
    public Variable high() {
        return high;
    }

    /** −log(b − a) where a ≤ x &lt; b, −∞ elsewhere. */
    @Override
    public Variable logProb(Variable x) {
        Shape s = eventShape(x, "logProb");
        Tensor inside = x.value().ge(low.value()).mul(x.value().lt(high.value())).broadcastTo(s);
        Variable inSupport = high.sub(low).log().neg().broadcastTo(s);
        return Variable.where(inside, inSupport, Variable.constant(Double.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor sample(Rng rng, int... n) {
        requireRng("sample", rng);
        Shape s = sampleShape("sample", n);
        Tensor u = Tensor.rand(rng, s.dims());
        return low.value().add(high.value().sub(low.value()).mul(u));
    }

    /** z = a + (b − a) ⊙ u, u ~ U[0, 1). */
    @Override
    public Variable rsample(Rng rng, int... n) {
        requireRng("rsample", rng);
        Shape s = sampleShape("rsample", n);
        Variable u = Variable.constant(Tensor.rand(rng, s.dims()));
        return low.add(high.sub(low).mul(u));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** H = log(b − a). */
    @Override
    public Variable entropy() {
        return high.sub(low).log().broadcastTo(batchShape());
    }

    @Override
    public Variable mean() {
        return low.add(high).mul(0.5).broadcastTo(batchShape());
    }

    @Override
    public Variable variance() {
        return high.sub(low).square().div(12.0).broadcastTo(batchShape());
    }
}
