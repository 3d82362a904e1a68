package org.nabla.io.onnx;

import java.util.Arrays;
import java.util.Set;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.Val.Attrs;
import org.nabla.layer.AvgPool2d;
import org.nabla.layer.BatchNorm;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.tensor.Tensor;

/**
 * The network operators of the interpreter ({@link OnnxModule}): Gemm, Conv, Pad, MaxPool,
 * AveragePool, GlobalAveragePool, BatchNormalization, LayerNormalization — each the Nabla layer's
 * functional form, so that a file Nabla wrote computes in Nabla exactly what the original did.
 */
final class NetworkOps {
    static final Set<String> OPERATORS = Set.of("Gemm", "Conv", "Pad", "MaxPool", "AveragePool", "GlobalAveragePool",
            "BatchNormalization", "LayerNormalization");

    private NetworkOps() {
    }

    static Val[] apply(Node n, Val[] in, Attrs at) {
        Variable x = in[0].v();
        int t = in[0].type();
        return switch (n.opType()) {
            case "Gemm" -> TensorOps.one(gemm(at, x, in[1].v(), in.length > 2 && in[2] != null ? in[2].v() : null), t);
            case "Conv" -> TensorOps.one(conv(at, x, in[1].v(), in.length > 2 && in[2] != null ? in[2].v() : null), t);
            case "Pad" -> TensorOps.one(pad(at, x, in[1].longs(), in.length > 2 && in[2] != null ? in[2].tensor().item() : 0.0,
                    at.s("mode", "constant")), t);
            case "MaxPool" -> TensorOps.one(pool(at, x, true), t);
            case "AveragePool" -> TensorOps.one(pool(at, x, false), t);
            case "GlobalAveragePool" -> TensorOps.one(x.mean(spatialAxes(x), true), t);
            case "BatchNormalization" -> {
                at.require(at.i("training_mode", 0) == 0, "training_mode = 0 (inference)", at.i("training_mode", 0));
                yield TensorOps.one(BatchNorm.batchNormInference(x, in[3].tensor(), in[4].tensor(), in[1].v(), in[2].v(),
                        at.f("epsilon", 1e-5)), t);
            }
            case "LayerNormalization" -> TensorOps.one(layerNorm(at, x, in[1].v(), in.length > 2 && in[2] != null ? in[2].v()
                    : null), t);
            default -> throw new IllegalStateException("NetworkOps: " + n.opType() + " is listed but has no case");
        };
    }

