package org.nabla.tensor;

import java.util.ArrayList;
import java.util.Arrays;
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
public final class Tensor {
    final double[] data;
    final Shape shape;
    final int[] strides;
    final int offset;
    private final boolean contiguous;

    Tensor(double[] data, Shape shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.contiguous = isContiguous(shape, strides);
    }

    /** Wraps a fresh row-major array without copying (the array must not be used afterwards). */
    static Tensor wrap(Shape shape, double[] data) {
        return new Tensor(data, shape, shape.contiguousStrides(), 0);
    }

    private static boolean isContiguous(Shape shape, int[] strides) {
        int[] d = shape.dimsUnsafe();
        int s = 1;
        for (int i = d.length - 1; i >= 0; i--) {
            if (d[i] != 1 && strides[i] != s) {
                return false;
            }
            s *= d[i];
        }
        return true;
    }

    // ------------------------------------------------------------------ construction

    /** A 1-d tensor holding a copy of the values. */
    public static Tensor of(double... values) {
        return wrap(Shape.of(values.length), values.clone());
    }

    /** A 2-d tensor (matrix) from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int m = rows.length;
        int n = m == 0 ? 0 : rows[0].length;
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has length " + rows[i].length
                        + " but row 0 has length " + n + " (expected rows of equal length)");
            }
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return wrap(Shape.of(m, n), d);
    }

    /** A tensor of the given shape holding a copy of the row-major values. */
    public static Tensor of(Shape shape, double... values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("Tensor.of: shape " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
        return wrap(shape, values.clone());
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
        double[] d = new double[shape.size()];
        if (Double.doubleToRawLongBits(value) != 0L) { // +0.0 is the array's default; −0.0 is not
            Arrays.fill(d, value);
        }
        return wrap(shape, d);
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
        if (n < 0) {
            throw new IllegalArgumentException("eye: n must be ≥ 0, got " + n);
        }
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return wrap(Shape.of(n, n), d);
    }

    /** The 1-d tensor 0, 1, …, n−1. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be ≥ 0, got " + n);
        }
        return arange(0, n, 1);
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
        String call = "arange(" + start + ", " + stop + ", " + step + ")";
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException(call + ": start, stop and step must be finite numbers");
        }
        double count = Math.max(0, Math.ceil((stop - start) / step));
        if (!(count <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(call + ": shape [" + (Double.isInfinite(count) ? "∞"
                    : new java.math.BigDecimal(count).toPlainString()) + "] has more than " + Integer.MAX_VALUE
                    + " elements");
        }
        int n = (int) count;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return wrap(Shape.of(n), d);
    }

    /** n evenly spaced values from start to stop inclusive (both end points exact, as in NumPy). */
    public static Tensor linspace(double start, double stop, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: n must be ≥ 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = stop;
        }
        return wrap(Shape.of(n), d);
    }

