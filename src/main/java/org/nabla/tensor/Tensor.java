package org.nabla.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable n-dimensional array of {@code double}s: the vectors, matrices and higher-order arrays
 * of linear algebra.
 *
 * <p>A tensor is storage + {@link Shape} + strides + offset: the element at multi-index (i₀, …, i_{n−1})
 * is {@code data[offset + Σₖ iₖ·strideₖ]}. Because nothing ever writes into a tensor after it is
 * built, {@link #reshape reshape} (of contiguous data), {@link #transpose transpose},
 * {@link #permute permute}, {@link #slice slice}, {@link #broadcastTo broadcastTo},
 * {@link #squeeze squeeze} and {@link #unsqueeze unsqueeze} are views that copy nothing, and
 * tensors may be shared freely between threads. Every other operation returns a new tensor.
 * A tensor built from a caller's array copies it.
 *
 * <p>Elementwise binary operations broadcast their operands as NumPy does (see {@link Shape#broadcast});
 * a shape mismatch throws an {@link IllegalArgumentException} naming the operation and both shapes.
 */
public final class Tensor implements ArrayOperations<Tensor> {
    final double[] data;
    final Shape shape;
    final int[] strides;
    final int offset;
    final boolean contiguous;

    static { // the kernels of org.nabla.tensor.internal (convolution, the running sum) build on this package's
        org.nabla.tensor.internal.TensorInternals.install(new InternalAccess());
    }

    Tensor(double[] data, Shape shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.contiguous = Strided.isContiguous(shape, strides);
    }

    /** Wraps a fresh row-major array without copying (the array must not be used afterwards). */
    static Tensor wrap(Shape shape, double[] data) {
        return new Tensor(data, shape, shape.contiguousStrides(), 0);
    }

    // ------------------------------------------------------------------ construction

    /** A 1-d tensor holding a copy of the values. */
    public static Tensor of(double... values) {
        return wrap(Shape.of(values.length), values.clone());
    }

    /** A 2-d tensor (matrix) from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return Creation.of(rows);
    }

    /** A tensor of the given shape holding a copy of the row-major values. */
    public static Tensor of(Shape shape, double... values) {
        return Creation.of(shape, values);
    }

    /**
     * A tensor whose row-major elements are written by {@code writer} into a fresh array of zeros,
     * which the tensor then owns without copying. This is how operations outside this package build
     * their results in one pass (an im2col, an optimizer step) without the defensive copy of
     * {@link #of(Shape, double...)}. The writer must not keep a reference to the array: after it
     * returns, the array belongs to an immutable tensor.
     */
    public static Tensor build(Shape shape, java.util.function.Consumer<double[]> writer) {
        double[] d = new double[shape.size()];
        writer.accept(d);
        return wrap(shape, d);
    }

    /** A tensor of the given shape holding a copy of the row-major values. */
    public static Tensor of(int[] shape, double... values) {
        return of(Shape.of(shape), values);
    }

    /** A 0-d tensor (scalar). */
    public static Tensor scalar(double value) {
        return wrap(Shape.SCALAR, new double[] {value});
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(Shape shape, double value) {
        return Creation.full(shape, value);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return full(Shape.of(shape), 0.0);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return full(shape, 0.0);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(Shape.of(shape), 1.0);
    }

    /** A tensor of ones. */
    public static Tensor ones(Shape shape) {
        return full(shape, 1.0);
    }

    /** The n×n identity matrix I. */
    public static Tensor eye(int n) {
        return Creation.eye(n);
    }

    /** The 1-d tensor 0, 1, …, n−1. */
    public static Tensor arange(int n) {
        return Creation.arange(n);
    }

    /**
     * The 1-d tensor start, start+step, … (values &lt; stop for step &gt; 0, &gt; stop for step &lt; 0):
     * ⌈(stop − start)/step⌉ values, as {@code numpy.arange}.
     *
     * @throws IllegalArgumentException when start, stop or step is NaN or infinite, step is 0, or the
     *     range holds more values than a tensor can ({@code arange(0.0, 1.0E12, 1.0): shape
     *     [1000000000000] has more than 2147483647 elements}, as {@link #zeros(int...)} says)
     */
    public static Tensor arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step);
    }

    /** n evenly spaced values from start to stop inclusive (both end points exact, as in NumPy). */
    public static Tensor linspace(double start, double stop, int n) {
        return Creation.linspace(start, stop, n);
    }

    /** Uniform draws from [low, high). */
    public static Tensor uniform(Rng rng, double low, double high, int... shape) {
        return Creation.uniform(rng, low, high, shape);
    }

    /** Uniform draws from [0, 1). */
    public static Tensor rand(Rng rng, int... shape) {
        return uniform(rng, 0.0, 1.0, shape);
    }

    /** Normal draws N(mean, std²). */
    public static Tensor normal(Rng rng, double mean, double std, int... shape) {
        return Creation.normal(rng, mean, std, shape);
    }

    /** Standard normal draws N(0, 1). */
    public static Tensor randn(Rng rng, int... shape) {
        return normal(rng, 0.0, 1.0, shape);
    }

    /** Bernoulli draws: 1 with probability p, else 0. */
    public static Tensor bernoulli(Rng rng, double p, int... shape) {
        return Creation.bernoulli(rng, p, shape);
    }

    /** A uniformly random permutation of 0, …, n−1 as a 1-d tensor. */
    public static Tensor permutation(Rng rng, int n) {
        return Creation.permutation(rng, n);
    }

    /**
     * One-hot encoding: row i has a 1 in column labels[i]. Shape (n, numClasses).
     *
     * @throws IllegalArgumentException when a label is outside [0, numClasses)
     */
    public static Tensor oneHot(int[] labels, int numClasses) {
        return Creation.oneHot(labels, numClasses);
    }

    // ------------------------------------------------------------------ accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** True when the elements lie in row-major order without gaps (views may not). */
    public boolean isContiguous() {
        return contiguous;
    }

    /** The element at a multi-index; negative indices count from the end of their axis. */
    public double get(int... index) {
        return Strided.get(this, index);
    }

    /** The value of a tensor with exactly one element. */
    public double item() {
        return Strided.item(this);
    }

    /** The value of a tensor with exactly one element (same as {@link #item()}). */
    public double toDouble() {
        return item();
    }

    /** A row-major copy of the elements. */
    public double[] toArray() {
        return Strided.toArray(this);
    }

    /** A copy of a 2-d tensor as rows. */
    public double[][] toArray2d() {
        return Strided.toArray2d(this);
    }

    /**
     * The elements in row-major order, without copying when the tensor is contiguous and starts at
     * offset 0. The returned array must be treated as read-only. Use in performance-critical code of
     * the library; prefer {@link #toArray()} elsewhere.
     */
    public double[] dataView() {
        return contiguous && offset == 0 && data.length == shape.size() ? data : toArray();
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return contiguous ? this : wrap(shape, Strided.gatherStrided(this));
    }

    // ------------------------------------------------------------------ elementwise binary

    /** Elementwise sum a + b (broadcasting). */
    public Tensor add(Tensor o) {
        return Pointwise.binary(this, o, "add", BinaryKernel.ADD, null);
    }

    /** Elementwise difference a − b (broadcasting). */
    public Tensor sub(Tensor o) {
        return Pointwise.binary(this, o, "sub", BinaryKernel.SUB, null);
    }

    /** Elementwise (Hadamard) product a ⊙ b (broadcasting). */
    public Tensor mul(Tensor o) {
        return Pointwise.binary(this, o, "mul", BinaryKernel.MUL, null);
    }

    /** Elementwise quotient a / b (broadcasting). */
    public Tensor div(Tensor o) {
        return Pointwise.binary(this, o, "div", BinaryKernel.DIV, null);
    }

    /** Elementwise power a^b (broadcasting), as {@link Math#pow}. */
    public Tensor pow(Tensor o) {
        return Pointwise.binary(this, o, "pow", BinaryKernel.FUNCTION, Math::pow);
    }

    /** Elementwise maximum (NaN propagates). */
    public Tensor maximum(Tensor o) {
        return Pointwise.binary(this, o, "maximum", BinaryKernel.FUNCTION, Math::max);
    }

    /** Elementwise minimum (NaN propagates). */
    public Tensor minimum(Tensor o) {
        return Pointwise.binary(this, o, "minimum", BinaryKernel.FUNCTION, Math::min);
    }

    /** 1 where a = b, else 0. */
    public Tensor eq(Tensor o) {
        return Pointwise.binary(this, o, "eq", BinaryKernel.FUNCTION, (x, y) -> x == y ? 1.0 : 0.0);
    }

    /** 1 where a ≠ b, else 0. */
    public Tensor ne(Tensor o) {
        return Pointwise.binary(this, o, "ne", BinaryKernel.FUNCTION, (x, y) -> x != y ? 1.0 : 0.0);
    }

    /** 1 where a &lt; b, else 0. */
    public Tensor lt(Tensor o) {
        return Pointwise.binary(this, o, "lt", BinaryKernel.FUNCTION, (x, y) -> x < y ? 1.0 : 0.0);
    }

    /** 1 where a ≤ b, else 0. */
    public Tensor le(Tensor o) {
        return Pointwise.binary(this, o, "le", BinaryKernel.FUNCTION, (x, y) -> x <= y ? 1.0 : 0.0);
    }

    /** 1 where a &gt; b, else 0. */
    public Tensor gt(Tensor o) {
        return Pointwise.binary(this, o, "gt", BinaryKernel.FUNCTION, (x, y) -> x > y ? 1.0 : 0.0);
    }

    /** 1 where a ≥ b, else 0. */
    public Tensor ge(Tensor o) {
        return Pointwise.binary(this, o, "ge", BinaryKernel.FUNCTION, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /** Elementwise f(a, b) with broadcasting; {@code op} names the operation in error messages. */
    public Tensor zipWith(Tensor o, String op, DoubleBinaryOperator f) {
        return Pointwise.binary(this, o, op, BinaryKernel.FUNCTION, f);
    }

    /** a + s. */
    public Tensor add(double s) {
        return Pointwise.scalar(this, BinaryKernel.ADD, s);
    }

    /** a − s. */
    public Tensor sub(double s) {
        return Pointwise.scalar(this, BinaryKernel.SUB, s);
    }

    /** a · s. */
    public Tensor mul(double s) {
        return Pointwise.scalar(this, BinaryKernel.MUL, s);
    }

    /** a / s. */
    public Tensor div(double s) {
        return Pointwise.scalar(this, BinaryKernel.DIV, s);
    }

    /** a^s elementwise. */
    public Tensor pow(double s) {
        return Pointwise.pow(this, s);
    }

    /** 1 where a &gt; s, else 0. */
    public Tensor gt(double s) {
        return Pointwise.gt(this, s);
    }

    /** 1 where a &lt; s, else 0. */
    public Tensor lt(double s) {
        return Pointwise.lt(this, s);
    }

    /** Selection: where(c, a, b)ᵢ = aᵢ if cᵢ ≠ 0 else bᵢ; all three broadcast together. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Pointwise.where(condition, a, b);
    }

    // ------------------------------------------------------------------ elementwise unary

    /** Elementwise f(a) (the common functions below have faster loops of their own than map's call per element). */
    public Tensor map(DoubleUnaryOperator f) {
        return Pointwise.map(this, f);
    }

    /** −a. */
    public Tensor neg() {
        return UnaryKernel.NEG.of(this);
    }

    /** |a|. */
    public Tensor abs() {
        return UnaryKernel.ABS.of(this);
    }

    /** e^a. */
    public Tensor exp() {
        return UnaryKernel.EXP.of(this);
    }

    /** ln a. */
    public Tensor log() {
        return UnaryKernel.LOG.of(this);
    }

    /** ln(1 + a), accurate for small a. */
    public Tensor log1p() {
        return map(Math::log1p);
    }

    /** e^a − 1, accurate for small a. */
    public Tensor expm1() {
        return map(Math::expm1);
    }

    /** √a. */
    public Tensor sqrt() {
        return UnaryKernel.SQRT.of(this);
    }

    /** a². */
    public Tensor square() {
        return UnaryKernel.SQUARE.of(this);
    }

    /** 1 / a. */
    public Tensor reciprocal() {
        return UnaryKernel.RECIPROCAL.of(this);
    }

    /** sin a. */
    public Tensor sin() {
        return map(Math::sin);
    }

    /** cos a. */
    public Tensor cos() {
        return map(Math::cos);
    }

    /** tanh a. */
    public Tensor tanh() {
        return UnaryKernel.TANH.of(this);
    }

    /** The logistic sigmoid σ(a) = 1 / (1 + e^(−a)), computed without overflow for either sign. */
    public Tensor sigmoid() {
        return UnaryKernel.SIGMOID.of(this);
    }

    /** σ(x) of one number, as {@link SpecialFunctions#sigmoid(double)}. */
    public static double sigmoid(double x) {
        return SpecialFunctions.sigmoid(x);
    }

    /** The error function erf(a). */
    public Tensor erf() {
        return map(SpecialFunctions::erf);
    }

    /** sign(a) ∈ {−1, 0, 1}. */
    public Tensor sign() {
        return map(Math::signum);
    }

    /** max(a, 0); NaN stays NaN. */
    public Tensor relu() {
        return UnaryKernel.RELU.of(this);
    }

    /** Clamps every element into [low, high]. */
    public Tensor clip(double low, double high) {
        return Pointwise.clip(this, low, high);
    }

    // ------------------------------------------------------------------ reductions

    /** Σ over the given axes (all axes when {@code axes} is null). */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reduction.sum(this, axes, keepDims);
    }

    /**
     * Arithmetic mean (Σ xᵢ)/N over the given axes (all when null), the definition of
     * {@link ArrayOperations#mean(int[], boolean)} with the same bits, except where that sum overflows
     * although every term is finite (the mean of [10³⁰⁸, 10³⁰⁸] is 10³⁰⁸): then the sum is taken
     * scaled, 2ᵏ · ((Σ xᵢ·2⁻ᵏ)/N) with 2ᵏ ≥ 2N, which cannot overflow (|Σ xᵢ·2⁻ᵏ| ≤ max |xᵢ|/2).
     */
    @Override
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reduction.mean(this, axes, keepDims);
    }

    /** Π over the given axes (all when null). */
    public Tensor prod(int[] axes, boolean keepDims) {
        return Reduction.prod(this, axes, keepDims);
    }

    /** Π of all elements. */
    public Tensor prod() {
        return prod(null, false);
    }

    /** Maximum over the given axes (all when null); NaN propagates. */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reduction.max(this, axes, keepDims);
    }

    /** Minimum over the given axes (all when null); NaN propagates. */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reduction.min(this, axes, keepDims);
    }

    /** Index of the first maximum along an axis (as doubles). */
    public Tensor argmax(int axis) {
        return Reduction.argmax(this, axis);
    }

    /** Index of the first minimum along an axis (as doubles). */
    public Tensor argmin(int axis) {
        return Reduction.argmin(this, axis);
    }

    /** Index of the first maximum over all elements (row-major). */
    public int argmax() {
        return Reduction.argmax(this);
    }

    /**
     * Variance (1/(N − c)) Σ (x − x̄)² over the given axes, {@link ArrayOperations#var(int[], boolean,
     * boolean) the composite} computed by a fused two-pass kernel that allocates no temporaries.
     */
    @Override
    public Tensor var(int[] axes, boolean unbiased, boolean keepDims) {
        return Reduction.var(this, axes, unbiased, keepDims);
    }

    /** log Σ exp(x), computed stably as m + log Σ exp(x − m) with m = max x (NaN and ±∞ propagate). */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return Reduction.logSumExp(this, axes, keepDims);
    }

    /** Euclidean (Frobenius) norm √(Σ x²) of all elements, scaled to avoid overflow. */
    public double norm() {
        return Reduction.norm(this);
    }

    /**
     * The p-norm ‖x‖_p = (Σ |xᵢ|ᵖ)^(1/p) over the given axes (all when null); p = ∞ gives max |xᵢ|.
     * Where Σ |xᵢ|ᵖ would overflow or underflow (‖[10²⁰⁰, 10²⁰⁰]‖₂ = 1.414·10²⁰⁰) it is computed
     * scaled, as s · (Σ (|xᵢ|/s)ᵖ)^(1/p) with s = max |xᵢ|, like {@link #norm()}; a NaN gives NaN and
     * otherwise an infinite element ∞. The norm of an empty slice is 0.
     */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        return Reduction.norm(this, p, axes, keepDims);
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product with NumPy semantics: for 2-d operands (m×k)(k×n) → m×n; a 1-d left operand is
     * a row vector and a 1-d right operand a column vector (the added axis is removed again); leading
     * (batch) axes broadcast.
     *
     * @throws IllegalArgumentException {@code matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5)}
     */
    public Tensor matmul(Tensor o) {
        return MatMul.matmul(this, o);
    }

    /** Inner product Σ aᵢbᵢ of two 1-d tensors of equal length. */
    public double dot(Tensor o) {
        return MatMul.dot(this, o);
    }

    /** Outer product a bᵀ of two 1-d tensors: shape (m, n). */
    public Tensor outer(Tensor o) {
        return MatMul.outer(this, o);
    }

    // ------------------------------------------------------------------ movement (views)

    /**
     * The same elements with another shape; one size may be −1 (inferred). A view when the data are
     * contiguous, otherwise a copy.
     */
    public Tensor reshape(int... newDims) {
        return Views.reshape(this, newDims);
    }

    /** Reorders the axes: result axis i is input axis perm[i] (a view). */
    public Tensor permute(int... perm) {
        return Views.permute(this, perm);
    }

    /**
     * Elements start, start+step, … (&lt; stop) along an axis, a view. Negative start/stop count from
     * the end; out-of-range bounds are clamped as in Python; step must be positive.
     */
    public Tensor slice(int axis, int start, int stop, int step) {
        return Views.slice(this, axis, start, stop, step);
    }

    /** The sub-tensor at index i of an axis, with that axis removed (a view). */
    public Tensor select(int axis, int index) {
        return Views.select(this, axis, index);
    }

    /**
     * The diagonal of a matrix A (m×n) shifted by {@code offset}, a view: (A_{i,i+k})_i for k ≥ 0
     * (above the main diagonal), (A_{i−k,i})_i for k &lt; 0 (below), of length
     * max(0, min(m, n − k)) resp. max(0, min(m + k, n)); as {@code torch.diagonal(A, offset=k)} and
     * {@code numpy.diagonal}. Matrices only (rank 2).
     */
    public Tensor diagonal(int offset) {
        return Views.diagonal(this, offset);
    }

    /**
     * A view of this tensor broadcast to {@code target}: axes of size 1 (and missing leading axes)
     * are repeated with stride 0.
     */
    public Tensor broadcastTo(Shape target) {
        return Views.broadcastTo(this, target);
    }

    /** Removes all axes of size 1 (a view). */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes one axis, which must have size 1 (a view). */
    public Tensor squeeze(int axis) {
        return Views.squeeze(this, axis);
    }

    /** Inserts an axis of size 1 at position {@code axis} (−1 appends) (a view). */
    public Tensor unsqueeze(int axis) {
        return Views.unsqueeze(this, axis);
    }

    // ------------------------------------------------------------------ joining, splitting, indexing

    /** Joins tensors along an existing axis; all other sizes must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Joining.concat(axis, parts);
    }

    /** Joins tensors along an existing axis; all other sizes must agree. */
    public static Tensor concat(int axis, List<Tensor> parts) {
        return Joining.concat(axis, parts);
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return Joining.stack(axis, parts);
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, List<Tensor> parts) {
        return Joining.stack(axis, parts);
    }

    /** Splits along an axis into pieces of the given sizes (which must add up to the axis size); views. */
    public List<Tensor> split(int axis, int... sizes) {
        return Joining.split(this, axis, sizes);
    }

    /** Splits along an axis into {@code n} equal pieces (views). */
    public List<Tensor> chunk(int axis, int n) {
        return Joining.chunk(this, axis, n);
    }

    /**
     * Picks entries along an axis: result[…, j, …] = this[…, indices[j], …].
     *
     * @throws IndexOutOfBoundsException naming the index, the axis and its size
     */
    public Tensor indexSelect(int axis, int... indices) {
        return Joining.indexSelect(this, axis, indices);
    }

    /**
     * torch.gather: out[i][j][k] = this[index[i][j][k]][j][k] for axis 0 (and likewise for other
     * axes). {@code index} has the same rank, its sizes at most this tensor's, and holds whole numbers.
     */
    public Tensor gather(int axis, Tensor index) {
        return Joining.gather(this, axis, index);
    }

    // ------------------------------------------------------------------ equality and printing

    /** Equal shape and equal values (NaN equals NaN; 0.0 equals −0.0). */
    @Override
    public boolean equals(Object o) {
        return Comparison.equals(this, o);
    }

    @Override
    public int hashCode() {
        return Comparison.hashCode(this);
    }

    /**
     * True when shapes are equal and |a − b| ≤ atol + rtol·|b| elementwise (NumPy's isclose; NaNs are
     * never close, an infinity is close only to the same infinity).
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        return Comparison.allClose(this, other, rtol, atol);
    }

    /** allClose with rtol = 1e-5, atol = 1e-8 (NumPy's defaults). */
    public boolean allClose(Tensor other) {
        return Comparison.allClose(this, other);
    }

    /**
     * Prints like NumPy: nested brackets, aligned columns; tensors with more than 1,000 elements are
     * summarized with "…" keeping three entries at each edge of every axis.
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
