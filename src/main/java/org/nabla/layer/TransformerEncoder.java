package org.nabla.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * A stack of K Transformer encoder layers (Vaswani et al. 2017, §3.1: K = 6 in the paper), with an
 * optional final layer normalization:
 * <pre>
 *   h⁽⁰⁾ = x,   h⁽ᵏ⁾ = Layer_k(h⁽ᵏ⁻¹⁾),  k = 1 … K,   y = LN(h⁽ᴷ⁾)  (or y = h⁽ᴷ⁾ without a final norm).
 * </pre>
 * The same causal / key-padding masks are passed to every layer. A final norm is customary with
 * pre-norm layers, whose outputs are otherwise un-normalized sums of residual branches
 * (Xiong et al. 2020); post-norm layers already end in a layer norm.
 *
 * <p>Shapes: as the layers, (L, N, d) or (N, L, d) with {@code batchFirst} layers; the output has the
 * input's shape. Sub-modules are named {@code layers.0, layers.1, …} and {@code norm}, as in PyTorch.
 *
 * <p>Source: A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017, §3.1; torch.nn.TransformerEncoder.
 */
public final class TransformerEncoder extends Module {
    private final List<TransformerEncoderLayer> layers;
    private final LayerNorm norm;

    /**
     * K layers built by {@code layer.build()} (each with its own weights drawn from the builder's Rng),
     * without a final norm.
     */
    public TransformerEncoder(TransformerEncoderLayer.Builder layer, int numLayers) {
        this(build(layer, numLayers), null);
    }

    /** The given layers (at least one, all of the same width d) and an optional final norm over d (null for none). */
    public TransformerEncoder(List<TransformerEncoderLayer> layers, LayerNorm norm) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("TransformerEncoder: expected at least one layer");
        }
        int d = layers.get(0).dModel();
        boolean batchFirst = layers.get(0).batchFirst();
        for (int i = 0; i < layers.size(); i++) {
            TransformerEncoderLayer l = layers.get(i);
            if (l.dModel() != d || l.batchFirst() != batchFirst) {
                throw new IllegalArgumentException("TransformerEncoder: layer " + i + " (" + l.describe()
                        + ") does not match layer 0 (" + layers.get(0).describe() + ") in width or batchFirst");
            }
        }
        if (norm != null && (norm.normalizedShape().length != 1 || norm.normalizedShape()[0] != d)) {
            throw new IllegalArgumentException("TransformerEncoder: final norm must normalize over [" + d + "], got "
                    + norm.describe());
        }
        registerModule("layers", new Sequential(layers));
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    private static List<TransformerEncoderLayer> build(TransformerEncoderLayer.Builder layer, int numLayers) {
        if (layer == null || numLayers < 1) {
            throw new IllegalArgumentException("TransformerEncoder: expected a layer builder and ≥ 1 layers, got " + numLayers);
        }
        List<TransformerEncoderLayer> r = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            r.add(layer.build());
        }
        return r;
    }

    @Override
    public Variable forward(Variable x) {
        return forward(x, false, null);
    }

    /**
     * The stack on x.
     *
     * @param causal     if true, position i attends only to positions j ≤ i in every layer
     * @param keyPadding null, or (N, L) with 1 = real token and 0 = padding
     */
    public Variable forward(Variable x, boolean causal, Tensor keyPadding) {
        Variable h = x;
        for (TransformerEncoderLayer l : layers) {
            h = l.forward(h, causal, keyPadding);
        }
        return norm == null ? h : norm.forward(h);
    }

    /** The layers, bottom to top. */
    public List<TransformerEncoderLayer> layers() {
        return layers;
    }

    /** The final norm, or null. */
    public LayerNorm norm() {
        return norm;
    }

    @Override
    protected String describe() {
        return "TransformerEncoder(layers=" + layers.size() + (norm != null ? ", final norm" : "") + ")";
    }
}