    private static int[] spatialAxes(Variable x) {
        int[] axes = new int[x.shape().rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return axes;
    }

    /** α·A′B′ + β·C; with α = β = 1, B transposed and C a vector it is {@link Linear#linear}. */
    private static Variable gemm(Attrs at, Variable a, Variable b, Variable c) {
        double alpha = at.f("alpha", 1);
        double beta = at.f("beta", 1);
        boolean ta = at.i("transA", 0) != 0;
        boolean tb = at.i("transB", 0) != 0;
        if (alpha == 1 && beta == 1 && !ta && tb && (c == null || c.shape().rank() == 1)) {
            return Linear.linear(a, b, c);
        }
        Variable y = (ta ? a.transpose() : a).matmul(tb ? b.transpose() : b);
        if (alpha != 1) {
            y = y.mul(alpha);
        }
        if (c != null) {
            y = y.add(beta == 1 ? c : c.mul(beta));
        }
        return y;
    }

    private static long[] ones(int k) {
        long[] r = new long[k];
        Arrays.fill(r, 1);
        return r;
    }

    /**
     * Conv over (N, C, L) or (N, C, H, W). Pads that differ before and after are zeros concatenated
     * on the larger side first (as the Nabla module does for padding = "same"), then the kernel pads
     * the rest symmetrically.
     */
    private static Variable conv(Attrs at, Variable x, Variable w, Variable b) {
        int k = x.shape().rank() - 2;
        at.require(k == 1 || k == 2, "an input (N, C, L) or (N, C, H, W)", x.shape());
        at.require(w.shape().rank() == k + 2, "a weight of rank " + (k + 2) + " for input " + x.shape(), w.shape());
        String autoPad = at.s("auto_pad", "NOTSET");
        at.require(autoPad.equals("NOTSET") || autoPad.equals("VALID"), "auto_pad NOTSET or VALID", autoPad);
        long[] kernel = at.ints("kernel_shape", null);
        if (kernel != null) {
            for (int i = 0; i < k; i++) {
                at.require(kernel[i] == w.shape().dim(2 + i), "kernel_shape equal to the weight's spatial shape "
                        + w.shape(), kernel);
            }
        }
        int[] stride = ints(at.ints("strides", ones(k)));
        int[] dilation = ints(at.ints("dilations", ones(k)));
        int group = (int) at.i("group", 1);
        int[] pads = ints(at.ints("pads", new long[2 * k]));
        at.require(pads.length == 2 * k, 2 * k + " pads (begin and end per spatial axis)", pads.length);
        int[] sym = new int[k];
        Variable y = x;
        for (int i = 0; i < k; i++) {
            int before = pads[i];
            int after = pads[k + i];
            sym[i] = Math.min(before, after);
            if (before != after) {
                int[] dims = y.shape().dims();
                dims[2 + i] = Math.abs(after - before);
                Variable zeros = Variable.constant(Tensor.zeros(dims));
                y = after > before ? Variable.concat(2 + i, y, zeros) : Variable.concat(2 + i, zeros, y);
            }
        }
        if (k == 1) {
            return Conv1d.conv1d(y, w, b, stride[0], sym[0], dilation[0], group);
        }
        return Conv2d.conv2d(y, w, b, stride, sym, dilation, group);
    }

    private static int[] ints(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }

    /** Pad with mode constant, reflect (mirror without the edge) or edge (replicate). */
    static Variable pad(Attrs at, Variable x, long[] pads, double value, String mode) {
        int r = x.shape().rank();
        at.require(pads.length == 2 * r, 2 * r + " pads for an input of rank " + r, pads);
        at.require(mode.equals("constant") || mode.equals("reflect") || mode.equals("edge"),
                "mode constant, reflect or edge", mode);
        Variable y = x;
        for (int axis = 0; axis < r; axis++) {
            int before = Math.toIntExact(pads[axis]);
            int after = Math.toIntExact(pads[r + axis]);
            at.require(before >= 0 && after >= 0, "pads ≥ 0 (cropping is not supported)", pads);
            if (before == 0 && after == 0) {
                continue;
            }
            int n = y.shape().dim(axis);
            if (mode.equals("constant")) {
                int[] dims = y.shape().dims();
                Variable[] parts = new Variable[] {null, y, null};
                dims[axis] = before;
                parts[0] = before == 0 ? null : Variable.constant(Tensor.full(org.nabla.tensor.Shape.of(dims), value));
                dims[axis] = after;
                parts[2] = after == 0 ? null : Variable.constant(Tensor.full(org.nabla.tensor.Shape.of(dims), value));
                y = Variable.concat(axis, Arrays.stream(parts).filter(p -> p != null).toList());
                continue;
            }
            at.require(!mode.equals("reflect") || Math.max(before, after) < n, "reflect pads smaller than the axis ("
                    + n + ")", pads);
            int[] index = new int[before + n + after];
            for (int j = 0; j < index.length; j++) {
                int i = j - before;
                index[j] = i >= 0 && i < n ? i : mode.equals("edge") ? (i < 0 ? 0 : n - 1) : (i < 0 ? -i : 2 * (n - 1) - i);
            }
            y = y.indexSelect(axis, index);
        }
        return y;
    }

    /** MaxPool / AveragePool with a square window and equal pads, as {@link MaxPool2d} and {@link AvgPool2d}. */
    private static Variable pool(Attrs at, Variable x, boolean max) {
        at.require(x.shape().rank() == 4, "an input (N, C, H, W)", x.shape());
        long[] kernel = at.ints("kernel_shape", null);
        at.require(kernel != null && kernel.length == 2 && kernel[0] == kernel[1], "a square kernel_shape [k, k]", kernel);
        long[] strides = at.ints("strides", new long[] {1, 1});
        at.require(strides[0] == strides[1], "equal strides", strides);
        long[] pads = at.ints("pads", new long[4]);
        at.require(Arrays.stream(pads).allMatch(p -> p == pads[0]), "equal pads on all sides", pads);
        at.require(at.i("ceil_mode", 0) == 0, "ceil_mode = 0", at.i("ceil_mode", 0));
        at.require(Arrays.stream(at.ints("dilations", new long[] {1, 1})).allMatch(d -> d == 1), "dilations 1",
                at.ints("dilations", null));
        at.require(at.s("auto_pad", "NOTSET").equals("NOTSET"), "auto_pad NOTSET", at.s("auto_pad", ""));
        int k = (int) kernel[0];
        int s = (int) strides[0];
        int p = (int) pads[0];
        if (max) {
            return MaxPool2d.maxPool2d(x, k, s, p);
        }
        at.require(p == 0 || at.i("count_include_pad", 0) == 1, "count_include_pad = 1 with padding (Nabla averages"
                + " the padded zeros)", at.i("count_include_pad", 0));
        return AvgPool2d.avgPool2d(x, k, s, p);
    }

    private static Variable layerNorm(Attrs at, Variable x, Variable scale, Variable bias) {
        int r = x.shape().rank();
        long axis = at.i("axis", -1);
        int ax = (int) (axis < 0 ? axis + r : axis);
        at.require(ax >= 0 && ax < r, "an axis of the input " + x.shape(), axis);
        int[] shape = Arrays.copyOfRange(x.shape().dims(), ax, r);
        return LayerNorm.layerNorm(x, shape, scale, bias, at.f("epsilon", 1e-5));
    }
}
