package org.nabla.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.GraphBuilder.Value;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.layer.AdaptiveAvgPool2d;
import org.nabla.layer.AvgPool2d;
import org.nabla.layer.BatchNorm;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Dropout;
import org.nabla.layer.Embedding;
import org.nabla.layer.Flatten;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.module.Module;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.PaddingMode;
import org.nabla.layer.Sequential;
import org.nabla.layer.TransformerEncoder;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.tensor.Tensor;

/**
 * ONNX nodes for the layers: each writes the operators that compute what the Nabla module computes
 * in evaluation mode, in the same order of operations, so that reading the file back gives the same
 * bits. The dispatcher {@link #export} also covers activations ({@link ActivationExport}) and
 * attention ({@link AttentionExport}).
 */
final class LayerExport {
    private LayerExport() {
    }

    /** The module applied to the input value: its nodes appended to g; returns the output value. */
    static Value export(GraphBuilder g, Module m, Value in) {
        String path = g.path(m);
        String name = path.isEmpty() ? "" : "/" + path.replace('.', '/');
        if (m instanceof Sequential s) {
            Value v = in;
            for (Module layer : s.layers()) {
                v = export(g, layer, v);
            }
            return v;
        }
        if (m instanceof TransformerEncoder e) {
            Value v = in;
            for (TransformerEncoderLayer layer : e.layers()) {
                v = export(g, layer, v);
            }
            return e.norm() == null ? v : export(g, e.norm(), v);
        }
        Variable y = m.forward(in.value());
        if (m instanceof TransformerEncoderLayer t) {
            return new Value(AttentionExport.encoderLayer(g, t, in, name), y);
        }
        if (m instanceof MultiHeadAttention a) {
            return new Value(AttentionExport.selfAttention(g, a, in, name), y);
        }
        String out = layer(g, m, in, name);
        if (out == null) {
            out = ActivationExport.activation(g, m, in, name);
        }
        if (out == null) {
            throw new IllegalArgumentException("ONNX export: no ONNX form for module " + m + " at '" + g.path(m)
                    + "' (supported: Linear, Conv1d, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, Flatten, BatchNorm1d/2d,"
                    + " LayerNorm, Dropout, Embedding, the activations, Softmax, LogSoftmax, Sequential,"
                    + " MultiHeadAttention, TransformerEncoderLayer, TransformerEncoder)");
        }
        return new Value(out, y);
    }

    private static String layer(GraphBuilder g, Module m, Value in, String name) {
        if (m instanceof Linear l) {
            return linear(g, in, g.parameter(l.weight()), l.bias() == null ? null : g.parameter(l.bias()), l.outFeatures(), name);
        }
        if (m instanceof Conv2d c) {
            return conv(g, in, c.weight().value().shape().dims(), g.parameter(c.weight()), c.bias() == null ? null
                    : g.parameter(c.bias()), c.stride(), c.dilation(), c.groups(), c.paddingBefore(), c.paddingAfter(),
                    c.paddingMode(), name);
        }
        if (m instanceof Conv1d c) {
            return conv(g, in, c.weight().value().shape().dims(), g.parameter(c.weight()), c.bias() == null ? null
                    : g.parameter(c.bias()), new int[] {c.stride()}, new int[] {c.dilation()}, c.groups(),
                    new int[] {c.paddingBefore()}, new int[] {c.paddingAfter()}, c.paddingMode(), name);
        }
        if (m instanceof MaxPool2d p) {
            return g.node("MaxPool", name + "/MaxPool", List.of(in.name()), pool(p.kernelSize(), p.stride(), p.padding()));
        }
        if (m instanceof AvgPool2d p) {
            Attribute[] a = Arrays.copyOf(pool(p.kernelSize(), p.stride(), p.padding()), 4);
            a[3] = Attribute.ofInt("count_include_pad", 1);
            return g.node("AveragePool", name + "/AveragePool", List.of(in.name()), a);
        }
        if (m instanceof AdaptiveAvgPool2d p) {
            return adaptive(g, p, in, name);
        }
        if (m instanceof Flatten) {
            return g.node("Flatten", name + "/Flatten", List.of(in.name()), Attribute.ofInt("axis", 1));
        }
        if (m instanceof Dropout) {
            return g.node("Identity", name + "/Identity", List.of(in.name()));
        }
        if (m instanceof BatchNorm b) {
            int c = b.features();
            String scale = b.weight() == null ? g.constantTensor(name + "/scale", Tensor.ones(c)) : g.parameter(b.weight());
            String shift = b.bias() == null ? g.constantTensor(name + "/shift", Tensor.zeros(c)) : g.parameter(b.bias());
            String prefix = g.path(b).isEmpty() ? "" : g.path(b) + ".";
            String mean = g.tensor(prefix + "running_mean", b.runningMean());
            String var = g.tensor(prefix + "running_var", b.runningVar());
            return g.node("BatchNormalization", name + "/BatchNormalization", List.of(in.name(), scale, shift, mean, var),
                    Attribute.ofFloat("epsilon", b.eps()), Attribute.ofFloat("momentum", 1 - b.momentum()));
        }
        if (m instanceof LayerNorm l) {
            int[] shape = l.normalizedShape();
            List<String> inputs = new ArrayList<>(List.of(in.name()));
            inputs.add(l.weight() == null ? g.constantTensor(name + "/scale", Tensor.ones(shape)) : g.parameter(l.weight()));
            if (l.bias() != null) {
                inputs.add(g.parameter(l.bias()));
            }
            return g.node("LayerNormalization", name + "/LayerNormalization", inputs,
                    Attribute.ofInt("axis", -shape.length), Attribute.ofFloat("epsilon", l.eps()));
        }
        if (m instanceof Embedding e) {
            return g.node("Gather", name + "/Gather", List.of(g.parameter(e.weight()), in.name()), Attribute.ofInt("axis", 0));
        }
        return null;
    }

