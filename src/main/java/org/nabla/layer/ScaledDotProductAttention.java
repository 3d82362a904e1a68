package org.nabla.layer;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Scaled dot-product attention (Vaswani et al., "Attention is all you need", 2017, §3.2.1):
 * <pre>
 *   Attention(Q, K, V) = softmax(Q Kᵀ / √d_k + M) V
 * </pre>
 * with Q (…, L, d_k), K (…, S, d_k), V (…, S, d_v) and output (…, L, d_v). The additive mask M is
 * 0 where a query may attend and −∞ where it may not: the causal mask forbids key j &gt; query i
 * (so position i never sees the future); a padding mask (…, S) of 1 = keep, 0 = padding forbids
 * padded keys. The softmax along the key axis is computed from primitives as exp(s − logsumexp s),
 * which is stable and twice differentiable; a fully masked row would be 0/0 and is rejected.
 */
public final class ScaledDotProductAttention extends Module {
    private final boolean causal;

    /** Attention without a causal mask. */
    public ScaledDotProductAttention() {
        this(false);
    }

    /** Attention, with the causal mask when {@code causal}. */
    public ScaledDotProductAttention(boolean causal) {
        this.causal = causal;
    }

    /** Self-attention: Q = K = V = x. */
    @Override
    public Variable forward(Variable x) {
        return attention(x, x, x, causal, null);
    }

    /**
     * The functional form.
     *
     * @param keyPadding null, or a tensor broadcastable to (…, S) with 1 for real keys and 0 for padding
     */
    public static Variable attention(Variable q, Variable k, Variable v, boolean causal, Tensor keyPadding) {
        Shape qs = q.shape();
        Shape ks = k.shape();
        Shape vs = v.shape();
        if (qs.rank() < 2 || ks.rank() < 2 || vs.rank() < 2 || qs.dim(-1) != ks.dim(-1) || ks.dim(-2) != vs.dim(-2)) {
            throw new IllegalArgumentException("attention: expected Q (…, L, d_k), K (…, S, d_k), V (…, S, d_v), got " + qs + ", "
                    + ks + ", " + vs);
        }
        int l = qs.dim(-2);
        int s = ks.dim(-2);
        double scale = 1.0 / Math.sqrt(qs.dim(-1));
        Variable scores = q.matmul(k.transpose()).mul(scale);
        Tensor allowed = null;
        if (causal) {
            double[] m = new double[l * s];
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < s; j++) {
                    m[i * s + j] = j <= i ? 1.0 : 0.0;
                }
            }
            allowed = Tensor.of(Shape.of(l, s), m);
        }
        if (keyPadding != null) {
            Tensor pad = keyPadding.unsqueeze(-2);
            allowed = allowed == null ? pad : allowed.mul(pad);
        }
        if (allowed != null) {
            Tensor full = allowed.broadcastTo(Shape.broadcast(allowed.shape(), scores.shape(), "attention mask"));
            if (full.sum(new int[] {full.rank() - 1}, false).min().item() == 0.0) {
                throw new IllegalArgumentException("attention: some query may attend to no key at all (a fully masked row)");
            }
            scores = Variable.where(allowed, scores, Variable.constant(Double.NEGATIVE_INFINITY));
        }
        Variable weights = scores.sub(scores.logSumExp(new int[] {-1}, true)).exp();
        return weights.matmul(v);
    }

    @Override
    protected String describe() {
        return "ScaledDotProductAttention(causal=" + causal + ")";
    }
}
