package org.nabla.tensor.internal;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A running sum s = t₁ + t₂ + … + tₖ of tensors of one shape, added in place into a buffer that the
 * accumulator owns. This is the sum the backward sweep forms when a value feeds several operations
 * (the multivariable chain rule adds the cotangents of all its uses, e.g. a recurrent weight used at
 * every time step): the additions happen in the order of the calls, each rounded once, so the bits
 * equal those of {@code t1.add(t2).add(t3)…} — only the k − 1 intermediate tensors are not allocated.
 *
 * <p>The terms are never modified. {@link #sum()} hands the buffer to an immutable tensor without
 * copying, after which the accumulator refuses further use.
 */
public final class TensorAccumulator {
    private static final TensorInternals.Access KERNELS = TensorInternals.access();

    private final Shape shape;
    /** The only term so far (not owned, never written), or null once the buffer holds the sum. */
    private Tensor first;
    /** The running sum, once there are two terms (row-major in the order of {@link #layout}). */
    private double[] buffer;
    /**
     * True when the sum is kept with its last two axes swapped: the terms are transposed views (as
     * the gradient of a weight W used as Wᵀ is), whose memory is then read in order rather than
     * across rows.
     */
    private boolean swapped;
    private boolean done;

    /** Starts the sum with its first term. */
    public TensorAccumulator(Tensor first) {
        this.shape = first.shape();
        this.first = first;
    }

    /** Starts an empty sum (zeros) of the given shape, for terms that arrive as {@link #addSlice blocks}. */
    public TensorAccumulator(Shape shape) {
        this.shape = shape;
    }

    /**
     * s ← s + a·b for matrices a (m × k) and b (k × n), the product summed straight into the buffer:
     * every entry continues its sum from s, sᵢⱼ = (…((sᵢⱼ + aᵢ₀b₀ⱼ) + aᵢ₁b₁ⱼ) + …), so a run of such
     * terms is one product of the concatenated matrices, summed in order (not the bits of adding each
     * product once rounded, but no product is allocated). This is how the gradient of a weight used at
     * every step of a recurrent network, Σₜ C̄ₜᵀ Aₜ, is summed.
     *
     * @throws IllegalArgumentException when the shapes do not fit
     */
    public void addProduct(Tensor a, Tensor b) {
        if (done) {
            throw new IllegalStateException("TensorAccumulator.addProduct: the sum was already taken");
        }
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(0) || shape.rank() != 2 || a.dim(0) != shape.dim(0)
                || b.dim(1) != shape.dim(1)) {
            throw new IllegalArgumentException("TensorAccumulator.addProduct: product " + a.shape() + " @ " + b.shape()
                    + " does not fit a sum of shape " + shape);
        }
        if (buffer == null && first == null) { // an empty sum: the product is the first term
            buffer = new double[shape.size()];
            swapped = false;
            KERNELS.multiplyInto(a, b, buffer, false);
            return;
        }
        if (buffer == null) {
            swapped = !first.isContiguous() && swap(first).isContiguous();
            buffer = layout(first).toArray();
            first = null;
        }
        if (swapped) { // the buffer holds sᵀ: sᵀ += bᵀ aᵀ
            KERNELS.multiplyInto(b.transpose(), a.transpose(), buffer, true);
        } else {
            KERNELS.multiplyInto(a, b, buffer, true);
        }
    }

    /**
     * s ← s + scatter(block): the block is added at the positions start, start + step, … along one
     * axis (s[…, start + k·step, …] += block[…, k, …]) and the rest of s is left as it is. This is
     * the cotangent of a slice — the vector-Jacobian product of slicing is placing the slice's
     * cotangent in a tensor of zeros — added without making that mostly-zero tensor. The values are
     * those of {@code add(scatter(block))}, except that an entry the block does not cover keeps its sign
     * when it is −0 (adding the scattered +0 would have made it +0).
     *
     * @throws IllegalArgumentException when the block does not fit (its shape must equal the sum's except
     *     along {@code axis}, and every position must lie inside the sum)
     */
    public void addSlice(int axis, int start, int step, Tensor block) {
        if (done) {
            throw new IllegalStateException("TensorAccumulator.addSlice: the sum was already taken");
        }
        int r = shape.rank();
        int[] d = shape.dims();
        int[] bd = block.shape().dims();
        int len = axis >= 0 && axis < r && bd.length == r ? bd[axis] : -1;
        boolean fits = len >= 0 && step >= 1 && start >= 0 && (len == 0 || start + (len - 1) * step < d[axis]);
        for (int i = 0; fits && i < r; i++) {
            fits = i == axis || bd[i] == d[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("TensorAccumulator.addSlice: block of shape " + block.shape()
                    + " at positions " + start + ", " + start + " + " + step + ", … of axis " + axis
                    + " does not fit a sum of shape " + shape);
        }
        if (buffer == null) {
            if (first == null) {
                buffer = new double[shape.size()];
                swapped = false;
            } else {
                swapped = r >= 2 && !first.isContiguous() && swap(first).isContiguous();
                buffer = layout(first).toArray();
                first = null;
            }
        }
        // in the buffer's own layout: its axes (the last two swapped when the terms were transposed views)
        int ax = axis;
        if (swapped) {
            int t = d[r - 1];
            d[r - 1] = d[r - 2];
            d[r - 2] = t;
            ax = axis == r - 1 ? r - 2 : axis == r - 2 ? r - 1 : axis;
        }
        double[] b = layout(block).toArray();
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= d[i];
        }
        int inner = 1;
        for (int i = ax + 1; i < r; i++) {
            inner *= d[i];
        }
        int n = d[ax];
        for (int o = 0, q = 0; o < outer; o++) {
            for (int k = 0; k < len; k++, q += inner) {
                int at = (o * n + start + k * step) * inner;
                for (int i = 0; i < inner; i++) {
                    buffer[at + i] += b[q + i];
                }
            }
        }
    }

    /** s ← s + t. */
    public void add(Tensor t) {
        if (done) {
            throw new IllegalStateException("TensorAccumulator.add: the sum was already taken");
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException("TensorAccumulator.add: term has shape " + t.shape()
                    + " but the sum has shape " + shape + " (expected equal shapes)");
        }
        if (buffer == null && first == null) { // an empty sum: t is the first term
            first = t;
            return;
        }
        if (buffer == null) {
            swapped = shape.rank() >= 2 && !first.isContiguous() && swap(first).isContiguous();
            buffer = layout(first).toArray(); // then buffer[i] += t[i] is first[i] + t[i], rounded once
            first = null;
        }
        KERNELS.addTo(layout(t), buffer);
    }

    private static Tensor swap(Tensor t) {
        return t.transpose(t.shape().rank() - 2, t.shape().rank() - 1);
    }

    private Tensor layout(Tensor t) {
        return swapped ? swap(t) : t;
    }

    /** The sum (a transposed view when the terms were); the accumulator cannot be used afterwards. */
    public Tensor sum() {
        if (done) {
            throw new IllegalStateException("TensorAccumulator.sum: the sum was already taken");
        }
        done = true;
        Tensor s;
        if (buffer == null && first == null) {
            s = Tensor.zeros(shape);
        } else if (buffer == null) {
            s = first;
        } else if (swapped) {
            int[] d = shape.dims();
            int r = d.length;
            int last = d[r - 1];
            d[r - 1] = d[r - 2];
            d[r - 2] = last;
            s = swap(KERNELS.wrap(Shape.of(d), buffer));
        } else {
            s = KERNELS.wrap(shape, buffer);
        }
        first = null;
        buffer = null;
        return s;
    }
}
