package org.nabla.layer;

import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

import org.nabla.init.Uniform;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Multi-head attention (Vaswani et al. 2017, §3.2.2):
 * <pre>
 *   MultiHead(Q, K, V) = Concat(head₁, …, head_h) W^O,   headᵢ = Attention(Q W_i^Q, K W_i^K, V W_i^V),
 * </pre>
 * with PyTorch's parameterization: an in-projection (3E, E) whose rows are stacked q, k, v (each
 * E = h·d rows, head i using rows i·d … (i+1)·d − 1 of its block), an in-projection bias (3E), and
 * an out-projection W^O (E, E) with bias, a {@link Linear} sub-module {@code out_proj}. The state dict
 * is PyTorch's: {@code in_proj_weight} (3E, E), {@code in_proj_bias} (3E), {@code out_proj.weight}
 * (E, E), {@code out_proj.bias} (E). Inputs are (L, N, E) (sequence first, as PyTorch's default) or
 * (N, L, E) with {@code batchFirst}. The in-projection starts Xavier-uniform, the out-projection
 * U(−1/√E, 1/√E), biases 0, as PyTorch.
 */
public final class MultiHeadAttention extends Module {
    private final int embedDim;
    private final int heads;
    private final boolean batchFirst;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Linear outProj;

    /** Attention over E = embedDim features split into {@code heads} heads; inputs (L, N, E). */
    public MultiHeadAttention(int embedDim, int heads, Rng rng) {
        this(embedDim, heads, false, rng);
    }

    /** As above; with {@code batchFirst} the inputs are (N, L, E). */
    public MultiHeadAttention(int embedDim, int heads, boolean batchFirst, Rng rng) {
        if (embedDim < 1 || heads < 1 || embedDim % heads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: embedDim " + embedDim + " must be a positive multiple of heads "
                    + heads);
        }
        this.embedDim = embedDim;
        this.heads = heads;
        this.batchFirst = batchFirst;
        double a = Math.sqrt(6.0 / (embedDim + 3 * embedDim));
        this.inProjWeight = registerParameter("in_proj_weight", Tensor.uniform(rng, -a, a, 3 * embedDim, embedDim));
        this.inProjBias = registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim));
        double b = 1.0 / Math.sqrt(embedDim);
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, true, Uniform.symmetric(b), rng));
    }

    /** Self-attention of x. */
    @Override
    public Variable forward(Variable x) {
        return forward(x, x, x, false, null);
    }

    /**
     * Attention of queries over keys and values.
     *
     * @param keyPadding null or (N, S) with 1 = key present, 0 = padding
     */
    public Variable forward(Variable query, Variable key, Variable value, boolean causal, Tensor keyPadding) {
        String layout = batchFirst ? "(N, L, " : "(L, N, ";
        String[] names = {"query", "key", "value"};
        Variable[] inputs = {query, key, value};
        for (int i = 0; i < 3; i++) {
            if (inputs[i].shape().rank() != 3 || inputs[i].shape().dim(2) != embedDim) {
                throw new IllegalArgumentException("MultiHeadAttention(embedDim=" + embedDim + ", heads=" + heads
                        + "): expected " + names[i] + " of shape " + layout + embedDim + "), got " + inputs[i].shape());
            }
        }
        Variable q = batchFirst ? query.transpose(0, 1) : query;
        Variable k = batchFirst ? key.transpose(0, 1) : key;
        Variable v = batchFirst ? value.transpose(0, 1) : value;
        Variable y = multiHeadAttention(q, k, v, heads, inProjWeight.variable(), inProjBias.variable(),
                outProj.weight().variable(), outProj.bias().variable(), causal, keyPadding);
        return batchFirst ? y.transpose(0, 1) : y;
    }

    /** The functional form on (L, N, E) inputs. */
    public static Variable multiHeadAttention(Variable query, Variable key, Variable value, int heads, Variable inW,
                                              Variable inB, Variable outW, Variable outB, boolean causal,
                                              Tensor keyPadding) {
        if (query.shape().rank() != 3 || key.shape().rank() != 3 || value.shape().rank() != 3) {
            throw new IllegalArgumentException("multiHeadAttention: expected (L, N, E) inputs, got " + query.shape() + ", "
                    + key.shape() + ", " + value.shape());
        }
        int l = query.shape().dim(0);
        int n = query.shape().dim(1);
        int e = query.shape().dim(2);
        int s = key.shape().dim(0);
        if (e % heads != 0 || inW.shape().dim(0) != 3 * e || inW.shape().dim(1) != e) {
            throw new IllegalArgumentException("multiHeadAttention: embed dim " + e + " with " + heads
                    + " heads needs an in-projection (" + 3 * e + ", " + e + "), got " + inW.shape());
        }
        int d = e / heads;
        Variable q = project(query, inW.slice(0, 0, e), inB.slice(0, 0, e));
        Variable k = project(key, inW.slice(0, e, 2 * e), inB.slice(0, e, 2 * e));
        Variable v = project(value, inW.slice(0, 2 * e, 3 * e), inB.slice(0, 2 * e, 3 * e));
        // (L, N, E) -> (N, h, L, d)
        q = q.reshape(l, n, heads, d).permute(1, 2, 0, 3);
        k = k.reshape(s, n, heads, d).permute(1, 2, 0, 3);
        v = v.reshape(s, n, heads, d).permute(1, 2, 0, 3);
        Tensor pad = keyPadding == null ? null : keyPadding.reshape(n, 1, s);
        Variable o = ScaledDotProductAttention.attention(q, k, v, causal, pad); // (N, h, L, d)
        o = o.permute(2, 0, 1, 3).reshape(l, n, e);
        return project(o, outW, outB);
    }

    private static Variable project(Variable x, Variable w, Variable b) {
        return x.matmul(w.transpose()).add(b);
    }

    /** The embedding width E. */
    public int embedDim() {
        return embedDim;
    }

    /** The number of heads h. */
    public int heads() {
        return heads;
    }

    /** True for (N, L, E) inputs. */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** The out-projection W^O with its bias (sub-module {@code out_proj}). */
    public Linear outProjection() {
        return outProj;
    }

    @Override
    protected String describe() {
        return "MultiHeadAttention(embed=" + embedDim + ", heads=" + heads + (batchFirst ? ", batchFirst" : "") + ")";
    }
}
