package org.nabla.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nabla.tensor.ArrayOperations;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A node of the computation graph: a {@link Tensor} value together with the {@link Operation} that
 * produced it (docs/design.md, decision 2).
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
public final class Variable implements ArrayOperations<Variable> {
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

    /** Σ over the given axes (null: all). */
    public Variable sum(int[] axes, boolean keepDims) {
        return new Reductions.Sum(axes == null ? null : axes.clone(), keepDims).apply(this);
    }

    /** Maximum over the given axes (null: all). */
    public Variable max(int[] axes, boolean keepDims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepDims, true).apply(this);
    }

    /** Minimum over the given axes (null: all). */
    public Variable min(int[] axes, boolean keepDims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepDims, false).apply(this);
    }

    /** log Σ exp over the given axes (null: all), computed stably. */
    public Variable logSumExp(int[] axes, boolean keepDims) {
        return new Reductions.LogSumExp(axes == null ? null : axes.clone(), keepDims).apply(this);
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
        Shape out = Shape.matmul(shape(), o.shape());
        Variable a = shape().rank() == 1 ? reshape(1, shape().dim(0)) : this;
        Variable b = o.shape().rank() == 1 ? o.reshape(o.shape().dim(0), 1) : o;
        Variable r = new MatrixProduct().apply(a, b);
        return shape().rank() == 1 || o.shape().rank() == 1 ? r.reshape(out.dims()) : r;
    }

    // ------------------------------------------------------------------ movement

    /** The same entries with another shape (one size may be −1). */
    public Variable reshape(int... dims) {
        if (Arrays.equals(dims, shape().dims())) {
            return this;
        }
        return new Movement.Reshape(dims.clone()).apply(this);
    }

    /** Reorders axes: result axis i is input axis perm[i]. */
    public Variable permute(int... perm) {
        return new Movement.Permute(perm.clone()).apply(this);
    }

    /** Entries start, start+step, … (&lt; stop) along an axis. */
    public Variable slice(int axis, int start, int stop, int step) {
        int ax = shape().axis(axis, "slice");
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        return new Movement.Slice(ax, start, stop, step).apply(this);
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

    /** The sub-variable at an index of an axis, with the axis removed. */
    public Variable select(int axis, int index) {
        int ax = shape().axis(axis, "select");
        int i = shape().index(ax, index, "select");
        return slice(ax, i, i + 1, 1).reshape(shape().without(ax).dims());
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
        return ReverseSweep.run(this, seed, createGraph, observer);
    }

    /** Shape, values and the producing operation, e.g. {@code Variable(exp, tensor([1.0000, 2.7183]))}. */
    @Override
    public String toString() {
        String kind = producer != null ? producer.name()
                : parameter != null ? "parameter " + parameter.name() : requiresGrad ? "leaf" : "constant";
        return "Variable(" + kind + ", " + value + ")";
    }
}
