package org.nabla.loss;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The negative log-likelihood of class labels under log-probabilities, optionally with class weights.
 * <pre>
 *   ℓᵢ = −w_{yᵢ} · log pᵢ,yᵢ   for input log pᵢ,c of shape (N, C) and labels yᵢ ∈ {0, …, C−1},
 *   ∂ℓᵢ/∂(log pᵢ,c) = −w_{yᵢ} · 1[c = yᵢ],
 *   MEAN:  Σᵢ ℓᵢ / Σᵢ w_{yᵢ}   (the weighted mean, as PyTorch; plain mean without weights).
 * </pre>
 * Written from primitives (gather). The input is meant to be a {@code LogSoftmax} output; together
 * they give {@link CrossEntropy}.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §5.5 and §6.2.1.1; Bishop, Pattern
 * Recognition and Machine Learning (2006), §4.3.4, eq. (4.108).
 */
public final class NegativeLogLikelihood extends Loss {
    private final Tensor weight;

    /** Mean reduction, no class weights. */
    public NegativeLogLikelihood() {
        this(Reduction.MEAN, null);
    }

    /** With the given reduction, no class weights. */
    public NegativeLogLikelihood(Reduction reduction) {
        this(reduction, null);
    }

    /** With the given reduction and class weights w (shape [C]; null for none). */
    public NegativeLogLikelihood(Reduction reduction, Tensor weight) {
        super(reduction);
        if (weight != null && weight.rank() != 1) {
            throw new IllegalArgumentException("NegativeLogLikelihood: class weights must be 1-d (shape [C]), got shape "
                    + weight.shape());
        }
        this.weight = weight;
    }

    /** The class weights, or null. */
    public Tensor weight() {
        return weight;
    }

    /** The loss of log-probabilities (N, C) against class labels given as whole numbers in a 1-d target. */
    @Override
    public Variable forward(Variable logProbabilities, Variable target) {
        return forward(logProbabilities, Labels.fromTarget("NegativeLogLikelihood", target));
    }

    /** The loss of log-probabilities (N, C) against class labels. */
    public Variable forward(Variable logProbabilities, int[] labels) {
        int c = Labels.check("NegativeLogLikelihood", logProbabilities, labels);
        Labels.checkWeight("NegativeLogLikelihood", weight, c);
        return reduce(reduction(), picked(logProbabilities, labels).neg(), weight, labels);
    }

    /** log pᵢ,yᵢ as a 1-d variable of length N. */
    static Variable picked(Variable logProbabilities, int[] labels) {
        return logProbabilities.gather(1, Labels.column(labels)).reshape(labels.length);
    }

    /** Weights −log pᵢ,yᵢ by w_{yᵢ} and reduces with the weighted mean for MEAN. */
    static Variable reduce(Reduction reduction, Variable perSample, Tensor weight, int[] labels) {
        if (weight == null) {
            return reduction.reduce(perSample);
        }
        Tensor w = Labels.pick(weight, labels);
        Variable weighted = perSample.mul(Variable.constant(w));
        if (reduction == Reduction.MEAN) {
            return weighted.sum().div(w.sum().item());
        }
        return reduction.reduce(weighted);
    }

    @Override
    public String toString() {
        return "NegativeLogLikelihood(reduction=" + reduction() + (weight == null ? "" : ", weight=" + weight) + ")";
    }
}
