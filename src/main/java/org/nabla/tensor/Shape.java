package org.nabla.tensor;

import java.util.Arrays;

/**
 * The shape of an n-dimensional array: a tuple (d₀, d₁, …, d_{n−1}) of non-negative sizes.
 *
 * <p>A shape of rank 0 is the shape of a scalar; its size (number of elements) is 1.
 * Shapes are immutable values: equal dimensions means equal shapes.
 *
 * <p>Broadcasting follows NumPy's rule (NumPy manual, "Broadcasting"): align the shapes at their
 * trailing axes; two sizes are compatible when they are equal or one of them is 1; the result
 * takes the larger size. Missing leading axes count as size 1.
 */
public final class Shape {
    private static final int[] EMPTY = new int[0];
    /** The shape of a scalar: rank 0, size 1. */
    public static final Shape SCALAR = new Shape(EMPTY);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long s = 1;
        for (int d : dims) {
            s *= d;
            if (s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        this.size = (int) s;
    }

    /** A shape with the given sizes; every size must be ≥ 0. */
    public static Shape of(int... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + ": size of axis " + i + " is negative (" + dims[i] + ")");
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements: the product of the sizes (1 for a scalar). */
    public int size() {
        return size;
    }

    /** The size of an axis; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis, "dim")];
    }

    /** A copy of the sizes. */
    public int[] dims() {
        return dims.clone();
    }

    int[] dimsUnsafe() {
        return dims;
    }

    /** Row-major (C-order) strides of a contiguous array of this shape. */
    public int[] contiguousStrides() {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return st;
    }

    /**
     * Normalizes an axis (negative counts from the end) and checks it.
     *
     * @throws IllegalArgumentException naming the operation, the axis and the rank
     */
    public int axis(int axis, String op) {
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank "
                    + r + " and shape " + this + " (expected " + (r == 0 ? "no axis" : (-r) + " ≤ axis < " + r) + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    /**
     * The permutation that swaps two axes (negative axes count from the end): the identity with
     * entries axis1 and axis2 exchanged.
     */
    public int[] swapping(int axis1, int axis2, String op) {
        int a = axis(axis1, op);
        int b = axis(axis2, op);
        int[] perm = new int[dims.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return perm;
    }

    /**
     * Normalizes an index along an axis (negative counts from the end) and checks it.
     *
     * @throws IndexOutOfBoundsException naming the operation, the index, the axis and its size
     */
    public int index(int axis, int index, String op) {
        int n = dims[axis];
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of range for axis " + axis
                    + " of size " + n + " (shape " + this + ")");
        }
        return index < 0 ? index + n : index;
    }

    /** This shape with one axis (already normalized) removed. */
    public Shape without(int axis) {
        int[] d = new int[dims.length - 1];
        for (int k = 0, j = 0; k < dims.length; k++) {
            if (k != axis) {
                d[j++] = dims[k];
            }
        }
        return new Shape(d);
    }

    /**
     * The shape of the matrix product a @ b with NumPy's rules: (…, m, k) @ (…, k, n) → (…, m, n) with
     * the leading (batch) axes broadcast; a 1-d left operand is a row vector and a 1-d right operand a
     * column vector, and the axis added for it is removed from the result.
     *
     * @throws IllegalArgumentException {@code matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5)}
     */
    public static Shape matmul(Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least 1 axis, got " + a + " @ " + b);
        }
        int k = a.dims[a.rank() - 1];
        int k2 = b.rank() == 1 ? b.dims[0] : b.dims[b.rank() - 2];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a + " @ " + b + " (" + k + " != "
                    + k2 + ")");
        }
        Shape aBatch = new Shape(Arrays.copyOf(a.dims, Math.max(0, a.rank() - 2)));
        Shape bBatch = new Shape(Arrays.copyOf(b.dims, Math.max(0, b.rank() - 2)));
        Shape batch = broadcast(aBatch, bBatch, "matmul (batch axes)");
        int[] out = Arrays.copyOf(batch.dims, batch.rank() + (a.rank() > 1 ? 1 : 0) + (b.rank() > 1 ? 1 : 0));
        int p = batch.rank();
        if (a.rank() > 1) {
            out[p++] = a.dims[a.rank() - 2];
        }
        if (b.rank() > 1) {
            out[p] = b.dims[b.rank() - 1];
        }
        return new Shape(out);
    }

    /**
     * The broadcast shape of two shapes (NumPy rule).
     *
     * @throws IllegalArgumentException naming the operation, both shapes and the first incompatible axis
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a.equals(b)) {
            return a;
        }
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int ia = a.rank() - r + i;
            int ib = b.rank() - r + i;
            int da = ia >= 0 ? a.dims[ia] : 1;
            int db = ib >= 0 ? b.dims[ib] : 1;
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast: axis " + (i - r) + " has sizes " + da + " and " + db
                        + " (expected equal sizes or one of them 1)");
            }
        }
        return new Shape(out);
    }

    /** True when this shape can be broadcast to {@code target} (without changing {@code target}). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        for (int i = 0; i < rank(); i++) {
            int d = dims[rank() - 1 - i];
            int t = target.dims[target.rank() - 1 - i];
            if (d != t && d != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Prints as {@code [3, 4]}; a scalar prints as {@code []}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
