package org.nabla.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.TensorAccumulator;

/**
 * A node of the computation graph: a {@link Tensor} value together with the {@link Operation} that
 * produced it (DESIGN, decision 2).
 *
 * <p>Leaves are constants (no gradient), {@link #leaf(Tensor) leaf variables} and
 * {@link Parameter#variable() parameters}. Every operation on variables that depend on a leaf
 * records its inputs; {@link #backward()} then runs one reverse sweep — the chain rule applied in
 * reverse topological order — and returns the {@link Gradients}:
 * <pre>
 *   x̄ᵢ = Σ over the uses j of xᵢ of  x̄ⱼᵀ ∂xⱼ/∂xᵢ,   starting from  L̄ = 1.
 * </pre>
 * A variable used twice accumulates the cotangents of both uses (x·x gives 2x).
 *
 * <p>Variables are immutable. The sweep is iterative (a chain of 100,000 operations needs no deep
 * stack). Printing shows the shape, the values and the producing operation.
 */
public final class Variable {
    private final Tensor value;
    private final Operation producer;
    private final boolean requiresGrad;
    private final Parameter parameter;

    private Variable(Tensor value, Operation producer, boolean requiresGrad, Parameter parameter) {
        this.value = value;
        this.producer = producer;
        this.requiresGrad = requiresGrad;
        this.parameter = parameter;
    }

    /** The output of a recorded operation. */
    Variable(Tensor value, Operation producer) {
        this(value, producer, true, null);
    }

    /** The leaf of a parameter. */
    Variable(Tensor value, Parameter parameter) {
        this(value, null, true, parameter);
    }

    /** A constant: no gradient flows into it. */
    public static Variable constant(Tensor value) {
        return new Variable(value, null, false, null);
    }

    /** A scalar constant. */
    public static Variable constant(double value) {
        return constant(Tensor.scalar(value));
    }

    /** A leaf that requires a gradient: an independent variable of the function being differentiated. */
    public static Variable leaf(Tensor value) {
        return new Variable(value, null, true, null);
    }

    /** The value. */
    public Tensor value() {
        return value;
    }

    /** The shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** The value of a one-element variable. */
    public double item() {
        return value.item();
    }

    /** True when some leaf requiring a gradient lies below this variable. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for constants, leaves and parameters (variables not produced by a recorded operation). */
    public boolean isLeaf() {
        return producer == null;
    }

    /** The operation that produced this variable, or null for a leaf. */
    public Operation producer() {
        return producer;
    }

    /** The parameter this leaf stands for, or null. */
    public Parameter parameter() {
        return parameter;
    }

    /** The same value as a constant, cut from the graph. */
    public Variable detach() {
        return constant(value);
    }

    // ------------------------------------------------------------------ arithmetic

    private static Variable c(double v) {
        return constant(Tensor.scalar(v));
    }

    /** this + o (broadcasting). */
    public Variable add(Variable o) {
        return new Arithmetic.Add().apply(this, o);
    }

    /** this + s. */
    public Variable add(double s) {
        return add(c(s));
    }

    /** this − o (broadcasting). */
    public Variable sub(Variable o) {
        return new Arithmetic.Sub().apply(this, o);
    }

    /** this − s. */
    public Variable sub(double s) {
        return sub(c(s));
    }

    /** s − this. */
    public Variable rsub(double s) {
        return c(s).sub(this);
    }

    /** this ⊙ o (broadcasting). */
    public Variable mul(Variable o) {
        return new Arithmetic.Mul().apply(this, o);
    }

    /** this · s. */
    public Variable mul(double s) {
        return mul(c(s));
    }

    /** this / o (broadcasting). */
    public Variable div(Variable o) {
        return new Arithmetic.Div().apply(this, o);
    }

    /** this / s. */
    public Variable div(double s) {
        return div(c(s));
    }

    /** this^o elementwise (broadcasting). */
    public Variable pow(Variable o) {
        return new Arithmetic.Pow().apply(this, o);
    }

    /** this^s elementwise. */
    public Variable pow(double s) {
        if (s == 2.0) {
            return square();
        }
        return pow(c(s));
    }

    /** max(this, o) elementwise (ties share the gradient equally). */
    public Variable maximum(Variable o) {
        return new Arithmetic.Maximum(true).apply(this, o);
    }

    /** min(this, o) elementwise (ties share the gradient equally). */
    public Variable minimum(Variable o) {
        return new Arithmetic.Maximum(false).apply(this, o);
    }

