package org.nabla.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joining, splitting and indexing of {@link Tensor}s: concatenation and stacking, splitting into
 * views, selection of entries along an axis, and gather (torch.gather).
 */
final class Joining {
    private Joining() {
    }

    static Tensor concat(int axis, Tensor... parts) {
        return concat(axis, Arrays.asList(parts));
    }

    static Tensor concat(int axis, List<Tensor> parts) {
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
        return Tensor.wrap(out, r);
    }

    static Tensor stack(int axis, Tensor... parts) {
        return stack(axis, Arrays.asList(parts));
    }

    static Tensor stack(int axis, List<Tensor> parts) {
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

    static List<Tensor> split(Tensor tensor, int axis, int... sizes) {
        int ax = tensor.shape.axis(axis, "split");
        int sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative size " + s + " in " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != tensor.dim(ax)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + " but axis " + ax + " of shape " + tensor.shape + " has size " + tensor.dim(ax));
        }
        List<Tensor> r = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            r.add(tensor.slice(ax, start, start + s, 1));
            start += s;
        }
        return r;
    }

    static List<Tensor> chunk(Tensor tensor, int axis, int n) {
        int ax = tensor.shape.axis(axis, "chunk");
        if (n <= 0 || tensor.dim(ax) % n != 0) {
            throw new IllegalArgumentException("chunk: axis " + ax + " of size " + tensor.dim(ax) + " (shape " + tensor.shape
                    + ") does not split into " + n + " equal pieces");
        }
        int[] sizes = new int[n];
        Arrays.fill(sizes, tensor.dim(ax) / n);
        return tensor.split(ax, sizes);
    }

    /**
     * Picks entries along an axis: result[…, j, …] = this[…, indices[j], …].
     *
     * @throws IndexOutOfBoundsException naming the index, the axis and its size
     */
    static Tensor indexSelect(Tensor tensor, int axis, int... indices) {
        int ax = tensor.shape.axis(axis, "indexSelect");
        int n = tensor.dim(ax);
        List<Tensor> parts = new ArrayList<>(indices.length);
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + i + " at position " + j
                        + " is out of range for axis " + ax + " of size " + n + " (shape " + tensor.shape + ")");
            }
            parts.add(tensor.slice(ax, i, i + 1, 1));
        }
        if (parts.isEmpty()) {
            int[] d = tensor.shape.dims();
            d[ax] = 0;
            return Tensor.zeros(d);
        }
        return concat(ax, parts);
    }

    /**
     * torch.gather: out[i][j][k] = this[index[i][j][k]][j][k] for axis 0 (and likewise for other
     * axes). {@code index} has the same rank, its sizes at most this tensor's, and holds whole numbers.
     */
    static Tensor gather(Tensor tensor, int axis, Tensor index) {
        int ax = tensor.shape.axis(axis, "gather");
        if (index.rank() != tensor.rank()) {
            throw new IllegalArgumentException("gather: index has shape " + index.shape + " but input has shape "
                    + tensor.shape + " (expected the same rank)");
        }
        for (int i = 0; i < tensor.rank(); i++) {
            if (i != ax && index.dim(i) > tensor.dim(i)) {
                throw new IllegalArgumentException("gather: index shape " + index.shape + " exceeds input shape "
                        + tensor.shape + " on axis " + i);
            }
        }
        Tensor c = tensor.contiguous();
        int[] st = c.strides;
        double[] idx = index.toArray();
        double[] out = new double[idx.length];
        int[] id = index.shape.dimsUnsafe();
        int[] counter = new int[tensor.rank()];
        for (int p = 0; p < idx.length; p++) {
            int v = (int) idx[p];
            if (v != idx[p]) {
                throw new IllegalArgumentException("gather: index " + idx[p] + " is not a whole number (axis " + ax
                        + " of shape " + tensor.shape + ")");
            }
            if (v < 0 || v >= tensor.dim(ax)) {
                throw new IndexOutOfBoundsException("gather: index " + idx[p] + " is out of range for axis " + ax
                        + " of size " + tensor.dim(ax) + " (shape " + tensor.shape + ")");
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
        return Tensor.wrap(index.shape, out);
    }
}
