package org.nabla.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Movement primitives: they rearrange, pick or repeat entries; their VJPs move cotangents back. */
final class Movement {
    private Movement() {
    }

    /** y = reshape(x);  x̄ = reshape(ȳ) to x's shape. */
    static final class Reshape extends Operation {
        private final int[] dims;

        Reshape(int[] dims) {
            super("reshape");
            this.dims = dims;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].reshape(dims);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].reshape(dims);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.reshape(input(0).shape().dims())};
        }
    }

    /** y = permute(x, π);  x̄ = permute(ȳ, π⁻¹). */
    static final class Permute extends Operation {
        private final int[] perm;

        Permute(int[] perm) {
            super("permute");
            this.perm = perm;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].permute(perm);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].permute(perm);
        }

        @Override
        protected Variable[] backward(Variable g) {
            int r = perm.length;
            int[] inv = new int[r];
            for (int i = 0; i < r; i++) {
                inv[perm[i] < 0 ? perm[i] + r : perm[i]] = i;
            }
            return new Variable[] {g.permute(inv)};
        }
    }

    /** y = broadcastTo(x, S);  x̄ = ȳ summed over the broadcast axes. */
    static final class BroadcastTo extends Operation {
        private final Shape target;

        BroadcastTo(Shape target) {
            super("broadcastTo");
            this.target = target;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].broadcastTo(target);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].broadcastTo(target);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {sumToShape(g, input(0).shape())};
        }
    }

    /** The first index a slice from {@code start} takes on an axis of length n (a negative start counts from the end). */
    static int firstIndex(int start, int n) {
        return start < 0 ? Math.max(0, start + n) : Math.min(start, n);
    }

    /**
     * y = x[start:stop:step] along an axis;  x̄ = zeros with ȳ placed at the sliced positions
     * (the adjoint of slicing is {@link SliceScatter}).
     */
    static final class Slice extends Operation {
        private final int axis;
        private final int start;
        private final int stop;
        private final int step;

        Slice(int axis, int start, int stop, int step) {
            super("slice");
            this.axis = axis;
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].slice(axis, start, stop, step);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].slice(axis, start, stop, step);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {new SliceScatter(input(0).shape(), axis, start, stop, step).apply(g)};
        }

        /**
         * Adds the cotangent g of this slice into the running cotangent of the sliced input, at the
         * sliced positions (what {@link #backward} gives, without the tensor of zeros around it): the
         * gates of a recurrent cell, the time steps of a sequence, the heads of attention.
         */
        @Override
        protected boolean addCotangentsInPlace(Tensor g, CotangentSums sums) {
            if (needsGrad(0)) {
                sums.of(0).addSlice(axis, firstIndex(start, input(0).shape().dim(axis)), step, g);
            }
            return true;
        }
    }

    /** The adjoint of {@link Slice}: y = zeros of shape S with x placed at the sliced positions; x̄ = ȳ sliced. */
    static final class SliceScatter extends Operation {
        private final Shape shape;
        private final int axis;
        private final int start;
        private final int stop;
        private final int step;

        SliceScatter(Shape shape, int axis, int start, int stop, int step) {
            super("sliceScatter");
            this.shape = shape;
            this.axis = axis;
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            int ax = shape.axis(axis, "sliceScatter");
            int n = shape.dim(ax);
            int s = firstIndex(start, n);
            Tensor src = x[0];
            int len = src.dim(ax);
            if (len == 0) {
                return Tensor.zeros(shape);
            }
            if (step == 1) { // zeros with the block copied in: one array, written once
                double[] block = src.dataView();
                int[] d = shape.dims();
                int outer = 1;
                for (int i = 0; i < ax; i++) {
                    outer *= d[i];
                }
                int inner = 1;
                for (int i = ax + 1; i < d.length; i++) {
                    inner *= d[i];
                }
                int rows = outer;
                int width = inner;
                return Tensor.build(shape, out -> {
                    for (int o = 0; o < rows; o++) {
                        System.arraycopy(block, o * len * width, out, (o * n + s) * width, len * width);
                    }
                });
            }
            int[] zd = shape.dims();
            zd[ax] = 1;
            Tensor zero = Tensor.zeros(zd);
            List<Tensor> parts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i - s;
                if (k >= 0 && k % step == 0 && k / step < len) {
                    parts.add(src.slice(ax, k / step, k / step + 1, 1));
                } else {
                    parts.add(zero);
                }
            }
            return Tensor.concat(ax, parts);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new SliceScatter(shape, axis, start, stop, step).apply(t[0]);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.slice(axis, start, stop, step)};
        }
    }

    /** y = concat(x₁, …, xₙ) along an axis;  x̄ᵢ = the i-th block of ȳ. */
    static final class Concat extends Operation {
        private final int axis;

        Concat(int axis) {
            super("concat");
            this.axis = axis;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Tensor.concat(axis, x);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            Variable[] parts = new Variable[inputCount()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = t[i] != null ? t[i] : Variable.constant(Tensor.zeros(input(i).shape()));
            }
            return new Concat(axis).apply(parts);
        }

        @Override
        protected Variable[] backward(Variable g) {
            int n = inputCount();
            Variable[] r = new Variable[n];
            int start = 0;
            for (int i = 0; i < n; i++) {
                int len = input(i).shape().dim(axis);
                if (needsGrad(i)) {
                    r[i] = g.slice(axis, start, start + len, 1);
                }
                start += len;
            }
            return r;
        }
    }

    /**
     * torch.gather along an axis with a constant index tensor: y[…i…] = x[…index[…i…]…];
     * x̄ = zeros with ȳ added at the gathered positions ({@link ScatterAdd}).
     */
    static final class Gather extends Operation {
        private final int axis;
        private final Tensor index;

        Gather(int axis, Tensor index) {
            super("gather");
            this.axis = axis;
            this.index = index;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].gather(axis, index);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].gather(axis, index);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {new ScatterAdd(input(0).shape(), axis, index).apply(g)};
        }
    }

    /** The adjoint of {@link Gather}: y = zeros of shape S, then y[…index[…i…]…] += x[…i…]; x̄ = gather(ȳ). */
    static final class ScatterAdd extends Operation {
        private final Shape shape;
        private final int axis;
        private final Tensor index;

        ScatterAdd(Shape shape, int axis, Tensor index) {
            super("scatterAdd");
            this.shape = shape;
            this.axis = shape.axis(axis, "scatterAdd");
            this.index = index;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            double[] src = x[0].toArray();
            double[] idx = index.toArray();
            double[] out = new double[shape.size()];
            int[] st = shape.contiguousStrides();
            int[] id = index.dims();
            int[] counter = new int[id.length];
            for (int p = 0; p < idx.length; p++) {
                int q = 0;
                for (int k = 0; k < counter.length; k++) {
                    q += (k == axis ? (int) idx[p] : counter[k]) * st[k];
                }
                out[q] += src[p];
                for (int k = counter.length - 1; k >= 0; k--) {
                    if (++counter[k] < id[k]) {
                        break;
                    }
                    counter[k] = 0;
                }
            }
            return Tensor.of(shape, out);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new ScatterAdd(shape, axis, index).apply(t[0]);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.gather(axis, index)};
        }
    }

    /**
     * y = x[indices] along an axis (rows of an embedding table, for instance);
     * x̄ = zeros with the blocks of ȳ added back at their indices ({@link IndexAdd}).
     */
    static final class IndexSelect extends Operation {
        private final int axis;
        private final int[] indices;

        IndexSelect(int axis, int[] indices) {
            super("indexSelect");
            this.axis = axis;
            this.indices = indices;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].indexSelect(axis, indices);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].indexSelect(axis, indices);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {new IndexAdd(input(0).shape(), axis, indices).apply(g)};
        }
    }

    /** The adjoint of {@link IndexSelect}: y = zeros of shape S; y[indices[j]] += x[j] along an axis. */
    static final class IndexAdd extends Operation {
        private final Shape shape;
        private final int axis;
        private final int[] indices;

        IndexAdd(Shape shape, int axis, int[] indices) {
            super("indexAdd");
            this.shape = shape;
            this.axis = shape.axis(axis, "indexAdd");
            this.indices = indices;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            int outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= shape.dim(i);
            }
            int inner = 1;
            for (int i = axis + 1; i < shape.rank(); i++) {
                inner *= shape.dim(i);
            }
            int n = shape.dim(axis);
            int m = indices.length;
            double[] src = x[0].toArray();
            double[] out = new double[shape.size()];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < m; j++) {
                    int from = (o * m + j) * inner;
                    int to = (o * n + indices[j]) * inner;
                    for (int t = 0; t < inner; t++) {
                        out[to + t] += src[from + t];
                    }
                }
            }
            return Tensor.of(shape, out);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new IndexAdd(shape, axis, indices).apply(t[0]);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.indexSelect(axis, indices)};
        }
    }
}
