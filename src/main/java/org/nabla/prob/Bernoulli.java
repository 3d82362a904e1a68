package org.nabla.prob;

import org.nabla.activation.Softplus;
import org.nabla.autodiff.Variable;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The Bernoulli distribution parameterized by its logit ℓ = log(p/(1 − p)), p = σ(ℓ): independent
 * entries x ∈ {0, 1} with P(x = 1) = p.
 * <pre>
 *   p(x) = pˣ (1 − p)^(1−x),
 *   log p(x) = x log σ(ℓ) + (1 − x) log(1 − σ(ℓ)) = xℓ − softplus(ℓ),   softplus(ℓ) = log(1 + e^ℓ),
 *   ∂ log p/∂ℓ = x − σ(ℓ),
 *   H = −p log p − (1 − p) log(1 − p) = softplus(ℓ) − ℓσ(ℓ),   E[x] = p,   Var[x] = p(1 − p).
 * </pre>
 * The stable form computed is −BCEWithLogits(ℓ, x) = −(max(ℓ, 0) − ℓx + log(1 + e^(−|ℓ|))), finite for
 * every finite ℓ (see {@link BinaryCrossEntropyWithLogits}); the entropy uses the stable
 * {@link Softplus#softplus(Variable)}.
 *
 * <p>{@link #logProb(Variable)} also accepts x ∈ [0, 1] (grey pixels): then xℓ − softplus(ℓ) is the
 * negative binary cross-entropy, the "Bernoulli decoder" of Kingma &amp; Welling (2014, App. C.1)
 * used on intensities; it is the log-mass only at x ∈ {0, 1}. There is no reparameterization for a
 * discrete variable, so {@link #rsample} throws.
 *
 * <p>Source: C. M. Bishop, Pattern Recognition and Machine Learning (2006), §2.1, eq. (2.2)–(2.4);
 * §4.3.2 for the logistic link.
 */
public final class Bernoulli extends Distribution {
    private final Variable logits;

    /** Bernoulli with logits ℓ (any finite reals); p = σ(ℓ). */
    public Bernoulli(Variable logits) {
        super(require("Bernoulli", "logits", logits).shape());
        double[] l = logits.value().toArray();
        for (int i = 0; i < l.length; i++) {
            if (Double.isNaN(l[i])) {
                throw new IllegalArgumentException("Bernoulli: logits must not be NaN (flat index " + i + " of shape "
                        + logits.shape() + ")");
            }
        }
        this.logits = logits;
    }

    /** Bernoulli with P(x = 1) = p for a constant p ∈ (0, 1): ℓ = log p − log(1 − p). */
    public static Bernoulli withProbability(Tensor p) {
        double[] v = p.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0 && v[i] < 1)) {
                throw new IllegalArgumentException("Bernoulli.withProbability: p must lie in (0, 1), got " + v[i]
                        + " at flat index " + i + " of shape " + p.shape());
            }
        }
        return new Bernoulli(Variable.constant(p.log().sub(p.neg().log1p())));
    }

    /** The logits ℓ. */
    public Variable logits() {
        return logits;
    }

    /** p = σ(ℓ). */
    public Variable probabilities() {
        return logits.sigmoid();
    }

    /**
     * xℓ − softplus(ℓ) for x ∈ [0, 1].
     *
     * @throws IllegalArgumentException when an entry of x lies outside [0, 1] or the shapes do not broadcast
     */
    @Override
    public Variable logProb(Variable x) {
        Shape s = eventShape(x, "logProb");
        double[] v = x.value().toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException("Bernoulli.logProb: x must lie in [0, 1], got " + v[i]
                        + " at flat index " + i + " of shape " + x.shape());
            }
        }
        return BinaryCrossEntropyWithLogits.elementwise(logits.broadcastTo(s), x.broadcastTo(s)).neg();
    }

    /** Draws x = 1[u &lt; σ(ℓ)] with u ~ U[0, 1). */
    @Override
    public Tensor sample(Rng rng, int... n) {
        requireRng("sample", rng);
        Shape s = sampleShape("sample", n);
        Tensor u = Tensor.rand(rng, s.dims());
        return u.lt(logits.value().sigmoid().broadcastTo(s));
    }

    /** H = softplus(ℓ) − ℓσ(ℓ). */
    @Override
    public Variable entropy() {
        return Softplus.softplus(logits).sub(logits.mul(logits.sigmoid()));
    }

    @Override
    public Variable mean() {
        return logits.sigmoid();
    }

    @Override
    public Variable variance() {
        Variable p = logits.sigmoid();
        return p.mul(p.rsub(1.0));
    }
}
