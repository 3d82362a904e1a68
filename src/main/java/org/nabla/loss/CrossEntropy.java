package org.nabla.loss;

import org.nabla.activation.LogSoftmax;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The cross-entropy of class labels under the softmax of logits, with optional class weights w and
 * label smoothing ε ∈ [0, 1), as PyTorch's {@code cross_entropy}.
 * <pre>
 *   log pᵢ = log softmax(zᵢ),
 *   ℓᵢ = (1 − ε) · (−w_{yᵢ} log pᵢ,yᵢ) + (ε/C) · Σ_c (−w_c log pᵢ,c),
 *   ∂ℓᵢ/∂zᵢ = pᵢ − eᵧᵢ   (ε = 0, no weights: softmax minus one-hot),
 *   MEAN:  the NLL part is divided by Σᵢ w_{yᵢ}, the smoothing part too (by N without weights).
 * </pre>
 * Written as {@link NegativeLogLikelihood} ∘ {@link LogSoftmax}; the log-softmax is the fused stable
 * primitive (max trick), so logits of magnitude 1000 give finite losses and gradients. With ε &gt; 0
 * the target is the mixture (1 − ε)·one-hot + ε·uniform.
 * Sources: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.2.2.3; label smoothing:
 * Szegedy, Vanhoucke, Ioffe, Shlens &amp; Wojna, "Rethinking the Inception Architecture" (CVPR 2016), §7.
 */
public final class CrossEntropy extends Loss {
    private final double labelSmoothing;
    private final Tensor weight;

    /** Mean reduction, no smoothing, no class weights. */
    public CrossEntropy() {
        this(Reduction.MEAN, 0.0, null);
    }

    /** With the given reduction. */
    public CrossEntropy(Reduction reduction) {
        this(reduction, 0.0, null);
    }

    /**
     * @param reduction      how per-sample losses are combined
     * @param labelSmoothing ε ∈ [0, 1)
     * @param weight         class weights w, shape [C], or null
     */
    public CrossEntropy(Reduction reduction, double labelSmoothing, Tensor weight) {
        super(reduction);
        if (!(labelSmoothing >= 0.0 && labelSmoothing < 1.0)) {
            throw new IllegalArgumentException("CrossEntropy: label smoothing ε must be in [0, 1), got ε = "
                    + labelSmoothing);
        }
        if (weight != null && weight.rank() != 1) {
            throw new IllegalArgumentException("CrossEntropy: class weights must be 1-d (shape [C]), got shape "
                    + weight.shape());
        }
        this.labelSmoothing = labelSmoothing;
        this.weight = weight;
    }

    /** ε. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The class weights, or null. */
    public Tensor weight() {
        return weight;
    }

    /** The loss of logits (N, C) against class labels given as whole numbers in a 1-d target. */
    @Override
    public Variable forward(Variable logits, Variable target) {
        return forward(logits, Labels.fromTarget("CrossEntropy", target));
    }

    /** The loss of logits (N, C) against class labels. */
    public Variable forward(Variable logits, int[] labels) {
        int c = Labels.check("CrossEntropy", logits, labels);
        Labels.checkWeight("CrossEntropy", weight, c);
        Variable logP = LogSoftmax.logSoftmax(logits, 1);
        Variable nll = NegativeLogLikelihood.reduce(reduction(), NegativeLogLikelihood.picked(logP, labels).neg(),
                weight, labels);
        if (labelSmoothing == 0.0) {
            return nll;
        }
        Variable weighted = weight == null ? logP : logP.mul(Variable.constant(weight));
        Variable smooth = weighted.sum(1).neg();
        Variable smoothReduced;
        if (reduction() == Reduction.MEAN && weight != null) {
            smoothReduced = smooth.sum().div(Labels.pick(weight, labels).sum().item());
        } else {
            smoothReduced = reduction().reduce(smooth);
        }
        return nll.mul(1.0 - labelSmoothing).add(smoothReduced.mul(labelSmoothing / c));
    }

    @Override
    public String toString() {
        return "CrossEntropy(reduction=" + reduction() + ", labelSmoothing=" + labelSmoothing
                + (weight == null ? "" : ", weight=" + weight) + ")";
    }
}
