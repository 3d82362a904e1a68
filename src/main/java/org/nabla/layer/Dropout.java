package org.nabla.layer;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Inverted dropout:
 * <pre>
 *   training:  y = x ⊙ m / (1 − p),   mᵢ ~ Bernoulli(1 − p) independently,   ∂L/∂x = ∂L/∂y ⊙ m / (1 − p);
 *   eval:      y = x.
 * </pre>
 * Scaling by 1/(1 − p) at training time keeps E[y] = x, so nothing changes at evaluation time.
 * p = 1 gives y = 0. The mask comes from the layer's own {@link Rng}, so a seed fixes every mask.
 *
 * <p>Source: N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and R. Salakhutdinov, "Dropout: A Simple Way
 * to Prevent Neural Networks from Overfitting", JMLR 15 (2014), §4 and §10; torch.nn.Dropout.
 */
public final class Dropout extends Module {
    private final double p;
    private final Rng rng;

    /** Drop probability p ∈ [0, 1], masks drawn from rng. */
    public Dropout(double p, Rng rng) {
        checkP(p);
        if (rng == null) {
            throw new IllegalArgumentException("Dropout(p=" + p + "): rng must not be null");
        }
        this.p = p;
        this.rng = rng;
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability p must be in [0, 1], got " + p);
        }
    }

    /** The functional form: inverted dropout with a fresh mask from rng when training, identity otherwise. */
    public static Variable dropout(Variable x, double p, boolean training, Rng rng) {
        checkP(p);
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(Variable.constant(Tensor.zeros(x.shape())));
        }
        Tensor mask = Tensor.bernoulli(rng, 1 - p, x.shape().dims()).div(1 - p);
        return x.mul(Variable.constant(mask));
    }

    @Override
    public Variable forward(Variable x) {
        return dropout(x, p, isTraining(), rng);
    }

    /** The drop probability p. */
    public double p() {
        return p;
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
