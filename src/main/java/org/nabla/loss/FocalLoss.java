package org.nabla.loss;

import org.nabla.autodiff.Variable;

/**
 * The sigmoid focal loss with α-balancing, as torchvision.ops.sigmoid_focal_loss.
 * <pre>
 *   p = σ(x),   p_t = p·y + (1 − p)(1 − y),   α_t = α·y + (1 − α)(1 − y),
 *   FL = α_t · (1 − p_t)^γ · CE,   CE = −ln p_t = BCE-with-logits(x, y),
 * </pre>
 * defaults α = 0.25, γ = 2, mean reduction; α &lt; 0 switches the balancing off (α_t = 1). The factor
 * (1 − p_t)^γ down-weights well-classified examples; γ = 0, α &lt; 0 is the plain cross-entropy.
 * Written from primitives: CE is the stable {@link BinaryCrossEntropyWithLogits} primitive, p the
 * stable sigmoid, so the derivative is the composition of their rules (no closed form hard-coded).
 * Source: Lin, Goyal, Girshick, He &amp; Dollár, "Focal Loss for Dense Object Detection" (ICCV 2017),
 * eq. (5).
 */
public final class FocalLoss extends Loss {
    private final double alpha;
    private final double gamma;

    /** α = 0.25, γ = 2, mean reduction. */
    public FocalLoss() {
        this(0.25, 2.0, Reduction.MEAN);
    }

    /** The given α (negative: no balancing) and γ ≥ 0, mean reduction. */
    public FocalLoss(double alpha, double gamma) {
        this(alpha, gamma, Reduction.MEAN);
    }

    /** The given α (≤ 1; negative: no balancing), γ ≥ 0 and reduction. */
    public FocalLoss(double alpha, double gamma, Reduction reduction) {
        super(reduction);
        if (!(alpha <= 1.0)) {
            throw new IllegalArgumentException("FocalLoss: alpha must be ≤ 1 (negative to switch balancing off), got α = "
                    + alpha);
        }
        if (!(gamma >= 0.0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("FocalLoss: gamma must be finite and ≥ 0, got γ = " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    /** γ. */
    public double gamma() {
        return gamma;
    }

    @Override
    public Variable forward(Variable logit, Variable target) {
        requireSameShape(logit, target);
        Variable p = logit.sigmoid();
        Variable ce = BinaryCrossEntropyWithLogits.elementwise(logit, target);
        Variable pT = p.mul(target).add(p.rsub(1.0).mul(target.rsub(1.0)));
        Variable loss = ce;
        if (gamma != 0.0) {
            loss = ce.mul(pT.rsub(1.0).pow(gamma));
        }
        if (alpha >= 0.0) {
            Variable alphaT = target.mul(alpha).add(target.rsub(1.0).mul(1.0 - alpha));
            loss = alphaT.mul(loss);
        }
        return reduction().reduce(loss);
    }

    @Override
    public String toString() {
        return "FocalLoss(alpha=" + alpha + ", gamma=" + gamma + ", reduction=" + reduction() + ")";
    }
}
