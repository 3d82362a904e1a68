package org.nabla.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nabla.activation.ELU;
import org.nabla.activation.LeakyReLU;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.SELU;
import org.nabla.activation.Softmax;
import org.nabla.activation.Softplus;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.TensorData;
import org.nabla.io.onnx.Val.Attrs;
import org.nabla.tensor.Tensor;

/**
 * The elementwise, reduction and shape operators of the interpreter ({@link OnnxModule}), each the
 * Nabla operation with ONNX's semantics (onnx.ai/onnx/operators, opset 17): broadcasting as NumPy,
 * negative axes counted from the end, integer Div truncating.
 */
final class TensorOps {
    static final Set<String> OPERATORS = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Greater", "Less", "Equal", "Where",
            "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Erf", "Reciprocal", "Softplus", "Identity",
            "Dropout", "LeakyRelu", "PRelu", "Elu", "Selu", "HardSigmoid", "Clip", "Softmax", "LogSoftmax", "MatMul",
            "ReduceMean", "ReduceSum", "ReduceMax", "ReduceLogSumExp", "Reshape", "Flatten", "Transpose", "Slice",
            "Concat", "Gather", "Unsqueeze", "Squeeze", "Shape", "Constant", "ConstantOfShape", "Cast");

    private TensorOps() {
    }

    /** The outputs of node n on its inputs (null for an absent optional input). */
    static Val[] apply(Node n, Val[] in, Attrs at) {
        Val a = in.length > 0 ? in[0] : null;
        Variable x = a == null ? null : a.v();
        int t = a == null ? OnnxProto.DOUBLE : a.type();
        return switch (n.opType()) {
            case "Add" -> one(x.add(in[1].v()), t);
            case "Sub" -> one(x.sub(in[1].v()), t);
            case "Mul" -> one(x.mul(in[1].v()), t);
            case "Div" -> one(a.isInteger() ? Variable.constant(x.value().div(in[1].tensor()).map(d -> (double) (long) d))
                    : x.div(in[1].v()), t);
            case "Pow" -> one(in[1].tensor().rank() == 0 || in[1].tensor().size() == 1 ? x.pow(in[1].tensor().toArray()[0])
                    : x.pow(in[1].v()), t);
            case "Greater" -> one(Variable.constant(x.value().gt(in[1].tensor())), OnnxProto.BOOL);
            case "Less" -> one(Variable.constant(in[1].tensor().gt(x.value())), OnnxProto.BOOL);
            case "Equal" -> one(Variable.constant(x.value().sub(in[1].tensor()).map(d -> d == 0 ? 1.0 : 0.0)), OnnxProto.BOOL);
            case "Where" -> one(Variable.where(x.value(), in[1].v(), in[2].v()), in[1].type());
            case "Relu" -> one(x.relu(), t);
            case "Sigmoid" -> one(x.sigmoid(), t);
            case "Tanh" -> one(x.tanh(), t);
            case "Exp" -> one(x.exp(), t);
            case "Log" -> one(x.log(), t);
            case "Sqrt" -> one(x.sqrt(), t);
            case "Neg" -> one(x.neg(), t);
            case "Abs" -> one(x.abs(), t);
            case "Erf" -> one(x.erf(), t);
            case "Reciprocal" -> one(x.reciprocal(), t);
            case "Softplus" -> one(Softplus.softplus(x), t);
            case "Identity", "Dropout" -> dropout(n, a, at);
            case "LeakyRelu" -> one(LeakyReLU.leakyRelu(x, at.f("alpha", 0.01)), t);
            case "PRelu" -> one(Variable.where(x.value().gt(0.0), x, x.mul(in[1].v())), t);
            case "Elu" -> one(ELU.elu(x, at.f("alpha", 1.0)), t);
            case "Selu" -> one(selu(x, at), t);
            case "HardSigmoid" -> one(x.mul(at.f("alpha", 0.2)).add(at.f("beta", 0.5)).clip(0, 1), t);
            case "Clip" -> one(x.clip(in.length > 1 && in[1] != null ? in[1].tensor().item() : Double.NEGATIVE_INFINITY,
                    in.length > 2 && in[2] != null ? in[2].tensor().item() : Double.POSITIVE_INFINITY), t);
            case "Softmax" -> one(Softmax.softmax(x, (int) at.i("axis", -1)), t);
            case "LogSoftmax" -> one(LogSoftmax.logSoftmax(x, (int) at.i("axis", -1)), t);
            case "MatMul" -> one(x.matmul(in[1].v()), t);
            case "ReduceMean", "ReduceMax", "ReduceLogSumExp" -> one(reduce(n.opType(), x, reduceAxes(at.ints("axes", null), x),
                    at.i("keepdims", 1) != 0), t);
            case "ReduceSum" -> one(x.sum(reduceAxes(in.length > 1 && in[1] != null ? in[1].longs() : null, x),
                    at.i("keepdims", 1) != 0), t);
            case "Reshape" -> one(x.reshape(reshape(at, a.dims(), in[1].longs(), at.i("allowzero", 0) != 0)), t);
            case "Flatten" -> one(flatten(x, (int) at.i("axis", 1)), t);
            case "Transpose" -> one(x.permute(perm(at, a.dims().length)), t);
            case "Slice" -> one(slice(at, x, in), t);
            case "Concat" -> one(Variable.concat((int) at.i("axis", 0), present(in)), t);
            case "Gather" -> one(gather(x, in[1], (int) at.i("axis", 0)), t);
            case "Unsqueeze" -> one(unsqueeze(x, in[1].longs()), t);
            case "Squeeze" -> one(squeeze(x, in.length > 1 && in[1] != null ? in[1].longs() : null), t);
            case "Shape" -> one(shape(a, at), OnnxProto.INT64);
            case "Constant" -> constant(n, at);
            case "ConstantOfShape" -> constantOfShape(n, in[0]);
            case "Cast" -> cast(a, (int) at.i("to", OnnxProto.DOUBLE));
            default -> throw new IllegalStateException("TensorOps: " + n.opType() + " is listed but has no case");
        };
    }

    static Val[] one(Variable v, int type) {
        return new Val[] {new Val(v, type)};
    }

    private static Val[] dropout(Node n, Val a, Attrs at) {
        if (n.outputs().size() < 2) {
            return new Val[] {a};
        }
        return new Val[] {a, Val.constant(Tensor.ones(a.dims()), OnnxProto.BOOL)};
    }

    /** SELU's own constants when the attributes are their float roundings, else α and γ as given. */
    private static Variable selu(Variable x, Attrs at) {
        double alpha = at.f("alpha", SELU.ALPHA);
        double gamma = at.f("gamma", SELU.LAMBDA);
        if ((float) alpha == (float) SELU.ALPHA && (float) gamma == (float) SELU.LAMBDA) {
            return SELU.selu(x);
        }
        return ELU.elu(x, alpha).mul(gamma);
    }

    private static int[] reduceAxes(long[] axes, Variable x) {
        int r = x.shape().rank();
        if (axes == null || axes.length == 0) {
            int[] all = new int[r];
            for (int i = 0; i < r; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] ax = new int[axes.length];
        for (int i = 0; i < ax.length; i++) {
            ax[i] = (int) (axes[i] < 0 ? axes[i] + r : axes[i]);
        }
        return ax;
    }

    private static Variable reduce(String op, Variable x, int[] axes, boolean keep) {
        return switch (op) {
            case "ReduceMean" -> x.mean(axes, keep);
            case "ReduceMax" -> x.max(axes, keep);
            default -> x.logSumExp(axes, keep);
        };
    }

    private static int[] reshape(Attrs at, int[] in, long[] shape, boolean allowZero) {
        int[] r = new int[shape.length];
        for (int i = 0; i < r.length; i++) {
            if (shape[i] == 0 && !allowZero) {
                at.require(i < in.length, "a 0 in the target shape only where the input " + Arrays.toString(in)
                        + " has an axis", Arrays.toString(shape));
                r[i] = in[i];
            } else {
                r[i] = (int) shape[i];
            }
        }
        return r;
    }

    private static Variable flatten(Variable x, int axis) {
        int[] d = x.shape().dims();
        int ax = axis < 0 ? axis + d.length : axis;
        int rows = 1;
        for (int i = 0; i < ax; i++) {
            rows *= d[i];
        }
        return x.reshape(rows, rows == 0 ? 0 : x.shape().size() / rows);
    }

    private static int[] perm(Attrs at, int rank) {
        long[] p = at.ints("perm", null);
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) {
            r[i] = p == null ? rank - 1 - i : (int) p[i];
        }
        at.require(p == null || p.length == rank, "a permutation of " + rank + " axes", p);
        return r;
    }

    private static Variable slice(Attrs at, Variable x, Val[] in) {
        long[] starts = in[1].longs();
        long[] ends = in[2].longs();
        long[] axes = in.length > 3 && in[3] != null ? in[3].longs() : null;
        long[] steps = in.length > 4 && in[4] != null ? in[4].longs() : null;
        Variable y = x;
        int r = x.shape().rank();
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + r : axes[i]);
            long step = steps == null ? 1 : steps[i];
            at.require(step > 0, "positive slice steps", step);
            long n = x.shape().dim(axis);
            long s = Math.max(0, Math.min(n, starts[i] < 0 ? starts[i] + n : starts[i]));
            long e = Math.max(0, Math.min(n, ends[i] < 0 ? ends[i] + n : ends[i]));
            if (s == 0 && e == n && step == 1) {
                continue;
            }
            y = y.slice(axis, (int) s, (int) Math.max(s, e), (int) step);
        }
        return y;
    }

    private static List<Variable> present(Val[] in) {
        List<Variable> r = new ArrayList<>();
        for (Val v : in) {
            if (v != null) {
                r.add(v.v());
            }
        }
        return r;
    }

    /** out[i₀…, j…, k…] = data[i₀…, idx[j…], k…] along the axis (negative indices count from the end). */
    private static Variable gather(Variable data, Val indices, int axis) {
        int[] d = data.shape().dims();
        int ax = axis < 0 ? axis + d.length : axis;
        long[] idx = indices.longs();
        int[] flat = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            flat[i] = (int) (idx[i] < 0 ? idx[i] + d[ax] : idx[i]);
        }
        Variable picked = data.indexSelect(ax, flat);
        int[] id = indices.dims();
        int[] out = new int[d.length - 1 + id.length];
        System.arraycopy(d, 0, out, 0, ax);
        System.arraycopy(id, 0, out, ax, id.length);
        System.arraycopy(d, ax + 1, out, ax + id.length, d.length - ax - 1);
        return picked.reshape(out);
    }

    private static Variable unsqueeze(Variable x, long[] axes) {
        int r = x.shape().rank() + axes.length;
        long[] sorted = axes.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = sorted[i] < 0 ? sorted[i] + r : sorted[i];
        }
        Arrays.sort(sorted);
        Variable y = x;
        for (long a : sorted) {
            y = y.unsqueeze((int) a);
        }
        return y;
    }

    private static Variable squeeze(Variable x, long[] axes) {
        int[] d = x.shape().dims();
        List<Integer> drop = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (axes == null ? d[i] == 1 : contains(axes, i, d.length)) {
                drop.add(i);
            }
        }
        Variable y = x;
        for (int k = drop.size() - 1; k >= 0; k--) {
            y = y.squeeze(drop.get(k));
        }
        return y;
    }

    private static boolean contains(long[] axes, int i, int rank) {
        for (long a : axes) {
            if ((a < 0 ? a + rank : a) == i) {
                return true;
            }
        }
        return false;
    }

    private static Variable shape(Val a, Attrs at) {
        int[] d = a.dims();
        int r = d.length;
        long start = at.i("start", 0);
        long end = at.i("end", r);
        int s = (int) Math.max(0, Math.min(r, start < 0 ? start + r : start));
        int e = (int) Math.max(s, Math.min(r, end < 0 ? end + r : end));
        double[] v = new double[e - s];
        for (int i = s; i < e; i++) {
            v[i - s] = d[i];
        }
        return Variable.constant(Tensor.of(new int[] {v.length}, v));
    }

    private static Val[] constant(Node n, Attrs at) {
        TensorData t = n.attributes().containsKey("value") ? n.attributes().get("value").t() : null;
        if (t != null) {
            return new Val[] {Val.constant(Tensor.of(t.shape(), t.values()), t.dataType())};
        }
        if (at.has("value_float")) {
            return one(Variable.constant(Tensor.of(new int[0], at.f("value_float", 0))), OnnxProto.FLOAT);
        }
        if (at.has("value_int")) {
            return new Val[] {Val.ints(OnnxProto.INT64, new long[0], at.i("value_int", 0))};
        }
        if (at.has("value_ints")) {
            long[] v = at.ints("value_ints", new long[0]);
            return new Val[] {Val.ints(OnnxProto.INT64, new long[] {v.length}, v)};
        }
        throw at.error("a 'value', 'value_float', 'value_int' or 'value_ints' attribute");
    }

    private static Val[] constantOfShape(Node n, Val shape) {
        TensorData t = n.attributes().containsKey("value") ? n.attributes().get("value").t() : null;
        double v = t == null ? 0.0 : t.values()[0];
        int type = t == null ? OnnxProto.FLOAT : t.dataType();
        long[] s = shape.longs();
        int[] dims = new int[s.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) s[i];
        }
        return new Val[] {Val.constant(Tensor.full(org.nabla.tensor.Shape.of(dims), v), type)};
    }

    private static Val[] cast(Val a, int to) {
        boolean integer = to == OnnxProto.INT64 || to == OnnxProto.INT32 || to == OnnxProto.INT8 || to == OnnxProto.UINT8;
        if (integer && !a.isInteger()) {
            return one(Variable.constant(a.tensor().map(d -> (double) (long) d)), to);
        }
        if (to == OnnxProto.BOOL) {
            return one(Variable.constant(a.tensor().map(d -> d != 0 ? 1.0 : 0.0)), to);
        }
        return one(a.v(), to);
    }
}
