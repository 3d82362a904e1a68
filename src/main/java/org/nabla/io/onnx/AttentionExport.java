package org.nabla.io.onnx;

import java.util.List;
import java.util.function.UnaryOperator;
import org.nabla.activation.GELU;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.GraphBuilder.Value;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.module.Module;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.tensor.Tensor;

/**
 * Multi-head attention and the Transformer encoder layer as compositions of ONNX operators, node for
 * node what {@link MultiHeadAttention#multiHeadAttention} computes:
 * <pre>
 *   Q = X (W_q)ᵀ + b_q  (MatMul, Transpose, Add on Slices of in_proj_weight and in_proj_bias; K, V alike)
 *   Q → Reshape (L, N, h, d) → Transpose (N, h, L, d)
 *   S = Q Kᵀ · 1/√d,   A = exp(S − logsumexp(S))    (MatMul, Mul, ReduceLogSumExp, Sub, Exp)
 *   O = A V → Transpose (L, N, h, d) → Reshape (L, N, E),   Y = O (W_o)ᵀ + b_o
 * </pre>
 * and the encoder layer's residual additions (Add) and layer norms (LayerNormalization) around it.
 */
final class AttentionExport {
    private AttentionExport() {
    }

    /** Self-attention of the input (no mask). */
    static String selfAttention(GraphBuilder g, MultiHeadAttention a, Value in, String name) {
        List<Parameter> p = a.parameters(); // in_proj_weight, in_proj_bias, out_proj weight, out_proj bias
        int[] d = in.value().shape().dims();
        boolean bf = a.batchFirst();
        int l = bf ? d[1] : d[0];
        int n = bf ? d[0] : d[1];
        int e = a.embedDim();
        int h = a.heads();
        int dk = e / h;
        String x = bf ? transpose(g, in.name(), name, 1, 0, 2) : in.name();
        String w = g.parameter(p.get(0));
        String b = g.parameter(p.get(1));
        String[] qkv = new String[3];
        for (int i = 0; i < 3; i++) {
            String wi = LayerExport.slice(g, w, 0, i * e, (i + 1) * e, name);
            String bi = LayerExport.slice(g, b, 0, i * e, (i + 1) * e, name);
            String proj = project(g, x, wi, bi, name);
            String heads = g.node("Reshape", name + "/Reshape", List.of(proj, g.ints(name + "/heads", l, n, h, dk)));
            qkv[i] = transpose(g, heads, name, 1, 2, 0, 3);
        }
        String scores = ActivationExport.binary(g, "MatMul", qkv[0], transpose(g, qkv[1], name, 0, 1, 3, 2), name);
        scores = ActivationExport.binary(g, "Mul", scores, g.scalar(name + "/scale", 1.0 / Math.sqrt(dk)), name);
        String lse = g.node("ReduceLogSumExp", name + "/ReduceLogSumExp", List.of(scores), Attribute.ofInts("axes", -1),
                Attribute.ofInt("keepdims", 1));
        String weights = ActivationExport.unary(g, "Exp", ActivationExport.binary(g, "Sub", scores, lse, name), name);
        String o = transpose(g, ActivationExport.binary(g, "MatMul", weights, qkv[2], name), name, 2, 0, 1, 3);
        o = g.node("Reshape", name + "/Reshape", List.of(o, g.ints(name + "/merge", l, n, e)));
        String y = project(g, o, g.parameter(p.get(2)), g.parameter(p.get(3)), name);
        return bf ? transpose(g, y, name, 1, 0, 2) : y;
    }

    /** x Wᵀ + b as MatMul, Transpose, Add (as the attention computes its projections). */
    private static String project(GraphBuilder g, String x, String w, String b, String name) {
        String y = ActivationExport.binary(g, "MatMul", x, transpose(g, w, name, 1, 0), name);
        return ActivationExport.binary(g, "Add", y, b, name);
    }

    private static String transpose(GraphBuilder g, String x, String name, long... perm) {
        return g.node("Transpose", name + "/Transpose", List.of(x), Attribute.ofInts("perm", perm));
    }

    /** The encoder layer, post-norm or pre-norm, in evaluation mode (dropout is the identity). */
    static String encoderLayer(GraphBuilder g, TransformerEncoderLayer t, Value in, String name) {
        Module norm1 = t.children().get("norm1");
        Module norm2 = t.children().get("norm2");
        Value x = in;
        if (t.normFirst()) {
            Value sa = LayerExport.export(g, t.selfAttention(), LayerExport.export(g, norm1, x));
            Value h = add(g, x, sa, name);
            Value ff = feedForward(g, t, LayerExport.export(g, norm2, h), name);
            return add(g, h, ff, name).name();
        }
        Value sa = LayerExport.export(g, t.selfAttention(), x);
        Value h = LayerExport.export(g, norm1, add(g, x, sa, name));
        Value ff = feedForward(g, t, h, name);
        return LayerExport.export(g, norm2, add(g, h, ff, name)).name();
    }

    private static Value add(GraphBuilder g, Value a, Value b, String name) {
        return g.node("Add", name + "/Add", a.value().add(b.value()), List.of(a.name(), b.name()));
    }

    private static Value feedForward(GraphBuilder g, TransformerEncoderLayer t, Value x, String name) {
        Value hidden = LayerExport.export(g, t.children().get("linear1"), x);
        Value act = activation(g, t, hidden, name);
        return LayerExport.export(g, t.children().get("linear2"), act);
    }

    /**
     * The feed-forward activation φ: a Module is exported as such; a function is recognized by its
     * values on a probe (ReLU, exact GELU, the tanh form of GELU), else refused.
     */
    private static Value activation(GraphBuilder g, TransformerEncoderLayer t, Value x, String name) {
        UnaryOperator<Variable> phi = t.activation();
        Variable y = phi.apply(x.value());
        if (phi instanceof Module m) {
            String out = ActivationExport.activation(g, m, x, name + "/activation");
            if (out != null) {
                return new Value(out, y);
            }
        }
        double[] probe = new double[41];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = -4 + 0.2 * i + 1e-3;
        }
        Variable p = Variable.constant(Tensor.of(probe));
        Tensor py = phi.apply(p).value();
        String out;
        if (py.equals(p.relu().value())) {
            out = ActivationExport.unary(g, "Relu", x.name(), name);
        } else if (py.equals(GELU.gelu(p).value())) {
            out = ActivationExport.gelu(g, x.name(), name);
        } else if (py.equals(GELU.geluTanh(p).value())) {
            out = ActivationExport.activation(g, new GELU(GELU.Approximation.TANH), x, name);
        } else {
            throw new IllegalArgumentException("ONNX export: the feed-forward activation of " + t + " at '" + g.path(t)
                    + "' is a function that is not ReLU or GELU; give the layer an activation Module"
                    + " (builder.activation(new SiLU()), …) so that it can be written");
        }
        return new Value(out, y);
    }
}