    /**
     * y = x Wᵀ + b as Nabla computes it: Gemm (transB = 1) on a matrix; an input of higher rank is
     * reshaped to (−1, in) before and back after, as in {@link Linear#linear}.
     */
    static String linear(GraphBuilder g, Value in, String weight, String bias, int out, String name) {
        int[] d = in.value().shape().dims();
        List<String> inputs = new ArrayList<>(List.of(in.name(), weight));
        if (bias != null) {
            inputs.add(bias);
        }
        if (d.length == 2) {
            return gemm(g, inputs, name);
        }
        String x2 = g.node("Reshape", name + "/Reshape", List.of(in.name(), g.ints(name + "/rows", -1, d[d.length - 1])));
        inputs.set(0, x2);
        String y = gemm(g, inputs, name);
        long[] back = GraphBuilder.longs(d);
        back[back.length - 1] = out;
        return g.node("Reshape", name + "/Reshape", List.of(y, g.ints(name + "/shape", back)));
    }

    private static String gemm(GraphBuilder g, List<String> inputs, String name) {
        return g.node("Gemm", name + "/Gemm", inputs, Attribute.ofFloat("alpha", 1), Attribute.ofFloat("beta", 1),
                Attribute.ofInt("transB", 1));
    }

    private static Attribute[] pool(int k, int s, int p) {
        return new Attribute[] {Attribute.ofInts("kernel_shape", k, k), Attribute.ofInts("strides", s, s),
            Attribute.ofInts("pads", p, p, p, p)};
    }

    /**
     * Conv with the module's geometry. Zeros padding goes into the Conv's pads (before and after may
     * differ); reflect and replicate are a Pad node (modes "reflect", "edge"); circular, which opset
     * 17's Pad lacks, is a Concat of the wrapped-around Slices on each axis.
     */
    private static String conv(GraphBuilder g, Value in, int[] wshape, String w, String b, int[] stride, int[] dilation,
                               int groups, int[] before, int[] after, PaddingMode mode, String name) {
        int k = before.length;
        String x = in.name();
        long[] pads = new long[2 * k];
        if (mode == PaddingMode.ZEROS) {
            for (int i = 0; i < k; i++) {
                pads[i] = before[i];
                pads[k + i] = after[i];
            }
        } else if (mode == PaddingMode.CIRCULAR) {
            int[] dims = in.value().shape().dims();
            for (int i = 0; i < k; i++) {
                x = circular(g, x, 2 + i, dims[2 + i], before[i], after[i], name);
            }
        } else {
            long[] all = new long[2 * (k + 2)];
            for (int i = 0; i < k; i++) {
                all[2 + i] = before[i];
                all[k + 2 + 2 + i] = after[i];
            }
            x = g.node("Pad", name + "/Pad", List.of(x, g.ints(name + "/pads", all)),
                    Attribute.ofString("mode", mode == PaddingMode.REFLECT ? "reflect" : "edge"));
        }
        List<String> inputs = new ArrayList<>(List.of(x, w));
        if (b != null) {
            inputs.add(b);
        }
        long[] kernel = new long[k];
        for (int i = 0; i < k; i++) {
            kernel[i] = wshape[2 + i];
        }
        return g.node("Conv", name + "/Conv", inputs, Attribute.ofInts("kernel_shape", kernel),
                Attribute.ofInts("strides", GraphBuilder.longs(stride)), Attribute.ofInts("dilations", GraphBuilder.longs(dilation)),
                Attribute.ofInt("group", groups), Attribute.ofInts("pads", pads));
    }

    private static String circular(GraphBuilder g, String x, int axis, int n, int before, int after, String name) {
        if (before == 0 && after == 0) {
            return x;
        }
        List<String> parts = new ArrayList<>();
        if (before > 0) {
            parts.add(slice(g, x, axis, n - before, n, name));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(slice(g, x, axis, 0, after, name));
        }
        return g.node("Concat", name + "/Concat", parts, Attribute.ofInt("axis", axis));
    }

    static String slice(GraphBuilder g, String x, int axis, int start, int stop, String name) {
        return g.node("Slice", name + "/Slice", List.of(x, g.ints(name + "/starts", start), g.ints(name + "/ends", stop),
                g.ints(name + "/axes", axis)));
    }

    /** GlobalAveragePool for a 1 × 1 output, else the windows of {@link AdaptiveAvgPool2d}, each a Slice and ReduceMean. */
    private static String adaptive(GraphBuilder g, AdaptiveAvgPool2d p, Value in, String name) {
        int outH = p.outputHeight();
        int outW = p.outputWidth();
        if (outH == 1 && outW == 1) {
            return g.node("GlobalAveragePool", name + "/GlobalAveragePool", List.of(in.name()));
        }
        int h = in.value().shape().dim(2);
        int w = in.value().shape().dim(3);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < outH; i++) {
            int h0 = Math.floorDiv(i * h, outH);
            int h1 = -Math.floorDiv(-(i + 1) * h, outH);
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < outW; j++) {
                int w0 = Math.floorDiv(j * w, outW);
                int w1 = -Math.floorDiv(-(j + 1) * w, outW);
                String cell = slice(g, slice(g, in.name(), 2, h0, h1, name), 3, w0, w1, name);
                cells.add(g.node("ReduceMean", name + "/ReduceMean", List.of(cell), Attribute.ofInts("axes", 2, 3),
                        Attribute.ofInt("keepdims", 1)));
            }
            rows.add(g.node("Concat", name + "/Concat", cells, Attribute.ofInt("axis", 3)));
        }
        return g.node("Concat", name + "/Concat", rows, Attribute.ofInt("axis", 2));
    }
}
