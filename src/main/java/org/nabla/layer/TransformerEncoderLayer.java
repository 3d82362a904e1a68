package org.nabla.layer;

import java.util.function.UnaryOperator;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * One layer of the Transformer encoder (Vaswani et al. 2017, §3.1 and §3.3): multi-head
 * self-attention and a position-wise feed-forward network, each wrapped in dropout, a residual
 * connection and layer normalization.
 * <pre>
 *   SA(x)  = MultiHead(x, x, x)                                    (self-attention, §3.2.2)
 *   FF(x)  = Dropout(φ(x W₁ᵀ + b₁)) W₂ᵀ + b₂,  W₁ ∈ ℝ^(d_ff×d), W₂ ∈ ℝ^(d×d_ff)   (§3.3)
 *
 *   post-norm (the paper; the default):  h = LN₁(x + Dropout₁(SA(x))),       y = LN₂(h + Dropout₂(FF(h)))
 *   pre-norm  ({@code normFirst}):       h = x + Dropout₁(SA(LN₁(x))),       y = h + Dropout₂(FF(LN₂(h)))
 * </pre>
 * φ is the activation (ReLU by default; GELU in many later models), passed in as a function of
 * variables so that this package does not depend on {@code org.nabla.activation}:
 * {@code .activation(GELU::gelu)} or {@code .activation(Variable::tanh)}.
 *
 * <p>Shapes: the input is (L, N, d) (sequence first, PyTorch's default) or (N, L, d) with
 * {@code batchFirst}; the output has the same shape. Each position's output depends on all the
 * positions it may attend to: with the causal mask, position i sees only positions j ≤ i; a key
 * padding mask (N, L) with 1 = real token and 0 = padding hides padded positions as keys.
 *
 * <p>Backward: every piece (attention, softmax, layer norm, linear maps, residual sums) is written
 * with {@link Variable} operations, so ∂L/∂x and ∂L/∂θ come from the reverse sweep; the residual
 * path contributes the identity, ∂(x + F(x))/∂x = I + ∂F/∂x, which is why deep stacks still train.
 *
 * <p>Pre-norm places LN inside the residual branch, which keeps a clean identity path from input to
 * output and trains stably without learning-rate warm-up (Xiong et al., "On Layer Normalization in
 * the Transformer Architecture", ICML 2020); post-norm is the original and PyTorch's default.
 *
 * <p>Differences from torch.nn.TransformerEncoderLayer: the attention weights are not dropped out
 * (this library's {@link MultiHeadAttention} has no attention dropout); the key padding mask uses
 * 1 = keep, 0 = pad (PyTorch: True = pad). Sub-module names follow PyTorch ({@code self_attn,
 * linear1, dropout, linear2, norm1, norm2, dropout1, dropout2}), so the state dict is PyTorch's:
 * {@code self_attn.in_proj_weight, self_attn.in_proj_bias, self_attn.out_proj.weight,
 * self_attn.out_proj.bias, linear1.weight, linear1.bias, linear2.weight, linear2.bias, norm1.weight,
 * norm1.bias, norm2.weight, norm2.bias}.
 *
 * <p>Source: A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017, §3.1–3.3 and §5.4
 * (residual dropout); torch.nn.TransformerEncoderLayer.
 */
public final class TransformerEncoderLayer extends Module {
    private final int dModel;
    private final int heads;
    private final int feedForward;
    private final double dropoutP;
    private final boolean batchFirst;
    private final boolean normFirst;
    private final UnaryOperator<Variable> activation;
    private final MultiHeadAttention selfAttention;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    /**
     * A post-norm layer with PyTorch's defaults: d_ff = 2048, dropout 0.1, ReLU, inputs (L, N, d).
     * Use {@link #builder(int, int)} for anything else.
     */
    public TransformerEncoderLayer(int dModel, int heads, Rng rng) {
        this(builder(dModel, heads).rng(rng));
    }

    private TransformerEncoderLayer(Builder b) {
        if (b.dModel < 1 || b.heads < 1 || b.dModel % b.heads != 0) {
            throw new IllegalArgumentException("TransformerEncoderLayer: dModel " + b.dModel
                    + " must be a positive multiple of heads " + b.heads);
        }
        if (b.feedForward < 1) {
            throw new IllegalArgumentException("TransformerEncoderLayer: feed-forward width must be ≥ 1, got " + b.feedForward);
        }
        if (!(b.dropout >= 0 && b.dropout <= 1)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: dropout must be in [0, 1], got " + b.dropout);
        }
        if (b.activation == null) {
            throw new IllegalArgumentException("TransformerEncoderLayer: activation must not be null");
        }
        if (b.rng == null) {
            throw new IllegalArgumentException("TransformerEncoderLayer: an Rng is required (builder.rng(...))");
        }
        if (!(b.layerNormEps > 0)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: layer-norm eps must be > 0, got " + b.layerNormEps);
        }
        this.dModel = b.dModel;
        this.heads = b.heads;
        this.feedForward = b.feedForward;
        this.dropoutP = b.dropout;
        this.batchFirst = b.batchFirst;
        this.normFirst = b.normFirst;
        this.activation = b.activation;
        Rng rng = b.rng;
        this.selfAttention = registerModule("self_attn", new MultiHeadAttention(dModel, heads, batchFirst, rng));
        this.linear1 = registerModule("linear1", new Linear(dModel, feedForward, rng));
        this.dropout = registerModule("dropout", new Dropout(dropoutP, rng.split()));
        this.linear2 = registerModule("linear2", new Linear(feedForward, dModel, rng));
        int[] shape = {dModel};
        this.norm1 = registerModule("norm1", new LayerNorm(shape, b.layerNormEps, true));
        this.norm2 = registerModule("norm2", new LayerNorm(shape, b.layerNormEps, true));
        this.dropout1 = registerModule("dropout1", new Dropout(dropoutP, rng.split()));
        this.dropout2 = registerModule("dropout2", new Dropout(dropoutP, rng.split()));
    }

    /** A builder for a layer of width d = dModel with the given number of heads (d must be a multiple of heads). */
    public static Builder builder(int dModel, int heads) {
        return new Builder(dModel, heads);
    }

    /** Settings of a {@link TransformerEncoderLayer}; defaults are PyTorch's. */
    public static final class Builder {
        private final int dModel;
        private final int heads;
        private int feedForward = 2048;
        private double dropout = 0.1;
        private UnaryOperator<Variable> activation = Variable::relu;
        private boolean batchFirst;
        private boolean normFirst;
        private double layerNormEps = 1e-5;
        private Rng rng;

        private Builder(int dModel, int heads) {
            this.dModel = dModel;
            this.heads = heads;
        }

        /** The hidden width d_ff of the feed-forward network (default 2048). */
        public Builder feedForward(int dFF) {
            this.feedForward = dFF;
            return this;
        }

        /** The dropout probability used after attention, inside and after the feed-forward network (default 0.1). */
        public Builder dropout(double p) {
            this.dropout = p;
            return this;
        }

        /** The activation φ of the feed-forward network (default {@code Variable::relu}). */
        public Builder activation(UnaryOperator<Variable> phi) {
            this.activation = phi;
            return this;
        }

        /** Inputs (N, L, d) instead of (L, N, d) (default false). */
        public Builder batchFirst(boolean on) {
            this.batchFirst = on;
            return this;
        }

        /** Pre-norm (LN inside each residual branch) instead of post-norm (default false, post-norm). */
        public Builder normFirst(boolean on) {
            this.normFirst = on;
            return this;
        }

        /** The ε of both layer norms (default 1e-5). */
        public Builder layerNormEps(double eps) {
            this.layerNormEps = eps;
            return this;
        }

        /** The generator for initial weights and dropout masks (required). Each {@link #build()} draws from it. */
        public Builder rng(Rng r) {
            this.rng = r;
            return this;
        }

        /** A new layer; its weights are drawn from the builder's Rng, so successive builds differ. */
        public TransformerEncoderLayer build() {
            return new TransformerEncoderLayer(this);
        }
    }

    /** Self-attention over all positions (no mask). */
    @Override
    public Variable forward(Variable x) {
        return forward(x, false, null);
    }

    /**
     * The layer on x (L, N, d), or (N, L, d) with {@code batchFirst}.
     *
     * @param causal     if true, position i attends only to positions j ≤ i
     * @param keyPadding null, or (N, L) with 1 = real token and 0 = padding (padded keys are ignored)
     */
    public Variable forward(Variable x, boolean causal, Tensor keyPadding) {
        checkInput(x, keyPadding);
        if (normFirst) {
            Variable h = x.add(dropout1.forward(attend(norm1.forward(x), causal, keyPadding)));
            return h.add(dropout2.forward(feedForward(norm2.forward(h))));
        }
        Variable h = norm1.forward(x.add(dropout1.forward(attend(x, causal, keyPadding))));
        return norm2.forward(h.add(dropout2.forward(feedForward(h))));
    }

    private void checkInput(Variable x, Tensor keyPadding) {
        String layout = batchFirst ? "(N, L, " + dModel + ")" : "(L, N, " + dModel + ")";
        if (x.shape().rank() != 3 || x.shape().dim(2) != dModel) {
            throw new IllegalArgumentException(describe() + ": expected input " + layout + ", got shape " + x.shape());
        }
        if (keyPadding != null) {
            int n = x.shape().dim(batchFirst ? 0 : 1);
            int l = x.shape().dim(batchFirst ? 1 : 0);
            if (keyPadding.rank() != 2 || keyPadding.dim(0) != n || keyPadding.dim(1) != l) {
                throw new IllegalArgumentException(describe() + ": expected key padding mask (N, L) = (" + n + ", " + l
                        + ") for input " + x.shape() + ", got shape " + keyPadding.shape());
            }
        }
    }

    private Variable attend(Variable x, boolean causal, Tensor keyPadding) {
        return selfAttention.forward(x, x, x, causal, keyPadding);
    }

    private Variable feedForward(Variable x) {
        return linear2.forward(dropout.forward(activation.apply(linear1.forward(x))));
    }

    /** The width d of the model. */
    public int dModel() {
        return dModel;
    }

    /** The number of attention heads. */
    public int heads() {
        return heads;
    }

    /** The hidden width d_ff of the feed-forward network. */
    public int feedForwardWidth() {
        return feedForward;
    }

    /** True for (N, L, d) inputs. */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** True for pre-norm. */
    public boolean normFirst() {
        return normFirst;
    }

    /** The self-attention sub-module. */
    public MultiHeadAttention selfAttention() {
        return selfAttention;
    }

    /** The activation φ of the feed-forward network. */
    public UnaryOperator<Variable> activation() {
        return activation;
    }

    @Override
    protected String describe() {
        return "TransformerEncoderLayer(d=" + dModel + ", heads=" + heads + ", dFF=" + feedForward + ", dropout=" + dropoutP
                + (normFirst ? ", pre-norm" : ", post-norm") + (batchFirst ? ", batchFirst" : "") + ")";
    }
}