    /** where(c, a, b): a where the (constant) condition is non-zero, else b. */
    public static Variable where(Variable condition, Variable a, Variable b) {
        return new Arithmetic.Where(condition.value()).apply(a, b);
    }

    /** where(c, a, b) with a condition tensor. */
    public static Variable where(Tensor condition, Variable a, Variable b) {
        return new Arithmetic.Where(condition).apply(a, b);
    }

    // ------------------------------------------------------------------ unary

    /** −this. */
    public Variable neg() {
        return new Elementwise.Neg().apply(this);
    }

    /** e^this. */
    public Variable exp() {
        return new Elementwise.Exp().apply(this);
    }

    /** ln this. */
    public Variable log() {
        return new Elementwise.Log().apply(this);
    }

    /** ln(1 + this). */
    public Variable log1p() {
        return new Elementwise.Log1p().apply(this);
    }

    /** e^this − 1. */
    public Variable expm1() {
        return new Elementwise.Expm1().apply(this);
    }

    /** √this. */
    public Variable sqrt() {
        return new Elementwise.Sqrt().apply(this);
    }

    /** this². */
    public Variable square() {
        return new Elementwise.Square().apply(this);
    }

    /** 1 / this. */
    public Variable reciprocal() {
        return new Elementwise.Reciprocal().apply(this);
    }

    /** sin this. */
    public Variable sin() {
        return new Elementwise.Sin().apply(this);
    }

    /** cos this. */
    public Variable cos() {
        return new Elementwise.Cos().apply(this);
    }

    /** tanh this. */
    public Variable tanh() {
        return new Elementwise.Tanh().apply(this);
    }

    /** σ(this) = 1 / (1 + e^(−this)). */
    public Variable sigmoid() {
        return new Elementwise.Sigmoid().apply(this);
    }

    /** max(this, 0). */
    public Variable relu() {
        return new Elementwise.Relu().apply(this);
    }

    /** |this|. */
    public Variable abs() {
        return new Elementwise.Abs().apply(this);
    }

    /** erf(this). */
    public Variable erf() {
        return new Elementwise.Erf().apply(this);
    }

