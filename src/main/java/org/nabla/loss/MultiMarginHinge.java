package org.nabla.loss;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The multi-class hinge (margin) loss of Weston &amp; Watkins as PyTorch's {@code multi_margin_loss}:
 * for scores x of shape (N, C) and labels y,
 * <pre>
 *   ℓᵢ = (1/C) Σ_{j ≠ yᵢ} max(0, margin − xᵢ,yᵢ + xᵢ,ⱼ)^p,   p ∈ {1, 2} (default 1, margin 1),
 *   ∂ℓᵢ/∂xᵢ,ⱼ = (p/C)·hᵢⱼ^(p−1) for j ≠ yᵢ with hᵢⱼ &gt; 0;   ∂ℓᵢ/∂xᵢ,yᵢ = −Σⱼ of those,
 * </pre>
 * with derivative 0 at the hinge h = 0 (as PyTorch). Optional class weights multiply ℓᵢ by w_{yᵢ}.
 * Written from primitives: gather the true-class score, relu the margins, mask out j = yᵢ.
 * Sources: Weston &amp; Watkins, "Support Vector Machines for Multi-Class Pattern Recognition"
 * (ESANN 1999); Crammer &amp; Singer (JMLR 2001).
 */
public final class MultiMarginHinge extends Loss {
    private final int p;
    private final double margin;
    private final Tensor weight;

    /** p = 1, margin 1, mean reduction. */
    public MultiMarginHinge() {
        this(1, 1.0, null, Reduction.MEAN);
    }

    /** The given margin, p = 1, mean reduction. */
    public MultiMarginHinge(double margin) {
        this(1, margin, null, Reduction.MEAN);
    }

    /**
     * @param p         1 (hinge) or 2 (squared hinge)
     * @param margin    the margin
     * @param weight    class weights, shape [C], or null
     * @param reduction how per-sample losses are combined
     */
    public MultiMarginHinge(int p, double margin, Tensor weight, Reduction reduction) {
        super(reduction);
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("MultiMarginHinge: p must be 1 or 2, got p = " + p);
        }
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("MultiMarginHinge: margin must be finite, got " + margin);
        }
        if (weight != null && weight.rank() != 1) {
            throw new IllegalArgumentException("MultiMarginHinge: class weights must be 1-d (shape [C]), got shape "
                    + weight.shape());
        }
        this.p = p;
        this.margin = margin;
        this.weight = weight;
    }

    /** p. */
    public int p() {
        return p;
    }

    /** The margin. */
    public double margin() {
        return margin;
    }

    /** The loss of scores (N, C) against class labels given as whole numbers in a 1-d target. */
    @Override
    public Variable forward(Variable scores, Variable target) {
        return forward(scores, Labels.fromTarget("MultiMarginHinge", target));
    }

    /** The loss of scores (N, C) against class labels. */
    public Variable forward(Variable scores, int[] labels) {
        int c = Labels.check("MultiMarginHinge", scores, labels);
        Labels.checkWeight("MultiMarginHinge", weight, c);
        Variable trueScore = scores.gather(1, Labels.column(labels));
        Variable hinge = scores.sub(trueScore).add(margin).relu();
        if (p == 2) {
            hinge = hinge.square();
        }
        Tensor notTrue = Tensor.oneHot(labels, c).neg().add(1.0);
        Variable perSample = hinge.mul(Variable.constant(notTrue)).sum(1).div(c);
        if (weight != null) {
            perSample = perSample.mul(Variable.constant(Labels.pick(weight, labels)));
        }
        return reduction().reduce(perSample);
    }

    @Override
    public String toString() {
        return "MultiMarginHinge(p=" + p + ", margin=" + margin + ", reduction=" + reduction() + ")";
    }
}
