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
