package org.nabla.tensor;

/**
 * Strided storage and its iteration: the element of {@link Tensor} at multi-index (i₀, …, i_{n−1}) is
 * {@code data[offset + Σₖ iₖ·strideₖ]}. Gathering a view into row-major order, adding it into a
 * running sum, and the odometer step that walks a multi-index in row-major order.
 */
final class Strided {
    /** Side of the square tiles in which {@link #copyOrAddTransposed} copies. */
    private static final int TRANSPOSE_TILE = 16;

    private Strided() {
    }

    static boolean isContiguous(Shape shape, int[] strides) {
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

    static double[] gatherStrided(Tensor tensor) {
        return copyOrAddStrided(tensor, new double[tensor.shape.size()], false);
    }

    /**
     * dst[i] += this[i] for every element i in row-major order ({@code dst.length == size()}), reading
     * any strides in place: the in-place step of {@link org.nabla.tensor.internal.TensorAccumulator}.
     */
    static void addTo(Tensor tensor, double[] dst) {
        if (tensor.contiguous) {
            for (int i = 0, q = tensor.offset; i < dst.length; i++, q++) {
                dst[i] += tensor.data[q];
            }
        } else {
            copyOrAddStrided(tensor, dst, true);
        }
    }

    static double[] copyOrAddStrided(Tensor tensor, double[] out, boolean accumulate) {
        int n = tensor.shape.size();
        int r = tensor.shape.rank();
        if (n == 0) {
            return out;
        }
        int[] d = tensor.shape.dimsUnsafe();
        if (r == 0) {
            out[0] = accumulate ? out[0] + tensor.data[tensor.offset] : tensor.data[tensor.offset];
            return out;
        }
        int[] idx = new int[r];
        int last = r - 1;
        int inner = d[last];
        int innerStride = tensor.strides[last];
        int p = tensor.offset;
        int k = 0;
        if (r >= 2 && innerStride != 1 && d[last - 1] >= TRANSPOSE_TILE && inner >= TRANSPOSE_TILE) {
            return copyOrAddTransposed(tensor, out, accumulate);
        }
        while (true) {
            if (accumulate) {
                for (int j = 0, q = p; j < inner; j++, q += innerStride) {
                    out[k++] += tensor.data[q];
                }
            } else {
                for (int j = 0, q = p; j < inner; j++, q += innerStride) {
                    out[k++] = tensor.data[q];
                }
            }
            p = advance(tensor, idx, last - 1, p);
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
    static int advance(Tensor tensor, int[] idx, int top, int p) {
        int[] d = tensor.shape.dimsUnsafe();
        for (int ax = top; ax >= 0; ax--) {
            idx[ax]++;
            p += tensor.strides[ax];
            if (idx[ax] < d[ax]) {
                return p;
            }
            p -= tensor.strides[ax] * d[ax];
            idx[ax] = 0;
        }
        return -1;
    }

    /**
     * copyOrAddStrided when the last axis is not contiguous (typically a transposed view): the last two
     * axes are copied in TRANSPOSE_TILE × TRANSPOSE_TILE tiles, reading each tile along the source's
     * contiguous direction, so that the lines a tile touches stay in the L1 cache (a row-by-row copy
     * would touch a new line for every element, and with power-of-two strides of 4 KiB or more every
     * one of them would compete for the same cache set).
     */
    static double[] copyOrAddTransposed(Tensor tensor, double[] out, boolean accumulate) {
        int[] d = tensor.shape.dimsUnsafe();
        int r = d.length;
        int rows = d[r - 2];
        int cols = d[r - 1];
        int rs = tensor.strides[r - 2];
        int cs = tensor.strides[r - 1];
        int outer = tensor.shape.size() / (rows * cols);
        int[] idx = new int[Math.max(0, r - 2)];
        int p = tensor.offset;
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
                                    out[dst + i * cols] += tensor.data[src + i * rs];
                                }
                            } else {
                                for (int i = i0; i < i1; i++) {
                                    out[dst + i * cols] = tensor.data[src + i * rs];
                                }
                            }
                        }
                    } else {
                        for (int i = i0; i < i1; i++) {
                            int src = p + i * rs;
                            int dst = k + i * cols;
                            if (accumulate) {
                                for (int j = j0; j < j1; j++) {
                                    out[dst + j] += tensor.data[src + j * cs];
                                }
                            } else {
                                for (int j = j0; j < j1; j++) {
                                    out[dst + j] = tensor.data[src + j * cs];
                                }
                            }
                        }
                    }
                }
            }
            p = advance(tensor, idx, r - 3, p); // the next position of the leading axes (−1 after the last)
        }
        return out;
    }

    static int[] alignedStrides(Tensor t, Shape out) {
        int r = out.rank();
        int[] st = new int[r];
        int shift = r - t.rank();
        int[] d = t.shape.dimsUnsafe();
        for (int i = 0; i < t.rank(); i++) {
            st[i + shift] = d[i] == 1 ? 0 : t.strides[i];
        }
        return st;
    }

    static double get(Tensor tensor, int... index) {
        if (index.length != tensor.shape.rank()) {
            throw new IllegalArgumentException("get: expected " + tensor.shape.rank() + " indices for shape " + tensor.shape
                    + ", got " + index.length);
        }
        int p = tensor.offset;
        int[] d = tensor.shape.dimsUnsafe();
        for (int k = 0; k < index.length; k++) {
            int i = index[k];
            if (i < -d[k] || i >= d[k]) {
                throw new IndexOutOfBoundsException("get: index " + i + " is out of range for axis " + k
                        + " of size " + d[k] + " (shape " + tensor.shape + ")");
            }
            if (i < 0) {
                i += d[k];
            }
            p += i * tensor.strides[k];
        }
        return tensor.data[p];
    }

    static double[][] toArray2d(Tensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalStateException("toArray2d: expected a 2-d tensor, got shape " + tensor.shape);
        }
        int m = tensor.dim(0);
        int n = tensor.dim(1);
        double[] flat = tensor.toArray();
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, i * n, r[i], 0, n);
        }
        return r;
    }

    /** The value of a tensor with exactly one element. */
    static double item(Tensor t) {
        if (t.shape.size() != 1) {
            throw new IllegalStateException("item: tensor of shape " + t.shape + " has " + t.shape.size()
                    + " elements (expected exactly 1)");
        }
        return t.data[t.offset];
    }

    /** A row-major copy of the elements. */
    static double[] toArray(Tensor t) {
        if (t.contiguous) {
            return java.util.Arrays.copyOfRange(t.data, t.offset, t.offset + t.shape.size());
        }
        return gatherStrided(t);
    }
}