    /** this clamped into [low, high]. */
    public Variable clip(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip: expected low ≤ high, got low = " + low + ", high = " + high);
        }
        return new Elementwise.Clip(low, high).apply(this);
    }

    // ------------------------------------------------------------------ reductions

    /** Σ of all entries (0-d). */
    public Variable sum() {
        return sum(null, false);
    }

    /** Σ over the given axes (null: all). */
    public Variable sum(int[] axes, boolean keepDims) {
        return new Reductions.Sum(axes == null ? null : axes.clone(), keepDims).apply(this);
    }

    /** Σ over one axis. */
    public Variable sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /** Σ over one axis, keeping it with size 1 when keepDims. */
    public Variable sum(int axis, boolean keepDims) {
        return sum(new int[] {axis}, keepDims);
    }

    /** Number of entries reduced over the given axes. */
    private int count(int[] axes) {
        if (axes == null) {
            return shape().size();
        }
        int n = 1;
        for (int a : axes) {
            n *= shape().dim(a);
        }
        return n;
    }

    /** Mean of all entries (0-d). */
    public Variable mean() {
        return mean(null, false);
    }

    /** Mean over the given axes (null: all): (1/N) Σ x. */
    public Variable mean(int[] axes, boolean keepDims) {
        return sum(axes, keepDims).div(count(axes));
    }

    /** Mean over one axis. */
    public Variable mean(int axis) {
        return mean(new int[] {axis}, false);
    }

    /** Mean over one axis, keeping it with size 1 when keepDims. */
    public Variable mean(int axis, boolean keepDims) {
        return mean(new int[] {axis}, keepDims);
    }

    /**
     * Variance over the given axes: (1/(N − c)) Σ (x − x̄)², c = 1 when unbiased (Bessel's
     * correction), else 0. Written from primitives.
     */
    public Variable var(int[] axes, boolean unbiased, boolean keepDims) {
        int n = count(axes);
        Variable centered = sub(mean(axes, true));
        return centered.square().sum(axes, keepDims).div(unbiased ? n - 1 : n);
    }

    /** Maximum over the given axes (null: all). */
    public Variable max(int[] axes, boolean keepDims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepDims, true).apply(this);
    }

    /** Maximum of all entries. */
    public Variable max() {
        return max(null, false);
    }

    /** Maximum over one axis. */
    public Variable max(int axis) {
        return max(new int[] {axis}, false);
    }

    /** Minimum over the given axes (null: all). */
    public Variable min(int[] axes, boolean keepDims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepDims, false).apply(this);
    }

    /** log Σ exp over the given axes (null: all), computed stably. */
    public Variable logSumExp(int[] axes, boolean keepDims) {
        return new Reductions.LogSumExp(axes == null ? null : axes.clone(), keepDims).apply(this);
    }

    /** log Σ exp over one axis. */
    public Variable logSumExp(int axis) {
        return logSumExp(new int[] {axis}, false);
    }

    // ------------------------------------------------------------------ matmul

    /**
     * A Bᵀ for matrices A = this (m × k) and B = {@code b} (n × k): the product of a linear layer,
     * y = x Wᵀ. The same values as {@code matmul(b.transpose())}; the gradient of B comes out in B's
     * own layout ({@link MatrixProductTransposed}).
     *
     * @throws IllegalArgumentException unless both are matrices with the same number of columns
     */
    public Variable matmulTransposed(Variable b) {
        if (shape().rank() != 2 || b.shape().rank() != 2 || shape().dim(1) != b.shape().dim(1)) {
            throw new IllegalArgumentException("matmulTransposed: expected matrices A (m, k) and B (n, k), got "
                    + shape() + " and " + b.shape());
        }
        return new MatrixProductTransposed().apply(this, b);
    }

    /** Matrix product with NumPy semantics (1-d operands promoted and the added axis removed). */
    public Variable matmul(Variable o) {
        if (shape().rank() == 0 || o.shape().rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least 1 axis, got " + shape() + " @ "
                    + o.shape());
        }
        Variable a = shape().rank() == 1 ? reshape(1, shape().dim(0)) : this;
        Variable b = o.shape().rank() == 1 ? o.reshape(o.shape().dim(0), 1) : o;
        if (a.shape().dim(-1) != b.shape().dim(-2)) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + shape() + " @ " + o.shape() + " ("
                    + a.shape().dim(-1) + " != " + b.shape().dim(-2) + ")");
        }
        Variable r = new MatrixProduct().apply(a, b);
        if (shape().rank() == 1 || o.shape().rank() == 1) {
            int[] d = r.shape().dims();
            int[] keep = new int[d.length];
            int k = 0;
            for (int i = 0; i < d.length; i++) {
                boolean drop = (shape().rank() == 1 && i == d.length - 2) || (o.shape().rank() == 1 && i == d.length - 1);
                if (!drop) {
                    keep[k++] = d[i];
                }
            }
            r = r.reshape(Arrays.copyOf(keep, k));
        }
        return r;
    }

    // ------------------------------------------------------------------ movement

    /** The same entries with another shape (one size may be −1). */
    public Variable reshape(int... dims) {
        if (Arrays.equals(dims, shape().dims())) {
            return this;
        }
        return new Movement.Reshape(dims.clone()).apply(this);
    }

    /** All entries as a 1-d variable. */
    public Variable flatten() {
        return reshape(shape().size());
    }

    /** Reorders axes: result axis i is input axis perm[i]. */
    public Variable permute(int... perm) {
        return new Movement.Permute(perm.clone()).apply(this);
    }

    /** Swaps two axes. */
    public Variable transpose(int axis1, int axis2) {
        int r = shape().rank();
        int a = shape().axis(axis1, "transpose");
        int b = shape().axis(axis2, "transpose");
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Transpose of the last two axes (Aᵀ for a matrix). */
    public Variable transpose() {
        if (shape().rank() < 2) {
            throw new IllegalArgumentException("transpose: expected at least 2 axes, got shape " + shape());
        }
        return transpose(-2, -1);
    }

    /** Entries start, start+step, … (&lt; stop) along an axis. */
    public Variable slice(int axis, int start, int stop, int step) {
        int ax = shape().axis(axis, "slice");
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        return new Movement.Slice(ax, start, stop, step).apply(this);
    }

    /** Entries start … stop−1 along an axis. */
    public Variable slice(int axis, int start, int stop) {
        return slice(axis, start, stop, 1);
    }

    /**
     * The diagonal of a matrix shifted by {@code offset}, as {@link Tensor#diagonal(int)}: the
     * entries k, k + n + 1, k + 2(n + 1), … of the flattened m×n matrix (k the flat index of the
     * first entry), so the vector-Jacobian product is the cotangent scattered back onto that
     * diagonal, zeros elsewhere (the strided slice's own backward rule, differentiable again).
     */
    public Variable diagonal(int offset) {
        int len = value().diagonal(offset).size();
        int n = shape().dim(1);
        if (len == 0) {
            return flatten().slice(0, 0, 0);
        }
        int start = offset >= 0 ? offset : -offset * n;
        return flatten().slice(0, start, start + (len - 1) * (n + 1) + 1, n + 1);
    }

    /** The main diagonal of a matrix ({@link #diagonal(int) diagonal(0)}). */
    public Variable diagonal() {
        return diagonal(0);
    }

    /** The trace tr A = Σᵢ A_{ii} of a matrix; ∂ tr A / ∂A = I (the m×n identity pattern). */
    public Variable trace() {
        if (shape().rank() != 2) {
            throw new IllegalArgumentException("trace: expected a matrix (rank 2), got shape " + shape());
        }
        return diagonal(0).sum();
    }

    /** The sub-variable at an index of an axis, with the axis removed. */
    public Variable select(int axis, int index) {
        int ax = shape().axis(axis, "select");
        int n = shape().dim(ax);
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for axis " + ax
                    + " of size " + n + " (shape " + shape() + ")");
        }
        int i = index < 0 ? index + n : index;
        int[] d = shape().dims();
        int[] nd = new int[d.length - 1];
        for (int k = 0, j = 0; k < d.length; k++) {
            if (k != ax) {
                nd[j++] = d[k];
            }
        }
        return slice(ax, i, i + 1, 1).reshape(nd);
    }

    /** Repeats along axes of size 1 (and new leading axes) to the target shape. */
    public Variable broadcastTo(Shape target) {
        if (shape().equals(target)) {
            return this;
        }
        if (!shape().broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + shape() + " cannot be broadcast to " + target);
        }
        return new Movement.BroadcastTo(target).apply(this);
    }

    /** broadcastTo with sizes. */
    public Variable broadcastTo(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** Inserts an axis of size 1. */
    public Variable unsqueeze(int axis) {
        return reshape(value.unsqueeze(axis).dims());
    }

    /** Removes an axis of size 1. */
    public Variable squeeze(int axis) {
        return reshape(value.squeeze(axis).dims());
    }

    /** Joins variables along an existing axis. */
    public static Variable concat(int axis, Variable... parts) {
        return concat(axis, Arrays.asList(parts));
    }

    /** Joins variables along an existing axis. */
    public static Variable concat(int axis, List<Variable> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: expected at least one variable");
        }
        int ax = parts.get(0).shape().axis(axis, "concat");
        return new Movement.Concat(ax).apply(parts.toArray(new Variable[0]));
    }

    /** Stacks variables of equal shape along a new axis. */
    public static Variable stack(int axis, Variable... parts) {
        return stack(axis, Arrays.asList(parts));
    }

    /** Stacks variables of equal shape along a new axis. */
    public static Variable stack(int axis, List<Variable> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: expected at least one variable");
        }
        Shape s = parts.get(0).shape();
        List<Variable> u = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).shape().equals(s)) {
                throw new IllegalArgumentException("stack: variable " + i + " has shape " + parts.get(i).shape()
                        + " but variable 0 has shape " + s + " (expected equal shapes)");
            }
            u.add(parts.get(i).unsqueeze(axis));
        }
        int ax = axis < 0 ? axis + s.rank() + 1 : axis;
        return concat(ax, u);
    }

    /** torch.gather along an axis with a constant index tensor (whole numbers). */
    public Variable gather(int axis, Tensor index) {
        int ax = shape().axis(axis, "gather");
        value.gather(ax, index); // validates indices with a clear message before recording
        return new Movement.Gather(ax, index).apply(this);
    }

    /** Picks entries along an axis: result[…, j, …] = this[…, indices[j], …]. */
    public Variable indexSelect(int axis, int... indices) {
        int ax = shape().axis(axis, "indexSelect");
        int n = shape().dim(ax);
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + indices[j] + " at position " + j
                        + " is out of range for axis " + ax + " of size " + n + " (shape " + shape() + ")");
            }
        }
        return new Movement.IndexSelect(ax, indices.clone()).apply(this);
    }

    // ------------------------------------------------------------------ backward

    /** ∂this/∂(every leaf) for a scalar (one-element) variable. */
    public Gradients backward() {
        return backward(false);
    }

    /**
     * ∂this/∂(every leaf) for a scalar variable; with {@code createGraph} the gradients carry a graph
     * of their own and can be differentiated again.
     */
    public Gradients backward(boolean createGraph) {
        if (shape().size() != 1) {
            throw new IllegalArgumentException("backward: output has shape " + shape()
                    + "; backward() without a seed needs a scalar (one-element) output — pass a seed (cotangent) of shape "
                    + shape());
        }
        return backward(constant(Tensor.ones(shape())), createGraph);
    }

    /** The vector-Jacobian products seedᵀ ∂this/∂(every leaf), for an output of any shape. */
    public Gradients backward(Tensor seed) {
        return backward(constant(seed), false);
    }

    /**
     * The vector-Jacobian products seedᵀ ∂this/∂(leaf); with {@code createGraph} the result is
     * differentiable (also with respect to the seed, if it requires a gradient).
     */
    public Gradients backward(Variable seed, boolean createGraph) {
        return backward(seed, createGraph, null);
    }

    /**
     * Watches a reverse sweep: told the complete cotangent v̄ = ∂(seedᵀ output)/∂v of every node v
     * the sweep visits, once per node, when v̄ is final (all uses of v have contributed). Used to
     * draw intermediate gradients (org.nabla.viz); the sweep itself is unchanged.
     */
    @FunctionalInterface
    public interface SweepObserver {
        /** The node and its final cotangent (shaped like the node). */
        void cotangent(Variable node, Variable cotangent);
    }

    /**
     * {@link #backward(Variable, boolean)} with an observer that is told every node's cotangent
     * (null: none, the default of every other overload). The nodes visited are those that require a
     * gradient and lie on a path to this variable; constants are not visited.
     */
    public Gradients backward(Variable seed, boolean createGraph, SweepObserver observer) {
        if (!seed.shape().equals(shape())) {
            throw new IllegalArgumentException("backward: seed has shape " + seed.shape() + " but the output has shape "
                    + shape() + " (expected equal shapes)");
        }
        if (!requiresGrad) {
            return Gradients.empty();
        }
        List<Variable> order = topologicalOrder();
        Map<Variable, CotangentSum> cotangent = new IdentityHashMap<>();
        Map<Object, CotangentSum> leaves = new IdentityHashMap<>();
        cotangent.put(this, new CotangentSum(seed, createGraph));
        boolean previous = GradMode.set(createGraph);
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Variable v = order.get(i);
                CotangentSum sum = cotangent.remove(v);
                if (sum == null) {
                    continue;
                }
                Variable g = sum.total();
                if (observer != null) {
                    observer.cotangent(v, g);
                }
                if (v.producer == null) {
                    CotangentSum r = leaves.get(Gradients.key(v));
                    if (r == null) {
                        leaves.put(Gradients.key(v), new CotangentSum(g, createGraph));
                    } else {
                        r.add(g);
                    }
                    continue;
                }
                Operation op = v.producer;
                if (!createGraph && op instanceof Movement.Slice && !Anomaly.isEnabled()) {
                    // the cotangent of a slice goes straight into the sliced input's sum, at the sliced
                    // positions: no tensor of zeros the size of the input per slice (the gates of a
                    // recurrent cell, the time steps of a sequence, the heads of attention)
                    Variable in = op.input(0);
                    if (in.requiresGrad) {
                        CotangentSum acc = cotangent.get(in);
                        if (acc == null) {
                            acc = new CotangentSum(in.shape());
                            cotangent.put(in, acc);
                        }
                        ((Movement.Slice) op).addCotangent(g.value, acc.blocks());
                    }
                    continue;
                }
                if (!createGraph && op instanceof MatrixProductTransposed && !Anomaly.isEnabled()
                        && op.input(0).shape().rank() == 2 && op.input(1).requiresGrad) {
                    // the weight's cotangent C̄ᵀA is summed straight into its running sum (one product
                    // of the concatenated matrices over all uses, no weight-sized tensor per use)
                    Variable w = op.input(1);
                    CotangentSum wSum = cotangent.get(w);
                    if (wSum == null) {
                        wSum = new CotangentSum(w.shape());
                        cotangent.put(w, wSum);
                    }
                    Tensor ga = ((MatrixProductTransposed) op).backwardInto(g.value, wSum.blocks());
                    Variable x = op.input(0);
                    if (ga != null && x.requiresGrad) {
                        CotangentSum acc = cotangent.get(x);
                        if (acc == null) {
                            cotangent.put(x, new CotangentSum(constant(ga), false));
                        } else {
                            acc.add(constant(ga));
                        }
                    }
                    continue;
                }
                Variable[] inputGrads = Anomaly.isEnabled() ? backwardChecked(op, g) : op.backward(g);
                for (int k = 0; k < inputGrads.length; k++) {
                    Variable in = op.input(k);
                    Variable gk = inputGrads[k];
                    if (gk == null || !in.requiresGrad) {
                        continue;
                    }
                    gk = Operation.sumToShape(gk, in.shape());
                    if (Anomaly.isEnabled()) {
                        Anomaly.check("backward", op.name(), gk.value, op.inputs());
                    }
                    CotangentSum acc = cotangent.get(in);
                    if (acc == null) {
                        cotangent.put(in, new CotangentSum(gk, createGraph));
                    } else {
                        acc.add(gk);
                    }
                }
            }
            Map<Object, Variable> result = new IdentityHashMap<>();
            for (Map.Entry<Object, CotangentSum> e : leaves.entrySet()) {
                result.put(e.getKey(), e.getValue().total());
            }
            return new Gradients(result);
        } finally {
            GradMode.set(previous);
        }
    }

    /**
     * The sum of the cotangents reaching one node (the multivariable chain rule adds those of all its
     * uses), in the order they arrive. Without a graph of the gradient the terms are added in place into
     * one buffer ({@link TensorAccumulator}: the same bits as adding them pairwise, without the
     * intermediate tensors); with one, by {@link #add}, so that the sum is itself differentiable.
     */
    private static final class CotangentSum {
        private final boolean createGraph;
        private Variable single;
        private TensorAccumulator buffer;

        CotangentSum(Variable first, boolean createGraph) {
            this.single = first;
            this.createGraph = createGraph;
        }

        /** An empty sum (zeros) of the given shape, without a graph, for cotangents added as blocks. */
        CotangentSum(Shape shape) {
            this.createGraph = false;
            this.buffer = new TensorAccumulator(shape);
        }

        /** The in-place sum, for adding blocks (a sum without a graph of the gradient only). */
        TensorAccumulator blocks() {
            if (buffer == null) {
                buffer = new TensorAccumulator(single.value);
                single = null;
            }
            return buffer;
        }

        void add(Variable g) {
            if (createGraph) {
                single = single.add(g);
                return;
            }
            if (buffer == null) {
                buffer = new TensorAccumulator(single.value);
                single = null;
            }
            buffer.add(g.value);
        }

        Variable total() {
            if (buffer != null) {
                single = Variable.constant(buffer.sum());
                buffer = null;
            }
            return single;
        }
    }

    /**
     * op.backward(g) in anomaly mode: a NaN or infinity made by one of the operations that compute the
     * vector-Jacobian product (e.g. the 'div' inside sqrt's rule) is reported as coming from the backward
     * of {@code op}, the operation the user wrote.
     */
    private static Variable[] backwardChecked(Operation op, Variable g) {
        try {
            return op.backward(g);
        } catch (ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("anomaly: backward of operation ")) {
                throw e;
            }
            Variable[] in = op.inputs();
            String[] shapes = new String[in.length];
            for (int k = 0; k < in.length; k++) {
                shapes[k] = in[k].shape().toString();
            }
            ArithmeticException wrapped = new ArithmeticException("anomaly: backward of operation '" + op.name()
                    + "' (input shapes " + Arrays.toString(shapes) + ") failed: " + e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    /** Variables that require a gradient, inputs before the operations that use them (iterative DFS). */
    private List<Variable> topologicalOrder() {
        List<Variable> order = new ArrayList<>();
        Map<Variable, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Variable> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        visited.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Variable v = stack.peek();
            int k = next.pop();
            Operation op = v.producer;
            int n = op == null ? 0 : op.inputCount();
            boolean descended = false;
            while (k < n) {
                Variable in = op.input(k++);
                if (in.requiresGrad && visited.put(in, Boolean.TRUE) == null) {
                    next.push(k);
                    stack.push(in);
                    next.push(0);
                    descended = true;
                    break;
                }
            }
            if (!descended) {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }

    /** Shape, values and the producing operation, e.g. {@code Variable(exp, tensor([1.0000, 2.7183]))}. */
    @Override
    public String toString() {
        String kind = producer != null ? producer.name()
                : parameter != null ? "parameter " + parameter.name() : requiresGrad ? "leaf" : "constant";
        return "Variable(" + kind + ", " + value + ")";
    }
}
