package org.nabla.tensor;

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

    /** s ← s + t. */
    public void add(Tensor t) {
        if (done) {
            throw new IllegalStateException("TensorAccumulator.add: the sum was already taken");
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException("TensorAccumulator.add: term has shape " + t.shape()
                    + " but the sum has shape " + shape + " (expected equal shapes)");
        }
        if (buffer == null) {
            swapped = shape.rank() >= 2 && !first.isContiguous() && swap(first).isContiguous();
            buffer = layout(first).toArray(); // then buffer[i] += t[i] is first[i] + t[i], rounded once
            first = null;
        }
        layout(t).addTo(buffer);
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
        if (buffer == null) {
            s = first;
        } else if (swapped) {
            int[] d = shape.dims();
            int r = d.length;
            int last = d[r - 1];
            d[r - 1] = d[r - 2];
            d[r - 2] = last;
            s = swap(Tensor.wrap(Shape.of(d), buffer));
        } else {
            s = Tensor.wrap(shape, buffer);
        }
        first = null;
        buffer = null;
        return s;
    }
}