    /** Uniform draws from [low, high). */
    public static Tensor uniform(Rng rng, double low, double high, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(low, high);
        }
        return wrap(s, d);
    }

    /** Uniform draws from [0, 1). */
    public static Tensor rand(Rng rng, int... shape) {
        return uniform(rng, 0.0, 1.0, shape);
    }

    /** Normal draws N(mean, std²). */
    public static Tensor normal(Rng rng, double mean, double std, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.normal(mean, std);
        }
        return wrap(s, d);
    }

    /** Standard normal draws N(0, 1). */
    public static Tensor randn(Rng rng, int... shape) {
        return normal(rng, 0.0, 1.0, shape);
    }

    /** Bernoulli draws: 1 with probability p, else 0. */
    public static Tensor bernoulli(Rng rng, double p, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.bernoulli(p);
        }
        return wrap(s, d);
    }

    /** A uniformly random permutation of 0, …, n−1 as a 1-d tensor. */
    public static Tensor permutation(Rng rng, int n) {
        int[] p = rng.permutation(n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = p[i];
        }
        return wrap(Shape.of(n), d);
    }

    /**
     * One-hot encoding: row i has a 1 in column labels[i]. Shape (n, numClasses).
     *
     * @throws IllegalArgumentException when a label is outside [0, numClasses)
     */
    public static Tensor oneHot(int[] labels, int numClasses) {
        double[] d = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at position " + i
                        + " is out of range (expected 0 ≤ label < " + numClasses + ")");
            }
            d[i * numClasses + labels[i]] = 1.0;
        }
        return wrap(Shape.of(labels.length, numClasses), d);
    }

    // ------------------------------------------------------------------ accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The sizes of the axes (a copy). */
    public int[] dims() {
        return shape.dims();
    }

    /** Number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Size of one axis (negative axes count from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** True when the elements lie in row-major order without gaps (views may not). */
    public boolean isContiguous() {
        return contiguous;
    }

    /** The element at a multi-index; negative indices count from the end of their axis. */
    public double get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: expected " + shape.rank() + " indices for shape " + shape
                    + ", got " + index.length);
        }
        int p = offset;
        int[] d = shape.dimsUnsafe();
        for (int k = 0; k < index.length; k++) {
            int i = index[k];
            if (i < -d[k] || i >= d[k]) {
                throw new IndexOutOfBoundsException("get: index " + i + " is out of range for axis " + k
                        + " of size " + d[k] + " (shape " + shape + ")");
            }
            if (i < 0) {
                i += d[k];
            }
            p += i * strides[k];
        }
        return data[p];
    }

    /** The value of a tensor with exactly one element. */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + shape.size()
                    + " elements (expected exactly 1)");
        }
        return data[offset];
    }

    /** The value of a tensor with exactly one element (same as {@link #item()}). */
    public double toDouble() {
        return item();
    }

    /** A row-major copy of the elements. */
    public double[] toArray() {
        if (contiguous) {
            return Arrays.copyOfRange(data, offset, offset + shape.size());
        }
        return gatherStrided();
    }

    /** A copy of a 2-d tensor as rows. */
    public double[][] toArray2d() {
        if (rank() != 2) {
            throw new IllegalStateException("toArray2d: expected a 2-d tensor, got shape " + shape);
        }
        int m = dim(0);
        int n = dim(1);
        double[] flat = toArray();
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, i * n, r[i], 0, n);
        }
        return r;
    }

    /**
     * The elements in row-major order, without copying when the tensor is contiguous and starts at
     * offset 0. The returned array must be treated as read-only. Use in performance-critical code of
     * the library; prefer {@link #toArray()} elsewhere.
     */
    public double[] dataView() {
        if (contiguous && offset == 0 && data.length == shape.size()) {
            return data;
        }
        return toArray();
    }

    private double[] gatherStrided() {
        return copyOrAddStrided(new double[shape.size()], false);
    }

    /**
     * dst[i] += this[i] for every element i in row-major order ({@code dst.length == size()}), reading
     * any strides in place: the in-place step of {@link TensorAccumulator}.
     */
    void addTo(double[] dst) {
        if (contiguous) {
            for (int i = 0, q = offset; i < dst.length; i++, q++) {
                dst[i] += data[q];
            }
        } else {
            copyOrAddStrided(dst, true);
        }
    }

    /** out[k] = this[k] (accumulate false) or out[k] += this[k] (true), k in row-major order. */
    private double[] copyOrAddStrided(double[] out, boolean accumulate) {
        int n = shape.size();
        int r = shape.rank();
        if (n == 0) {
            return out;
        }
        int[] d = shape.dimsUnsafe();
        if (r == 0) {
            out[0] = accumulate ? out[0] + data[offset] : data[offset];
            return out;
        }
        int[] idx = new int[r];
        int last = r - 1;
        int inner = d[last];
        int innerStride = strides[last];
        int p = offset;
        int k = 0;
        if (r >= 2 && innerStride != 1 && d[last - 1] >= TRANSPOSE_TILE && inner >= TRANSPOSE_TILE) {
            return copyOrAddTransposed(out, accumulate);
        }
        while (true) {
            if (accumulate) {
                for (int j = 0, q = p; j < inner; j++, q += innerStride) {
                    out[k++] += data[q];
                }
            } else {
                for (int j = 0, q = p; j < inner; j++, q += innerStride) {
                    out[k++] = data[q];
                }
            }
            p = advance(idx, last - 1, p);
            if (p < 0) {
                return out;
            }
        }
    }

    /**
     * Advances the multi-index idx over axes 0 … top by one step in row-major order (the last of them
     * fastest) and returns the matching data position, starting from position p; −1 when the index
     * wraps around, i.e. after the last element.
     */
    private int advance(int[] idx, int top, int p) {
        int[] d = shape.dimsUnsafe();
        for (int ax = top; ax >= 0; ax--) {
            idx[ax]++;
            p += strides[ax];
            if (idx[ax] < d[ax]) {
                return p;
            }
            p -= strides[ax] * d[ax];
            idx[ax] = 0;
        }
        return -1;
    }

    /** Side of the square tiles in which {@link #copyOrAddTransposed} copies. */
    private static final int TRANSPOSE_TILE = 16;

    /**
     * copyOrAddStrided when the last axis is not contiguous (typically a transposed view): the last two
     * axes are copied in TRANSPOSE_TILE × TRANSPOSE_TILE tiles, reading each tile along the source's
     * contiguous direction, so that the lines a tile touches stay in the L1 cache (a row-by-row copy
     * would touch a new line for every element, and with power-of-two strides of 4 KiB or more every
     * one of them would compete for the same cache set).
     */
    private double[] copyOrAddTransposed(double[] out, boolean accumulate) {
        int[] d = shape.dimsUnsafe();
        int r = d.length;
        int rows = d[r - 2];
        int cols = d[r - 1];
        int rs = strides[r - 2];
        int cs = strides[r - 1];
        int outer = shape.size() / (rows * cols);
        int[] idx = new int[Math.max(0, r - 2)];
        int p = offset;
        for (int o = 0, k = 0; o < outer; o++, k += rows * cols) {
            for (int i0 = 0; i0 < rows; i0 += TRANSPOSE_TILE) {
                int i1 = Math.min(rows, i0 + TRANSPOSE_TILE);
                for (int j0 = 0; j0 < cols; j0 += TRANSPOSE_TILE) {
                    int j1 = Math.min(cols, j0 + TRANSPOSE_TILE);
                    if (Math.abs(rs) < Math.abs(cs)) {
                        // the source runs along i (a transposed view): read down the tile's columns
                        for (int j = j0; j < j1; j++) {
                            int src = p + j * cs;
                            int dst = k + j;
                            if (accumulate) {
                                for (int i = i0; i < i1; i++) {
                                    out[dst + i * cols] += data[src + i * rs];
                                }
                            } else {
                                for (int i = i0; i < i1; i++) {
                                    out[dst + i * cols] = data[src + i * rs];
                                }
                            }
                        }
                    } else {
                        for (int i = i0; i < i1; i++) {
                            int src = p + i * rs;
                            int dst = k + i * cols;
                            if (accumulate) {
                                for (int j = j0; j < j1; j++) {
                                    out[dst + j] += data[src + j * cs];
                                }
                            } else {
                                for (int j = j0; j < j1; j++) {
                                    out[dst + j] = data[src + j * cs];
                                }
                            }
                        }
                    }
                }
            }
            p = advance(idx, r - 3, p); // the next position of the leading axes (−1 after the last)
        }
        return out;
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return contiguous ? this : wrap(shape, gatherStrided());
    }

    // ------------------------------------------------------------------ elementwise binary

    // Operation codes of the elementwise kernels: the four arithmetic operations get loops of their own
    // (so that the JIT compiles each to tight, and where possible vectorized, code); others call f.
    private static final int GENERIC = 0;
    private static final int ADD = 1;
    private static final int SUB = 2;
    private static final int MUL = 3;
    private static final int DIV = 4;

    /**
     * Elementwise f(a, b) with broadcasting. Broadcast operands are never materialized: each operand
     * is read through its own strides (0 along broadcast axes), a row at a time.
     */
    private Tensor binary(Tensor o, String op, int code, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(shape, o.shape, op);
        int n = out.size();
        double[] r = new double[n];
        if (n == 0) {
            return wrap(out, r);
        }
        if (contiguous && o.contiguous && shape.equals(o.shape)) {
            if (offset == 0 && o.offset == 0) {
                zipFlat(code, f, data, o.data, r, n);
            } else {
                zipStrided(code, f, data, offset, 1, o.data, o.offset, 1, r, 0, n);
            }
            return wrap(out, r);
        }
        // align both operands to the output's axes; then merge axes that are contiguous for both
        int rank = out.rank();
        int[] dims = out.dims();
        int[] sa = alignedStrides(this, out);
        int[] sb = alignedStrides(o, out);
        int k = 0; // number of merged axes
        for (int i = 0; i < rank; i++) {
            if (dims[i] == 1) {
                continue; // size-1 axes never move the position
            }
            if (k > 0 && sa[k - 1] == sa[i] * dims[i] && sb[k - 1] == sb[i] * dims[i]) {
                dims[k - 1] *= dims[i];
                sa[k - 1] = sa[i];
                sb[k - 1] = sb[i];
            } else {
                dims[k] = dims[i];
                sa[k] = sa[i];
                sb[k] = sb[i];
                k++;
            }
        }
        if (k == 0) { // a single element
            r[0] = apply(code, f, data[offset], o.data[o.offset]);
            return wrap(out, r);
        }
        int inner = dims[k - 1];
        int ia = sa[k - 1];
        int ib = sb[k - 1];
        int[] idx = new int[k];
        int pa = offset;
        int pb = o.offset;
        for (int pr = 0; pr < n; pr += inner) {
            zipStrided(code, f, data, pa, ia, o.data, pb, ib, r, pr, inner);
            for (int ax = k - 2; ax >= 0; ax--) { // advance the outer index (row-major odometer)
                pa += sa[ax];
                pb += sb[ax];
                if (++idx[ax] < dims[ax]) {
                    break;
                }
                pa -= sa[ax] * dims[ax];
                pb -= sb[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
        return wrap(out, r);
    }

    /** The strides of t's elements along the axes of {@code out} (0 where t is broadcast). */
    private static int[] alignedStrides(Tensor t, Shape out) {
        int r = out.rank();
        int[] st = new int[r];
        int shift = r - t.rank();
        int[] d = t.shape.dimsUnsafe();
        for (int i = 0; i < t.rank(); i++) {
            st[i + shift] = d[i] == 1 ? 0 : t.strides[i];
        }
        return st;
    }

    private static double apply(int code, DoubleBinaryOperator f, double x, double y) {
        switch (code) {
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            case DIV:
                return x / y;
            default:
                return f.applyAsDouble(x, y);
        }
    }

    /** r[i] = a[i] ∘ b[i]: all arrays indexed from 0, the loop form HotSpot vectorizes. */
    private static void zipFlat(int code, DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
        switch (code) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + b[i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - b[i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * b[i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] / b[i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    r[i] = f.applyAsDouble(a[i], b[i]);
                }
        }
    }

    /** r[ro + j] = a[ao + j·sa] ∘ b[bo + j·sb] for j &lt; len. */
    private static void zipStrided(int code, DoubleBinaryOperator f, double[] a, int ao, int sa,
                                   double[] b, int bo, int sb, double[] r, int ro, int len) {
        if (sa == 1 && sb == 1 && code != GENERIC) { // rows of views (slices of a wider tensor): unit strides
            zipRows(code, a, ao, b, bo, r, ro, len);
            return;
        }
        switch (code) {
            case ADD:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j * sa] + b[bo + j * sb];
                }
                break;
            case SUB:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j * sa] - b[bo + j * sb];
                }
                break;
            case MUL:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j * sa] * b[bo + j * sb];
                }
                break;
            case DIV:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j * sa] / b[bo + j * sb];
                }
                break;
            default:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = f.applyAsDouble(a[ao + j * sa], b[bo + j * sb]);
                }
        }
    }

    /** {@link #zipStrided} with both strides 1: loops without a multiplication in the index. */
    private static void zipRows(int code, double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
        switch (code) {
            case ADD:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j] + b[bo + j];
                }
                break;
            case SUB:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j] - b[bo + j];
                }
                break;
            case MUL:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j] * b[bo + j];
                }
                break;
            default:
                for (int j = 0; j < len; j++) {
                    r[ro + j] = a[ao + j] / b[bo + j];
                }
        }
    }

    /** Elementwise sum a + b (broadcasting). */
    public Tensor add(Tensor o) {
        return binary(o, "add", ADD, null);
    }

    /** Elementwise difference a − b (broadcasting). */
    public Tensor sub(Tensor o) {
        return binary(o, "sub", SUB, null);
    }

    /** Elementwise (Hadamard) product a ⊙ b (broadcasting). */
    public Tensor mul(Tensor o) {
        return binary(o, "mul", MUL, null);
    }

    /** Elementwise quotient a / b (broadcasting). */
    public Tensor div(Tensor o) {
        return binary(o, "div", DIV, null);
    }

    /** Elementwise power a^b (broadcasting), as {@link Math#pow}. */
    public Tensor pow(Tensor o) {
        return binary(o, "pow", GENERIC, Math::pow);
    }

    /** Elementwise maximum (NaN propagates). */
    public Tensor maximum(Tensor o) {
        return binary(o, "maximum", GENERIC, Math::max);
    }

    /** Elementwise minimum (NaN propagates). */
    public Tensor minimum(Tensor o) {
        return binary(o, "minimum", GENERIC, Math::min);
    }

    /** 1 where a = b, else 0. */
    public Tensor eq(Tensor o) {
        return binary(o, "eq", GENERIC, (x, y) -> x == y ? 1.0 : 0.0);
    }

    /** 1 where a ≠ b, else 0. */
    public Tensor ne(Tensor o) {
        return binary(o, "ne", GENERIC, (x, y) -> x != y ? 1.0 : 0.0);
    }

    /** 1 where a &lt; b, else 0. */
    public Tensor lt(Tensor o) {
        return binary(o, "lt", GENERIC, (x, y) -> x < y ? 1.0 : 0.0);
    }

    /** 1 where a ≤ b, else 0. */
    public Tensor le(Tensor o) {
        return binary(o, "le", GENERIC, (x, y) -> x <= y ? 1.0 : 0.0);
    }

    /** 1 where a &gt; b, else 0. */
    public Tensor gt(Tensor o) {
        return binary(o, "gt", GENERIC, (x, y) -> x > y ? 1.0 : 0.0);
    }

    /** 1 where a ≥ b, else 0. */
    public Tensor ge(Tensor o) {
        return binary(o, "ge", GENERIC, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /** Elementwise f(a, b) with broadcasting; {@code op} names the operation in error messages. */
    public Tensor zipWith(Tensor o, String op, DoubleBinaryOperator f) {
        return binary(o, op, GENERIC, f);
    }

    /** a + s. */
    public Tensor add(double s) {
        return scalarOp(ADD, s);
    }

    /** a − s. */
    public Tensor sub(double s) {
        return scalarOp(SUB, s);
    }

    /** a · s. */
    public Tensor mul(double s) {
        return scalarOp(MUL, s);
    }

    /** a / s. */
    public Tensor div(double s) {
        return scalarOp(DIV, s);
    }

    private Tensor scalarOp(int code, double s) {
        int n = shape.size();
        double[] a = contiguous && offset == 0 ? data : toArray(); // indexed from 0: vectorizable loops
        double[] r = new double[n];
        switch (code) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + s;
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - s;
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * s;
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] / s;
                }
        }
        return wrap(shape, r);
    }

    /** a^s elementwise. */
    public Tensor pow(double s) {
        if (s == 2.0) {
            return square();
        }
        return map(x -> Math.pow(x, s));
    }

    /** 1 where a &gt; s, else 0. */
    public Tensor gt(double s) {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            int hit = src[i] > s ? 1 : 0; // an int select compiles without a branch (a double one did not)
            r[i] = hit;
        }
        return wrap(shape, r);
    }

    /** 1 where a &lt; s, else 0. */
    public Tensor lt(double s) {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            int hit = src[i] < s ? 1 : 0; // an int select compiles without a branch (a double one did not)
            r[i] = hit;
        }
        return wrap(shape, r);
    }

    /**
     * Selection: where(c, a, b)ᵢ = aᵢ if cᵢ ≠ 0 else bᵢ; all three broadcast together.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape out = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, "where"), b.shape, "where");
        double[] c = condition.broadcastTo(out).toArray();
        double[] x = a.broadcastTo(out).toArray();
        double[] y = b.broadcastTo(out).toArray();
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = c[i] != 0.0 ? x[i] : y[i];
        }
        return wrap(out, r);
    }

    // ------------------------------------------------------------------ elementwise unary

    /**
     * Elementwise f(a). The common functions (comparisons with a scalar, −a, |a|, eᵃ, ln a, √a, a²,
     * 1/a, tanh, σ, ReLU) have loops of their own instead of calling map: once map has been used with
     * several functions, its loop calls f through an interface per element, which costs several times
     * the arithmetic (measured: ReLU of 301,056 elements 9.5 ns per element through map, 3 in a loop).
     */
    public Tensor map(DoubleUnaryOperator f) {
        int n = shape.size();
        double[] src = contiguous ? data : gatherStrided();
        int o = contiguous ? offset : 0;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.applyAsDouble(src[o + i]);
        }
        return wrap(shape, r);
    }

    /** −a. */
    public Tensor neg() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = -src[i];
        }
        return wrap(shape, r);
    }

    /** |a|. */
    public Tensor abs() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(src[i]);
        }
        return wrap(shape, r);
    }

    /** e^a. */
    public Tensor exp() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.exp(src[i]);
        }
        return wrap(shape, r);
    }

    /** ln a. */
    public Tensor log() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(src[i]);
        }
        return wrap(shape, r);
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
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sqrt(src[i]);
        }
        return wrap(shape, r);
    }

    /** a². */
    public Tensor square() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = src[i] * src[i];
        }
        return wrap(shape, r);
    }

    /** 1 / a. */
    public Tensor reciprocal() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1.0 / src[i];
        }
        return wrap(shape, r);
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
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.tanh(src[i]);
        }
        return wrap(shape, r);
    }

    /** The logistic sigmoid σ(a) = 1 / (1 + e^(−a)), computed without overflow for either sign. */
    public Tensor sigmoid() {
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = sigmoid(src[i]);
        }
        return wrap(shape, r);
    }

    /** σ(x) = 1 / (1 + e^(−x)); for x &lt; 0 computed as e^x / (1 + e^x) to avoid overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
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
        double[] src = dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.max(src[i], 0.0);
        }
        return wrap(shape, r);
    }

    /** Clamps every element into [low, high]. */
    public Tensor clip(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip: expected low ≤ high, got low = " + low + ", high = " + high);
        }
        return map(x -> x < low ? low : (x > high ? high : x));
    }

    // ------------------------------------------------------------------ reductions

    private int[] normalizeAxes(int[] axes, String op) {
        if (axes == null) {
            int[] all = new int[rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[rank()];
        for (int i = 0; i < axes.length; i++) {
            r[i] = shape.axis(axes[i], op);
            if (seen[r[i]]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " is repeated in "
                        + Arrays.toString(axes) + " for shape " + shape);
            }
            seen[r[i]] = true;
        }
        Arrays.sort(r);
        return r;
    }

    /** Interface for a reduction over a contiguous row segment. */
    @FunctionalInterface
    private interface RowReducer {
        double reduce(double[] src, int from, int len);
    }

    /**
     * Reduces the given axes: the data are permuted so the reduced axes come last, then each row of
     * length R = Π(reduced sizes) is folded by {@code f}.
     */
    private Tensor reduce(int[] axes, boolean keepDims, String op, RowReducer f) {
        int[] ax = normalizeAxes(axes, op);
        int r = rank();
        boolean[] red = new boolean[r];
        for (int a : ax) {
            red[a] = true;
        }
        int[] perm = new int[r];
        int k = 0;
        List<Integer> outDims = new ArrayList<>();
        int[] keptDims = new int[r];
        for (int i = 0; i < r; i++) {
            if (!red[i]) {
                perm[k++] = i;
                outDims.add(dim(i));
            }
        }
        int rowLen = 1;
        for (int i = 0; i < r; i++) {
            if (red[i]) {
                perm[k++] = i;
                rowLen *= dim(i);
            }
        }
        for (int i = 0; i < r; i++) {
            keptDims[i] = red[i] ? 1 : dim(i);
        }
        Shape outShape = keepDims ? Shape.of(keptDims) : Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray());
        int rows = outShape.size();
        double[] src = ax.length == r || isIdentity(perm) ? dataView() : permute(perm).toArray();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = f.reduce(src, i * rowLen, rowLen);
        }
        return wrap(outShape, out);
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static double sumRow(double[] s, int from, int len) {
        double acc = 0.0;
        for (int i = from, e = from + len; i < e; i++) {
            acc += s[i];
        }
        return acc;
    }

    /** Σ of all elements, as a 0-d tensor. */
    public Tensor sum() {
        return sum(null, false);
    }

    /** Σ over the given axes (all axes when {@code axes} is null). */
    public Tensor sum(int[] axes, boolean keepDims) {
        Tensor leading = sumLeadingAxes(axes, keepDims, "sum");
        return leading != null ? leading : reduce(axes, keepDims, "sum", Tensor::sumRow);
    }

    /**
     * Σ over the leading axes 0 … q−1 (q &lt; rank) of a contiguous tensor, e.g. the batch axis of a
     * gradient: viewed as an R×K matrix, the rows are added into one accumulator row in order
     * i = 0, 1, …, R−1, which is the order of {@link #sumRow}, so the bits are the same as by the
     * general path (which would first transpose the data). Null when the case does not apply.
     */
    private Tensor sumLeadingAxes(int[] axes, boolean keepDims, String op) {
        if (axes == null || !contiguous) {
            return null;
        }
        int[] ax = normalizeAxes(axes, op);
        int q = ax.length;
        if (q == 0 || q == rank() || ax[q - 1] != q - 1) {
            return null;
        }
        int[] d = shape.dimsUnsafe();
        int rows = 1;
        for (int i = 0; i < q; i++) {
            rows *= d[i];
        }
        int cols = shape.size() / Math.max(rows, 1);
        if (rows == 0) {
            cols = 1;
            for (int i = q; i < d.length; i++) {
                cols *= d[i];
            }
        }
        double[] acc = new double[cols];
        for (int i = 0, base = offset; i < rows; i++, base += cols) {
            for (int j = 0; j < cols; j++) {
                acc[j] += data[base + j];
            }
        }
        int[] outDims;
        if (keepDims) {
            outDims = d.clone();
            Arrays.fill(outDims, 0, q, 1);
        } else {
            outDims = Arrays.copyOfRange(d, q, d.length);
        }
        return wrap(Shape.of(outDims), acc);
    }

    /** Σ over one axis. */
    public Tensor sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /** Σ over one axis, keeping it with size 1 when {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return sum(new int[] {axis}, keepDims);
    }

    /** Arithmetic mean of all elements. */
    public Tensor mean() {
        return mean(null, false);
    }

    /**
     * Arithmetic mean over the given axes (all when null): the sum divided by the number of terms,
     * (Σ xᵢ)/n. Where that sum overflows although every term is finite (the mean of [10³⁰⁸, 10³⁰⁸] is
     * 10³⁰⁸), the sum is taken scaled by a power of two, 2ᵏ · ((Σ xᵢ·2⁻ᵏ)/n) with 2ᵏ ≥ 2n, which is the
     * same sum to within rounding and cannot overflow (|Σ xᵢ·2⁻ᵏ| ≤ max |xᵢ|/2);
     * an infinite or NaN term gives the infinite or NaN mean of the formula.
     */
    public Tensor mean(int[] axes, boolean keepDims) {
        Tensor leading = sumLeadingAxes(axes, keepDims, "mean");
        if (leading != null) {
            int count = 1;
            for (int a : axes) {
                count *= dim(a);
            }
            Tensor m = leading.div((double) count);
            if (allFinite(m.data)) {
                return m;
            }
        }
        return reduce(axes, keepDims, "mean", Tensor::meanRow);
    }

    private static boolean allFinite(double[] d) {
        for (double v : d) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double meanRow(double[] s, int from, int n) {
        double sum = sumRow(s, from, n);
        if (Double.isFinite(sum)) {
            return sum / n;
        }
        // Σ xᵢ·2⁻ᵏ with 2ᵏ ≥ 2n is exact scaling (no rounding but of terms that become subnormal,
        // negligible beside a sum that overflowed) and at most max |xᵢ|/2, so it cannot overflow
        int k = 65 - Long.numberOfLeadingZeros(n);
        double scaled = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            if (!Double.isFinite(s[i])) {
                return sum / n; // the formula's own ∞ or NaN
            }
            scaled += Math.scalb(s[i], -k);
        }
        return Math.scalb(scaled / n, k);
    }

    /** Arithmetic mean over one axis. */
    public Tensor mean(int axis) {
        return mean(new int[] {axis}, false);
    }

    /** Arithmetic mean over one axis, keeping it with size 1 when {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return mean(new int[] {axis}, keepDims);
    }

    /** Π over the given axes (all when null). */
    public Tensor prod(int[] axes, boolean keepDims) {
        return reduce(axes, keepDims, "prod", (s, f, n) -> {
            double acc = 1.0;
            for (int i = f; i < f + n; i++) {
                acc *= s[i];
            }
            return acc;
        });
    }

    /** Π of all elements. */
    public Tensor prod() {
        return prod(null, false);
    }

    private void requireNonEmpty(int[] axes, String op) {
        int[] ax = normalizeAxes(axes, op);
        for (int a : ax) {
            if (dim(a) == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over axis " + a + " of size 0 (shape "
                        + shape + ")");
            }
        }
        if (shape.size() == 0 && ax.length == rank()) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + shape);
        }
    }

    /** Maximum over the given axes (all when null); NaN propagates. */
    public Tensor max(int[] axes, boolean keepDims) {
        requireNonEmpty(axes, "max");
        return reduce(axes, keepDims, "max", (s, f, n) -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = f; i < f + n; i++) {
                if (s[i] > m || Double.isNaN(s[i])) {
                    m = s[i];
                    if (Double.isNaN(m)) {
                        break;
                    }
                }
            }
            return m;
        });
    }

    /** Maximum of all elements. */
    public Tensor max() {
        return max(null, false);
    }

    /** Maximum over one axis. */
    public Tensor max(int axis) {
        return max(new int[] {axis}, false);
    }

    /** Minimum over the given axes (all when null); NaN propagates. */
    public Tensor min(int[] axes, boolean keepDims) {
        requireNonEmpty(axes, "min");
        return reduce(axes, keepDims, "min", (s, f, n) -> {
            double m = Double.POSITIVE_INFINITY;
            for (int i = f; i < f + n; i++) {
                if (s[i] < m || Double.isNaN(s[i])) {
                    m = s[i];
                    if (Double.isNaN(m)) {
                        break;
                    }
                }
            }
            return m;
        });
    }

    /** Minimum of all elements. */
    public Tensor min() {
        return min(null, false);
    }

    /** Minimum over one axis. */
    public Tensor min(int axis) {
        return min(new int[] {axis}, false);
    }

    /** Index of the first maximum along an axis (as doubles). */
    public Tensor argmax(int axis) {
        requireNonEmpty(new int[] {axis}, "argmax");
        return reduce(new int[] {axis}, false, "argmax", (s, f, n) -> {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s[f + i] > s[f + best]) {
                    best = i;
                }
            }
            return best;
        });
    }

    /** Index of the first minimum along an axis (as doubles). */
    public Tensor argmin(int axis) {
        requireNonEmpty(new int[] {axis}, "argmin");
        return reduce(new int[] {axis}, false, "argmin", (s, f, n) -> {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s[f + i] < s[f + best]) {
                    best = i;
                }
            }
            return best;
        });
    }

    /** Index of the first maximum over all elements (row-major). */
    public int argmax() {
        requireNonEmpty(null, "argmax");
        double[] d = dataView();
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Variance over the given axes: (1/(N − c)) Σ (x − x̄)², with Bessel's correction c = 1 when
     * {@code unbiased}, else c = 0. Computed in two passes (mean, then squared deviations).
     */
    public Tensor var(int[] axes, boolean unbiased, boolean keepDims) {
        return reduce(axes, keepDims, "var", (s, f, n) -> {
            double m = sumRow(s, f, n) / n;
            double acc = 0.0;
            for (int i = f; i < f + n; i++) {
                double d = s[i] - m;
                acc += d * d;
            }
            return acc / (unbiased ? n - 1 : n);
        });
    }

    /** Variance of all elements. */
    public Tensor var(boolean unbiased) {
        return var(null, unbiased, false);
    }

    /** Standard deviation √var over the given axes. */
    public Tensor std(int[] axes, boolean unbiased, boolean keepDims) {
        return var(axes, unbiased, keepDims).sqrt();
    }

    /** Standard deviation of all elements. */
    public Tensor std(boolean unbiased) {
        return std(null, unbiased, false);
    }

    /**
     * log Σ exp(x) over the given axes, computed stably as m + log Σ exp(x − m) with m = max x
     * (−∞ for an all −∞ row, +∞ if any element is +∞, NaN if any element is NaN).
     */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return reduce(axes, keepDims, "logSumExp", Tensor::logSumExpRow);
    }

    /** log Σ exp(x) over one axis. */
    public Tensor logSumExp(int axis) {
        return logSumExp(new int[] {axis}, false);
    }

    static double logSumExpRow(double[] s, int f, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = f; i < f + n; i++) {
            if (s[i] > m) {
                m = s[i];
            } else if (Double.isNaN(s[i])) {
                return Double.NaN;
            }
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double acc = 0.0;
        for (int i = f; i < f + n; i++) {
            acc += Math.exp(s[i] - m);
        }
        return m + Math.log(acc);
    }

    /** Euclidean (Frobenius) norm √(Σ x²) of all elements, scaled to avoid overflow. */
    public double norm() {
        double[] d = dataView();
        double scale = 0.0;
        for (double v : d) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0.0 || Double.isInfinite(scale) || Double.isNaN(scale)) {
            return scale;
        }
        double acc = 0.0;
        for (double v : d) {
            double t = v / scale;
            acc += t * t;
        }
        return scale * Math.sqrt(acc);
    }

    /**
     * The p-norm ‖x‖_p = (Σ |xᵢ|ᵖ)^(1/p) over the given axes (all when null); p = ∞ gives max |xᵢ|.
     * Where Σ |xᵢ|ᵖ would overflow or underflow (‖[10²⁰⁰, 10²⁰⁰]‖₂ = 1.414·10²⁰⁰) it is computed
     * scaled, as s · (Σ (|xᵢ|/s)ᵖ)^(1/p) with s = max |xᵢ|, like {@link #norm()}; a NaN gives NaN and
     * otherwise an infinite element ∞. The norm of an empty slice is 0.
     */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        if (!(p > 0)) {
            throw new IllegalArgumentException("norm: expected p > 0, got " + p);
        }
        if (Double.isInfinite(p)) {
            return abs().max(axes, keepDims);
        }
        return reduce(axes, keepDims, "norm", (s, f, n) -> pNormRow(s, f, n, p));
    }

    /** ‖x‖_p of a row, plainly where Σ |xᵢ|ᵖ is safely in range, else scaled by max |xᵢ|. */
    private static double pNormRow(double[] s, int from, int n, double p) {
        double acc = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            double a = Math.abs(s[i]);
            acc += p == 2 ? a * a : p == 1 ? a : Math.pow(a, p);
        }
        if (acc < Double.POSITIVE_INFINITY && acc >= 0x1p-900 || acc == 0.0 && maxAbs(s, from, n) == 0.0
                || Double.isNaN(acc)) {
            return p == 2 ? Math.sqrt(acc) : p == 1 ? acc : Math.pow(acc, 1.0 / p);
        }
        double scale = maxAbs(s, from, n);
        if (Double.isInfinite(scale)) {
            return scale;
        }
        double scaled = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            double t = Math.abs(s[i]) / scale;
            scaled += p == 2 ? t * t : p == 1 ? t : Math.pow(t, p);
        }
        return scale * (p == 2 ? Math.sqrt(scaled) : p == 1 ? scaled : Math.pow(scaled, 1.0 / p));
    }

    private static double maxAbs(double[] s, int from, int n) {
        double m = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            m = Math.max(m, Math.abs(s[i]));
        }
        return m;
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product with NumPy semantics: for 2-d operands (m×k)(k×n) → m×n; a 1-d left operand is
     * a row vector and a 1-d right operand a column vector (the added axis is removed again); leading
     * (batch) axes broadcast.
     *
     * @throws IllegalArgumentException {@code matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5)}
     */
    /**
     * c[…] (m × n, row-major) = this · o, or c += this · o when {@code accumulate} (every sum then
     * starts from c's value, as {@link MatMul} documents); both matrices, shapes already checked.
     */
    void multiplyInto(Tensor o, double[] c, boolean accumulate) {
        MatMul.multiply(data, offset, strides[0], strides[1], o.data, o.offset, o.strides[0], o.strides[1],
                c, 0, dim(0), dim(1), o.dim(1), accumulate);
    }

    public Tensor matmul(Tensor o) {
        if (rank() == 0 || o.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least 1 axis, got " + shape + " @ "
                    + o.shape);
        }
        if (rank() == 2 && o.rank() == 2) { // the common case, without the batch machinery
            int m = dim(0);
            int k = dim(1);
            int n = o.dim(1);
            if (k != o.dim(0)) {
                throw new IllegalArgumentException("matmul: inner dimensions differ: " + shape + " @ " + o.shape
                        + " (" + k + " != " + o.dim(0) + ")");
            }
            double[] out = new double[m * n];
            MatMul.multiply(data, offset, strides[0], strides[1], o.data, o.offset, o.strides[0], o.strides[1],
                    out, 0, m, k, n);
            return wrap(Shape.of(m, n), out);
        }
        Tensor a = rank() == 1 ? unsqueeze(0) : this;
        Tensor b = o.rank() == 1 ? o.unsqueeze(1) : o;
        int m = a.dim(-2);
        int k = a.dim(-1);
        int k2 = b.dim(-2);
        int n = b.dim(-1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + shape + " @ " + o.shape + " ("
                    + k + " != " + k2 + ")");
        }
        int[] ad = a.shape.dimsUnsafe();
        int[] bd = b.shape.dimsUnsafe();
        Shape aBatch = Shape.of(Arrays.copyOf(ad, ad.length - 2));
        Shape bBatch = Shape.of(Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Shape.broadcast(aBatch, bBatch, "matmul (batch axes)");
        int[] outDims = Arrays.copyOf(batch.dimsUnsafe(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        int nb = batch.size();
        double[] out = new double[nb * m * n];
        // read both operands in place through their strides (transposed, sliced and broadcast views
        // cost no copy); broadcast batch axes get stride 0
        int[] aOffsets = batchOffsets(a, batch);
        int[] bOffsets = batchOffsets(b, batch);
        MatMul.multiply(a.data, aOffsets, a.strides[a.rank() - 2], a.strides[a.rank() - 1],
                b.data, bOffsets, b.strides[b.rank() - 2], b.strides[b.rank() - 1], out, 0, m, k, n);
        Tensor r = wrap(Shape.of(outDims), out);
        if (rank() == 1 && o.rank() == 1) {
            return r.reshape();
        }
        if (rank() == 1) {
            return r.squeeze(-2);
        }
        if (o.rank() == 1) {
            return r.squeeze(-1);
        }
        return r;
    }

    /**
     * The storage offset of each matrix of {@code t} (rank ≥ 2) when its leading axes are broadcast to
     * {@code batch}, in row-major order of the batch index.
     */
    private static int[] batchOffsets(Tensor t, Shape batch) {
        int nb = batch.size();
        int[] offs = new int[nb];
        int br = batch.rank();
        int[] bd = batch.dimsUnsafe();
        int[] st = new int[br]; // stride of each batch axis in t (0 where t has size 1 or lacks the axis)
        int shift = br - (t.rank() - 2);
        for (int i = 0; i < t.rank() - 2; i++) {
            st[i + shift] = t.shape.dimsUnsafe()[i] == 1 ? 0 : t.strides[i];
        }
        int[] idx = new int[br];
        int p = t.offset;
        for (int q = 0; q < nb; q++) {
            offs[q] = p;
            for (int ax = br - 1; ax >= 0; ax--) {
                p += st[ax];
                if (++idx[ax] < bd[ax]) {
                    break;
                }
                p -= st[ax] * bd[ax];
                idx[ax] = 0;
            }
        }
        return offs;
    }

    /** Inner product Σ aᵢbᵢ of two 1-d tensors of equal length. */
    public double dot(Tensor o) {
        if (rank() != 1 || o.rank() != 1 || dim(0) != o.dim(0)) {
            throw new IllegalArgumentException("dot: expected two 1-d tensors of equal length, got " + shape + " and "
                    + o.shape);
        }
        double[] a = dataView();
        double[] b = o.dataView();
        double acc = 0.0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    /** Outer product a bᵀ of two 1-d tensors: shape (m, n). */
    public Tensor outer(Tensor o) {
        if (rank() != 1 || o.rank() != 1) {
            throw new IllegalArgumentException("outer: expected two 1-d tensors, got " + shape + " and " + o.shape);
        }
        return reshape(dim(0), 1).mul(o.reshape(1, o.dim(0)));
    }

    // ------------------------------------------------------------------ movement (views)

    /**
     * The same elements with another shape; one size may be −1 (inferred). A view when the data are
     * contiguous, otherwise a copy.
     */
    public Tensor reshape(int... newDims) {
        int infer = -1;
        long known = 1;
        int[] d = newDims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one size may be -1, got "
                            + Arrays.toString(newDims));
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + d[i] + " in " + Arrays.toString(newDims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + shape + " (" + size()
                        + " elements) into " + Arrays.toString(newDims));
            }
            d[infer] = (int) (size() / known);
            known *= d[infer];
        }
        if (known != size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + shape + " (" + size() + " elements) into "
                    + Arrays.toString(newDims) + " (" + known + " elements)");
        }
        Shape s = Shape.of(d);
        if (contiguous) {
            return new Tensor(data, s, s.contiguousStrides(), offset);
        }
        return wrap(s, gatherStrided());
    }

    /** reshape to the given shape. */
    public Tensor reshape(Shape s) {
        return reshape(s.dimsUnsafe());
    }

    /** A 1-d view (or copy) of all elements. */
    public Tensor flatten() {
        return reshape(size());
    }

    /** Swaps two axes (a view). */
    public Tensor transpose(int axis1, int axis2) {
        int a = shape.axis(axis1, "transpose");
        int b = shape.axis(axis2, "transpose");
        int[] perm = new int[rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Matrix transpose Aᵀ of a 2-d tensor; for higher ranks, the transpose of the last two axes. */
    public Tensor transpose() {
        if (rank() < 2) {
            throw new IllegalArgumentException("transpose: expected at least 2 axes, got shape " + shape);
        }
        return transpose(-2, -1);
    }

    /** Short for {@link #transpose()}. */
    public Tensor t() {
        return transpose();
    }

    /** Reorders the axes: result axis i is input axis perm[i] (a view). */
    public Tensor permute(int... perm) {
        if (perm.length != rank()) {
            throw new IllegalArgumentException("permute: expected a permutation of " + rank() + " axes for shape "
                    + shape + ", got " + Arrays.toString(perm));
        }
        int[] d = new int[perm.length];
        int[] st = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int p = shape.axis(perm[i], "permute");
            if (seen[p]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm)
                        + " is not a permutation (axis " + p + " repeated) for shape " + shape);
            }
            seen[p] = true;
            d[i] = shape.dimsUnsafe()[p];
            st[i] = strides[p];
        }
        return new Tensor(data, Shape.of(d), st, offset);
    }

    /**
     * Elements start, start+step, … (&lt; stop) along an axis, a view. Negative start/stop count from
     * the end; out-of-range bounds are clamped as in Python; step must be positive.
     */
    public Tensor slice(int axis, int start, int stop, int step) {
        int ax = shape.axis(axis, "slice");
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int n = dim(ax);
        int s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        int e = stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] d = shape.dims();
        d[ax] = len;
        int[] st = strides.clone();
        st[ax] = strides[ax] * step;
        return new Tensor(data, Shape.of(d), st, offset + (len > 0 ? s * strides[ax] : 0));
    }

    /** Elements start … stop−1 along an axis (a view). */
    public Tensor slice(int axis, int start, int stop) {
        return slice(axis, start, stop, 1);
    }

    /** The sub-tensor at index i of an axis, with that axis removed (a view). */
    public Tensor select(int axis, int index) {
        int ax = shape.axis(axis, "select");
        int n = dim(ax);
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for axis " + ax
                    + " of size " + n + " (shape " + shape + ")");
        }
        int i = index < 0 ? index + n : index;
        int[] d = new int[rank() - 1];
        int[] st = new int[rank() - 1];
        for (int k = 0, j = 0; k < rank(); k++) {
            if (k != ax) {
                d[j] = dim(k);
                st[j++] = strides[k];
            }
        }
        return new Tensor(data, Shape.of(d), st, offset + i * strides[ax]);
    }

    /**
     * A view of this tensor broadcast to {@code target}: axes of size 1 (and missing leading axes)
     * are repeated with stride 0.
     */
    public Tensor broadcastTo(Shape target) {
        if (shape.equals(target)) {
            return this;
        }
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + shape + " cannot be broadcast to " + target);
        }
        int r = target.rank();
        int[] st = new int[r];
        int shift = r - rank();
        for (int i = 0; i < rank(); i++) {
            st[i + shift] = dim(i) == 1 && target.dimsUnsafe()[i + shift] != 1 ? 0 : strides[i];
        }
        return new Tensor(data, target, st, offset);
    }

    /** broadcastTo with sizes. */
    public Tensor broadcastTo(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** Same as {@link #broadcastTo(int...)}. */
    public Tensor expand(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** Removes all axes of size 1 (a view). */
    public Tensor squeeze() {
        int cnt = 0;
        for (int i = 0; i < rank(); i++) {
            if (dim(i) != 1) {
                cnt++;
            }
        }
        int[] d = new int[cnt];
        int[] st = new int[cnt];
        for (int i = 0, j = 0; i < rank(); i++) {
            if (dim(i) != 1) {
                d[j] = dim(i);
                st[j++] = strides[i];
            }
        }
        return new Tensor(data, Shape.of(d), st, offset);
    }

    /** Removes one axis, which must have size 1 (a view). */
    public Tensor squeeze(int axis) {
        int ax = shape.axis(axis, "squeeze");
        if (dim(ax) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + dim(ax)
                    + " (expected 1) in shape " + shape);
        }
        return select(ax, 0);
    }

    /** Inserts an axis of size 1 at position {@code axis} (−1 appends) (a view). */
    public Tensor unsqueeze(int axis) {
        int r = rank() + 1;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for inserting into shape "
                    + shape + " (expected " + (-r) + " ≤ axis < " + r + ")");
        }
        int ax = axis < 0 ? axis + r : axis;
        int[] d = new int[r];
        int[] st = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == ax) {
                d[i] = 1;
                st[i] = (j < rank()) ? strides[j] * dim(j) : 1;
            } else {
                d[i] = dim(j);
                st[i] = strides[j++];
            }
        }
        return new Tensor(data, Shape.of(d), st, offset);
    }

    // ------------------------------------------------------------------ joining, splitting, indexing

    /** Joins tensors along an existing axis; all other sizes must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return concat(axis, Arrays.asList(parts));
    }

    /** Joins tensors along an existing axis; all other sizes must agree. */
    public static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: expected at least one tensor");
        }
        Tensor first = parts.get(0);
        int ax = first.shape.axis(axis, "concat");
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            if (t.rank() != first.rank()) {
                throw new IllegalArgumentException("concat: tensor " + p + " has shape " + t.shape
                        + " but tensor 0 has shape " + first.shape + " (expected the same rank)");
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != ax && t.dim(i) != first.dim(i)) {
                    throw new IllegalArgumentException("concat: tensor " + p + " has shape " + t.shape
                            + " but tensor 0 has shape " + first.shape + " (sizes differ on axis " + i
                            + ", only axis " + ax + " may differ)");
                }
            }
            total += t.dim(ax);
        }
        int[] d = first.shape.dims();
        d[ax] = total;
        Shape out = Shape.of(d);
        double[] r = new double[out.size()];
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= d[i];
        }
        int innerOut = out.size() / Math.max(outer, 1);
        int pos = 0;
        for (Tensor t : parts) {
            double[] src = t.dataView();
            int chunk = outer == 0 ? 0 : t.size() / outer;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * chunk, r, o * innerOut + pos, chunk);
            }
            pos += chunk;
        }
        return wrap(out, r);
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return stack(axis, Arrays.asList(parts));
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: expected at least one tensor");
        }
        Shape s = parts.get(0).shape;
        List<Tensor> u = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            if (!parts.get(p).shape.equals(s)) {
                throw new IllegalArgumentException("stack: tensor " + p + " has shape " + parts.get(p).shape
                        + " but tensor 0 has shape " + s + " (expected equal shapes)");
            }
            u.add(parts.get(p).unsqueeze(axis));
        }
        return concat(axis, u);
    }

    /** Splits along an axis into pieces of the given sizes (which must add up to the axis size); views. */
    public List<Tensor> split(int axis, int... sizes) {
        int ax = shape.axis(axis, "split");
        int sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative size " + s + " in " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != dim(ax)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + " but axis " + ax + " of shape " + shape + " has size " + dim(ax));
        }
        List<Tensor> r = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            r.add(slice(ax, start, start + s, 1));
            start += s;
        }
        return r;
    }

    /** Splits along an axis into {@code n} equal pieces (views). */
    public List<Tensor> chunk(int axis, int n) {
        int ax = shape.axis(axis, "chunk");
        if (n <= 0 || dim(ax) % n != 0) {
            throw new IllegalArgumentException("chunk: axis " + ax + " of size " + dim(ax) + " (shape " + shape
                    + ") does not split into " + n + " equal pieces");
        }
        int[] sizes = new int[n];
        Arrays.fill(sizes, dim(ax) / n);
        return split(ax, sizes);
    }

    /**
     * Picks entries along an axis: result[…, j, …] = this[…, indices[j], …].
     *
     * @throws IndexOutOfBoundsException naming the index, the axis and its size
     */
    public Tensor indexSelect(int axis, int... indices) {
        int ax = shape.axis(axis, "indexSelect");
        int n = dim(ax);
        List<Tensor> parts = new ArrayList<>(indices.length);
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + i + " at position " + j
                        + " is out of range for axis " + ax + " of size " + n + " (shape " + shape + ")");
            }
            parts.add(slice(ax, i, i + 1, 1));
        }
        if (parts.isEmpty()) {
            int[] d = shape.dims();
            d[ax] = 0;
            return zeros(d);
        }
        return concat(ax, parts);
    }

    /**
     * torch.gather: out[i][j][k] = this[index[i][j][k]][j][k] for axis 0 (and likewise for other
     * axes). {@code index} has the same rank, its sizes at most this tensor's, and holds whole numbers.
     */
    public Tensor gather(int axis, Tensor index) {
        int ax = shape.axis(axis, "gather");
        if (index.rank() != rank()) {
            throw new IllegalArgumentException("gather: index has shape " + index.shape + " but input has shape "
                    + shape + " (expected the same rank)");
        }
        for (int i = 0; i < rank(); i++) {
            if (i != ax && index.dim(i) > dim(i)) {
                throw new IllegalArgumentException("gather: index shape " + index.shape + " exceeds input shape "
                        + shape + " on axis " + i);
            }
        }
        Tensor c = contiguous();
        int[] st = c.strides;
        double[] idx = index.toArray();
        double[] out = new double[idx.length];
        int[] id = index.shape.dimsUnsafe();
        int[] counter = new int[rank()];
        for (int p = 0; p < idx.length; p++) {
            int v = (int) idx[p];
            if (v != idx[p]) {
                throw new IllegalArgumentException("gather: index " + idx[p] + " is not a whole number (axis " + ax
                        + " of shape " + shape + ")");
            }
            if (v < 0 || v >= dim(ax)) {
                throw new IndexOutOfBoundsException("gather: index " + idx[p] + " is out of range for axis " + ax
                        + " of size " + dim(ax) + " (shape " + shape + ")");
            }
            int q = c.offset;
            for (int k = 0; k < counter.length; k++) {
                q += (k == ax ? v : counter[k]) * st[k];
            }
            out[p] = c.data[q];
            for (int k = counter.length - 1; k >= 0; k--) {
                if (++counter[k] < id[k]) {
                    break;
                }
                counter[k] = 0;
            }
        }
        return wrap(index.shape, out);
    }

    // ------------------------------------------------------------------ equality and printing

    /** Equal shape and equal values (NaN equals NaN; 0.0 equals −0.0). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        if (!shape.equals(t.shape)) {
            return false;
        }
        double[] a = dataView();
        double[] b = t.dataView();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] == b[i] || (Double.isNaN(a[i]) && Double.isNaN(b[i])))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        double[] a = dataView();
        int h = shape.hashCode();
        for (double v : a) {
            long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
            h = 31 * h + (int) (bits ^ (bits >>> 32));
        }
        return h;
    }

    /**
     * True when shapes are equal and |a − b| ≤ atol + rtol·|b| elementwise (NumPy's isclose; NaNs are
     * never close, an infinity is close only to the same infinity).
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        double[] a = dataView();
        double[] b = other.dataView();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            if (Double.isInfinite(a[i]) || Double.isInfinite(b[i])) { // ∞ is close only to itself
                return false;
            }
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** allClose with rtol = 1e-5, atol = 1e-8 (NumPy's defaults). */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
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
