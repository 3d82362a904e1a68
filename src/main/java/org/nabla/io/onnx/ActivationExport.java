package org.nabla.io.onnx;

import java.util.List;
import org.nabla.activation.ELU;
import org.nabla.activation.GELU;
import org.nabla.activation.Hardtanh;
import org.nabla.activation.Identity;
import org.nabla.activation.LeakyReLU;
import org.nabla.activation.LogSigmoid;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Mish;
import org.nabla.activation.PReLU;
import org.nabla.activation.ReLU;
import org.nabla.activation.SELU;
import org.nabla.activation.SiLU;
import org.nabla.activation.Sigmoid;
import org.nabla.activation.Softmax;
import org.nabla.activation.Softplus;
import org.nabla.activation.Tanh;
import org.nabla.io.onnx.GraphBuilder.Value;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.module.Module;

/**
 * ONNX nodes for the activations. Those ONNX has as an operator are that operator (Relu, LeakyRelu,
 * PRelu, Elu, Selu, Sigmoid, Tanh, Softplus, Clip for Hardtanh, Softmax, LogSoftmax, Identity); the
 * others are written as the composition the Nabla class computes: GELU = ½·x·(1 + erf(x·√½)),
 * the tanh form of GELU, SiLU = x·σ(x), Mish = x·tanh(softplus(x)), LogSigmoid = −softplus(−x), and
 * Softplus with β ≠ 1 or a finite threshold as where(βx &gt; t, x, softplus(βx)/β). A LeakyReLU slope
 * that is not exactly a float (LeakyRelu's alpha is a float attribute) is written as a PRelu slope.
 */
final class ActivationExport {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private ActivationExport() {
    }

    /** The activation's nodes, or null when m is not an activation. */
    static String activation(GraphBuilder g, Module m, Value in, String name) {
        String x = in.name();
        if (m instanceof ReLU) {
            return unary(g, "Relu", x, name);
        }
        if (m instanceof Sigmoid) {
            return unary(g, "Sigmoid", x, name);
        }
        if (m instanceof Tanh) {
            return unary(g, "Tanh", x, name);
        }
        if (m instanceof Identity) {
            return unary(g, "Identity", x, name);
        }
        if (m instanceof LeakyReLU l) {
            // LeakyRelu's alpha is a float attribute; a slope that is not a float is a double PRelu slope instead
            if ((float) l.slope() == l.slope()) {
                return g.node("LeakyRelu", name + "/LeakyRelu", List.of(x), Attribute.ofFloat("alpha", l.slope()));
            }
            return g.node("PRelu", name + "/PRelu", List.of(x, g.scalar(name + "/slope", l.slope())));
        }
        if (m instanceof ELU e) {
            return g.node("Elu", name + "/Elu", List.of(x), Attribute.ofFloat("alpha", e.alpha()));
        }
        if (m instanceof SELU) {
            return g.node("Selu", name + "/Selu", List.of(x), Attribute.ofFloat("alpha", SELU.ALPHA),
                    Attribute.ofFloat("gamma", SELU.LAMBDA));
        }
        if (m instanceof PReLU p) {
            String slope = g.parameter(p.weight());
            int rank = in.value().shape().rank();
            int k = p.weight().size();
            if (k != 1 && rank > 2) {
                long[] dims = new long[rank - 1];
                java.util.Arrays.fill(dims, 1);
                dims[0] = k;
                slope = g.node("Reshape", name + "/Reshape", List.of(slope, g.ints(name + "/slope_shape", dims)));
            }
            return g.node("PRelu", name + "/PRelu", List.of(x, slope));
        }
        if (m instanceof Softplus s) {
            return softplus(g, x, s.beta(), s.threshold(), name);
        }
        if (m instanceof Hardtanh h) {
            return g.node("Clip", name + "/Clip", List.of(x, g.scalar(name + "/min", h.min()), g.scalar(name + "/max", h.max())));
        }
        if (m instanceof Softmax s) {
            return g.node("Softmax", name + "/Softmax", List.of(x), Attribute.ofInt("axis", s.axis()));
        }
        if (m instanceof LogSoftmax s) {
            return g.node("LogSoftmax", name + "/LogSoftmax", List.of(x), Attribute.ofInt("axis", s.axis()));
        }
        if (m instanceof GELU e) {
            return e.approximation() == GELU.Approximation.TANH ? geluTanh(g, x, name) : gelu(g, x, name);
        }
        if (m instanceof SiLU) {
            return binary(g, "Mul", x, unary(g, "Sigmoid", x, name), name);
        }
        if (m instanceof Mish) {
            return binary(g, "Mul", x, unary(g, "Tanh", unary(g, "Softplus", x, name), name), name);
        }
        if (m instanceof LogSigmoid) {
            return unary(g, "Neg", unary(g, "Softplus", unary(g, "Neg", x, name), name), name);
        }
        return null;
    }

    /** ½·x·(1 + erf(x·√½)), in {@link GELU#gelu}'s order. */
    static String gelu(GraphBuilder g, String x, String name) {
        String erf = unary(g, "Erf", binary(g, "Mul", x, g.scalar(name + "/sqrt_half", SQRT_HALF), name), name);
        String inner = binary(g, "Add", erf, g.scalar(name + "/one", 1.0), name);
        return binary(g, "Mul", binary(g, "Mul", x, inner, name), g.scalar(name + "/half", 0.5), name);
    }

    /** ½·x·(1 + tanh(√(2/π)(x + 0.044715x³))), in {@link GELU#geluTanh}'s order. */
    private static String geluTanh(GraphBuilder g, String x, String name) {
        String cube = binary(g, "Pow", x, g.scalar(name + "/three", 3.0), name);
        String sum = binary(g, "Add", x, binary(g, "Mul", cube, g.scalar(name + "/c", 0.044715), name), name);
        String inner = binary(g, "Mul", sum, g.scalar(name + "/sqrt_2_over_pi", SQRT_2_OVER_PI), name);
        String t = binary(g, "Add", unary(g, "Tanh", inner, name), g.scalar(name + "/one", 1.0), name);
        return binary(g, "Mul", binary(g, "Mul", x, t, name), g.scalar(name + "/half", 0.5), name);
    }

    /** (1/β) softplus(βx), and x where βx &gt; threshold, in {@link Softplus#softplus(org.nabla.autodiff.Variable, double, double)}'s order. */
    private static String softplus(GraphBuilder g, String x, double beta, double threshold, String name) {
        String z = beta == 1.0 ? x : binary(g, "Mul", x, g.scalar(name + "/beta", beta), name);
        String smooth = unary(g, "Softplus", z, name);
        if (beta != 1.0) {
            smooth = binary(g, "Div", smooth, g.scalar(name + "/beta", beta), name);
        }
        if (threshold == Double.POSITIVE_INFINITY) {
            return smooth;
        }
        String linear = binary(g, "Greater", z, g.scalar(name + "/threshold", threshold), name);
        return g.node("Where", name + "/Where", List.of(linear, x, smooth));
    }

    static String unary(GraphBuilder g, String op, String x, String name) {
        return g.node(op, name + "/" + op, List.of(x));
    }

    static String binary(GraphBuilder g, String op, String a, String b, String name) {
        return g.node(op, name + "/" + op, List.of(a, b));
    }
}
