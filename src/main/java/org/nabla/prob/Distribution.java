package org.nabla.prob;

import java.util.Arrays;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A probability distribution over tensors of shape {@link #batchShape()}, with independent entries
 * (each entry of the batch is one univariate distribution, or one categorical over the last axis of
 * the logits), whose parameters are {@link Variable}s so that every quantity below is differentiable
 * in them.
 *
 * <ul>
 *   <li>{@link #logProb(Variable)}: the log-density (or log-mass) log p(x), entry by entry, shaped
 *       like the broadcast of x with the batch shape; sum it over the axes that form one event.</li>
 *   <li>{@link #sample(Rng, int...)}: n₁ × n₂ × … independent draws, shape (n₁, n₂, …) ++ batch shape,
 *       as a plain tensor (no gradient), from a seeded generator.</li>
 *   <li>{@link #rsample(Rng, int...)}: a reparameterized draw z = g(θ, ε) with ε from a fixed
 *       parameter-free distribution, so that ∇_θ E[f(z)] = E[∇_θ f(g(θ, ε))] (the pathwise
 *       estimator, Kingma &amp; Welling 2014, §2.4). Only continuous distributions have one.</li>
 *   <li>{@link #entropy()}: H[p] = −E[log p(x)], entry by entry.</li>
 * </ul>
 * Source: C. M. Bishop, Pattern Recognition and Machine Learning (2006), §2 and §B; D. P. Kingma and
 * M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, §2.4.
 */
public abstract class Distribution {
    private final Shape batchShape;

    /** @param batchShape the shape of one draw */
    protected Distribution(Shape batchShape) {
        this.batchShape = batchShape;
    }

    /** The shape of one draw: the broadcast shape of the parameters. */
    public final Shape batchShape() {
        return batchShape;
    }

    /** log p(x) entry by entry, shaped like the broadcast of x with {@link #batchShape()}. */
    public abstract Variable logProb(Variable x);

    /** log p(x) for a constant x. */
    public final Variable logProb(Tensor x) {
        return logProb(Variable.constant(x));
    }

    /** Independent draws of shape n ++ {@link #batchShape()} (n empty: one draw), as a constant tensor. */
    public abstract Tensor sample(Rng rng, int... n);

    /**
     * A reparameterized draw of shape n ++ {@link #batchShape()}, differentiable in the parameters.
     *
     * @throws UnsupportedOperationException for distributions without a reparameterization
     *                                       ({@link #hasRsample()} false)
     */
    public Variable rsample(Rng rng, int... n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ".rsample: a discrete distribution has no"
                + " reparameterization z = g(θ, ε); use sample(rng, n) with the score-function estimator"
                + " ∇_θ E[f] = E[f ∇_θ log p(x)] instead");
    }

    /** True when {@link #rsample(Rng, int...)} is available. */
    public boolean hasRsample() {
        return false;
    }

    /** The entropy H[p] = −E[log p(x)], entry by entry (shape {@link #batchShape()}). */
    public abstract Variable entropy();

    /** The mean E[x], entry by entry. */
    public abstract Variable mean();

    /** The variance Var[x], entry by entry. */
    public abstract Variable variance();

    /** n ++ batchShape, checking that every size in n is positive. */
    protected final Shape sampleShape(String op, int... n) {
        int[] b = batchShape.dims();
        int[] d = Arrays.copyOf(n, n.length + b.length);
        for (int i = 0; i < n.length; i++) {
            if (n[i] <= 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + "." + op
                        + ": sample sizes must be positive, got " + Arrays.toString(n));
            }
        }
        System.arraycopy(b, 0, d, n.length, b.length);
        return Shape.of(d);
    }

    /** Checks that rng is given. */
    protected final void requireRng(String op, Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + op + ": rng must not be null");
        }
    }

    /** Checks that a parameter is given. */
    static Variable require(String owner, String name, Variable v) {
        if (v == null) {
            throw new IllegalArgumentException(owner + ": parameter " + name + " must not be null");
        }
        return v;
    }

    /** The broadcast shape of the given parameters, with an error naming the distribution. */
    static Shape broadcast(String owner, Variable a, Variable b, String an, String bn) {
        try {
            return Shape.broadcast(a.shape(), b.shape(), owner);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + an + " has shape " + a.shape() + " and " + bn
                    + " has shape " + b.shape() + ", which do not broadcast together", e);
        }
    }

    /** x broadcast against the batch shape, with a readable error. */
    final Shape eventShape(Variable x, String op) {
        try {
            return Shape.broadcast(x.shape(), batchShape, op);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + op + ": x has shape " + x.shape()
                    + " which does not broadcast with the batch shape " + batchShape, e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(batchShape=" + batchShape + ")";
    }
}
