package org.nabla.tensor;

import java.util.Arrays;

/**
 * The movement operations of {@link Tensor} that copy nothing: reshape (of contiguous data),
 * transpose, permute, slice, select, broadcast, squeeze and unsqueeze. Each returns a tensor over the
 * same storage with another shape, other strides and another offset (docs/design.md, decision 1).
 */
final class Views {
    private Views() {
    }

    /**
     * The same elements with another shape; one size may be −1 (inferred). A view when the data are
     * contiguous, otherwise a copy.
     */
    static Tensor reshape(Tensor tensor, int... newDims) {
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
            if (known == 0 || tensor.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + tensor.shape + " (" + tensor.size()
                        + " elements) into " + Arrays.toString(newDims));
            }
            d[infer] = (int) (tensor.size() / known);
            known *= d[infer];
        }
        if (known != tensor.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + tensor.shape + " (" + tensor.size() + " elements) into "
                    + Arrays.toString(newDims) + " (" + known + " elements)");
        }
        Shape s = Shape.of(d);
        if (tensor.contiguous) {
            return new Tensor(tensor.data, s, s.contiguousStrides(), tensor.offset);
        }
        return Tensor.wrap(s, Strided.gatherStrided(tensor));
    }

    static Tensor permute(Tensor tensor, int... perm) {
        if (perm.length != tensor.rank()) {
            throw new IllegalArgumentException("permute: expected a permutation of " + tensor.rank() + " axes for shape "
                    + tensor.shape + ", got " + Arrays.toString(perm));
        }
        int[] d = new int[perm.length];
        int[] st = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int p = tensor.shape.axis(perm[i], "permute");
            if (seen[p]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm)
                        + " is not a permutation (axis " + p + " repeated) for shape " + tensor.shape);
            }
            seen[p] = true;
            d[i] = tensor.shape.dimsUnsafe()[p];
            st[i] = tensor.strides[p];
        }
        return new Tensor(tensor.data, Shape.of(d), st, tensor.offset);
    }

    /**
     * Elements start, start+step, … (&lt; stop) along an axis, a view. Negative start/stop count from
     * the end; out-of-range bounds are clamped as in Python; step must be positive.
     */
    static Tensor slice(Tensor tensor, int axis, int start, int stop, int step) {
        int ax = tensor.shape.axis(axis, "slice");
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int n = tensor.dim(ax);
        int s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        int e = stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] d = tensor.shape.dims();
        d[ax] = len;
        int[] st = tensor.strides.clone();
        st[ax] = tensor.strides[ax] * step;
        return new Tensor(tensor.data, Shape.of(d), st, tensor.offset + (len > 0 ? s * tensor.strides[ax] : 0));
    }

    static Tensor select(Tensor tensor, int axis, int index) {
        int ax = tensor.shape.axis(axis, "select");
        int i = tensor.shape.index(ax, index, "select");
        int[] st = new int[tensor.rank() - 1];
        for (int k = 0, j = 0; k < tensor.rank(); k++) {
            if (k != ax) {
                st[j++] = tensor.strides[k];
            }
        }
        return new Tensor(tensor.data, tensor.shape.without(ax), st, tensor.offset + i * tensor.strides[ax]);
    }

    /**
     * A view of this tensor broadcast to {@code target}: axes of size 1 (and missing leading axes)
     * are repeated with stride 0.
     */
    static Tensor broadcastTo(Tensor tensor, Shape target) {
        if (tensor.shape.equals(target)) {
            return tensor;
        }
        if (!tensor.shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + tensor.shape + " cannot be broadcast to " + target);
        }
        int r = target.rank();
        int[] st = new int[r];
        int shift = r - tensor.rank();
        for (int i = 0; i < tensor.rank(); i++) {
            st[i + shift] = tensor.dim(i) == 1 && target.dimsUnsafe()[i + shift] != 1 ? 0 : tensor.strides[i];
        }
        return new Tensor(tensor.data, target, st, tensor.offset);
    }

    static Tensor squeeze(Tensor tensor) {
        int cnt = 0;
        for (int i = 0; i < tensor.rank(); i++) {
            if (tensor.dim(i) != 1) {
                cnt++;
            }
        }
        int[] d = new int[cnt];
        int[] st = new int[cnt];
        for (int i = 0, j = 0; i < tensor.rank(); i++) {
            if (tensor.dim(i) != 1) {
                d[j] = tensor.dim(i);
                st[j++] = tensor.strides[i];
            }
        }
        return new Tensor(tensor.data, Shape.of(d), st, tensor.offset);
    }

    static Tensor squeeze(Tensor tensor, int axis) {
        int ax = tensor.shape.axis(axis, "squeeze");
        if (tensor.dim(ax) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + tensor.dim(ax)
                    + " (expected 1) in shape " + tensor.shape);
        }
        return tensor.select(ax, 0);
    }

    static Tensor unsqueeze(Tensor tensor, int axis) {
        int r = tensor.rank() + 1;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for inserting into shape "
                    + tensor.shape + " (expected " + (-r) + " ≤ axis < " + r + ")");
        }
        int ax = axis < 0 ? axis + r : axis;
        int[] d = new int[r];
        int[] st = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == ax) {
                d[i] = 1;
                st[i] = (j < tensor.rank()) ? tensor.strides[j] * tensor.dim(j) : 1;
            } else {
                d[i] = tensor.dim(j);
                st[i] = tensor.strides[j++];
            }
        }
        return new Tensor(tensor.data, Shape.of(d), st, tensor.offset);
    }

    /** The diagonal (A_{i,i+k})_i of a matrix shifted by k, a view (see {@link Tensor#diagonal(int)}). */
    static Tensor diagonal(Tensor tensor, int k) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("diagonal: expected a matrix (rank 2), got shape " + tensor.shape);
        }
        int m = tensor.dim(0);
        int n = tensor.dim(1);
        int row = k >= 0 ? 0 : -k;
        int col = k >= 0 ? k : 0;
        int len = Math.max(0, Math.min(m - row, n - col));
        int[] st = tensor.strides;
        return new Tensor(tensor.data, Shape.of(len), new int[] {st[0] + st[1]},
                len > 0 ? tensor.offset + row * st[0] + col * st[1] : tensor.offset);
    }
}
