package org.nabla.tensor;

/**
 * The operations that an array of numbers supports, whether a plain {@link Tensor} or a variable of
 * the autodiff graph: each composite — a convenience overload, flattening, the transpose, a selection,
 * the promotion rules of the matrix product — is defined once here, over the primitives each
 * implementation provides, so that its shape rules and its error messages exist once
 * (docs/design.md, decision 4).
 *
 * @param <T> the implementing type ({@code Tensor} or {@code Variable})
 */
public interface ArrayOperations<T extends ArrayOperations<T>> {
    /** The shape. */
    Shape shape();

    /** The same elements with another shape (one size may be −1). */
    T reshape(int... dims);

    /** Reorders the axes: result axis i is input axis perm[i]. */
    T permute(int... perm);

    /** Elements start, start+step, … (&lt; stop) along an axis; negative bounds count from the end. */
    T slice(int axis, int start, int stop, int step);

    /** Σ over the given axes (all when null). */
    T sum(int[] axes, boolean keepDims);

    /**
     * Arithmetic mean over the given axes (all when null): x̄ = (1/N) Σ x, the sum divided by the
     * number N of terms ({@link #reductionCount}). {@link Tensor} computes the same formula with a
     * kernel of its own, guarded against a sum that overflows although every term is finite
     * ({@link Tensor#mean(int[], boolean)}); on a variable of the graph it is this composite, so its
     * derivative ∂x̄/∂xᵢ = 1/N comes from those of the sum and the division.
     */
    default T mean(int[] axes, boolean keepDims) {
        return sum(axes, keepDims).div(reductionCount(axes));
    }

    /**
     * Variance over the given axes (all when null): (1/(N − c)) Σ (x − x̄)², with Bessel's correction
     * c = 1 when {@code unbiased}, else c = 0; computed in two passes — the mean, then the squared
     * deviations — which is the stable form (the one-pass E[x²] − x̄² cancels catastrophically).
     * {@link Tensor} computes it with a fused kernel of its own that adds the same terms in the same
     * order, so the bits are the same (tested); on a variable of the graph it is this composite,
     * whose derivative is ∂var/∂xᵢ = 2(xᵢ − x̄)/(N − c).
     */
    default T var(int[] axes, boolean unbiased, boolean keepDims) {
        int n = reductionCount(axes);
        T centered = sub(mean(axes, true));
        return centered.square().sum(axes, keepDims).div(unbiased ? n - 1 : n);
    }

    /** Variance of all elements. */
    default T var(boolean unbiased) {
        return var(null, unbiased, false);
    }

    /** Standard deviation √var over the given axes. */
    default T std(int[] axes, boolean unbiased, boolean keepDims) {
        return var(axes, unbiased, keepDims).sqrt();
    }

    /** Standard deviation of all elements. */
    default T std(boolean unbiased) {
        return std(null, unbiased, false);
    }

    /** The main diagonal (A_{ii})_i of a matrix ({@link #diagonal(int) diagonal(0)}). */
    default T diagonal() {
        return diagonal(0);
    }

    /**
     * The trace tr A = Σᵢ A_{ii} of a matrix (any m×n, as {@code torch.trace}), a 0-d array; for a
     * square matrix it is the sum of the eigenvalues and tr(AB) = tr(BA); ∂ tr A / ∂A = I (the m×n
     * identity pattern).
     */
    default T trace() {
        if (shape().rank() != 2) {
            throw new IllegalArgumentException("trace: expected a matrix (rank 2), got shape " + shape());
        }
        return diagonal(0).sum();
    }

    /** Maximum over the given axes (all when null). */
    T max(int[] axes, boolean keepDims);

    /** Minimum over the given axes (all when null). */
    T min(int[] axes, boolean keepDims);

    /** log Σ exp over the given axes, computed stably. */
    T logSumExp(int[] axes, boolean keepDims);

    /** This array broadcast to {@code target} (axes of size 1 and missing leading axes repeated). */
    T broadcastTo(Shape target);

    /** The diagonal of a matrix shifted by {@code offset} (above the main diagonal for k &gt; 0). */
    T diagonal(int offset);

    /** Elementwise difference a − b (broadcasting). */
    T sub(T o);

    /** a / s. */
    T div(double s);

    /** a² elementwise. */
    T square();

    /** √a elementwise. */
    T sqrt();

    // ------------------------------------------------------------------ shape accessors

    /** Number of axes. */
    default int rank() {
        return shape().rank();
    }

    /** The sizes of the axes (a copy). */
    default int[] dims() {
        return shape().dims();
    }

    /** Number of elements. */
    default int size() {
        return shape().size();
    }

    /** Size of one axis (negative axes count from the end). */
    default int dim(int axis) {
        return shape().dim(axis);
    }

    // ------------------------------------------------------------------ composites

    /**
     * The number N of entries that a reduction over {@code axes} combines into each result (all
     * entries when null): N = Π_{a ∈ axes} n_a.
     */
    default int reductionCount(int[] axes) {
        if (axes == null) {
            return shape().size();
        }
        int n = 1;
        for (int a : axes) {
            n *= shape().dim(a);
        }
        return n;
    }

    /** reshape to the given shape. */
    default T reshape(Shape s) {
        return reshape(s.dims());
    }

    /** All elements as a 1-d array: reshape(size). */
    default T flatten() {
        return reshape(shape().size());
    }

    /** Swaps two axes: permute by the transposition (axis1 axis2). */
    default T transpose(int axis1, int axis2) {
        return permute(shape().swapping(axis1, axis2, "transpose"));
    }

    /** Matrix transpose Aᵀ of a 2-d array; for higher ranks, the transpose of the last two axes. */
    default T transpose() {
        if (shape().rank() < 2) {
            throw new IllegalArgumentException("transpose: expected at least 2 axes, got shape " + shape());
        }
        return transpose(-2, -1);
    }

    /** Short for {@link #transpose()}. */
    default T t() {
        return transpose();
    }

    /** Elements start … stop−1 along an axis. */
    default T slice(int axis, int start, int stop) {
        return slice(axis, start, stop, 1);
    }

    /** broadcastTo with sizes. */
    default T broadcastTo(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** Same as {@link #broadcastTo(int...)} (PyTorch's name). */
    default T expand(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** Σ of all elements, as a 0-d array. */
    default T sum() {
        return sum(null, false);
    }

    /** Σ over one axis. */
    default T sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /** Σ over one axis, keeping it with size 1 when {@code keepDims}. */
    default T sum(int axis, boolean keepDims) {
        return sum(new int[] {axis}, keepDims);
    }

    /** Arithmetic mean of all elements. */
    default T mean() {
        return mean(null, false);
    }

    /** Arithmetic mean over one axis. */
    default T mean(int axis) {
        return mean(new int[] {axis}, false);
    }

    /** Arithmetic mean over one axis, keeping it with size 1 when {@code keepDims}. */
    default T mean(int axis, boolean keepDims) {
        return mean(new int[] {axis}, keepDims);
    }

    /** Maximum of all elements. */
    default T max() {
        return max(null, false);
    }

    /** Maximum over one axis. */
    default T max(int axis) {
        return max(new int[] {axis}, false);
    }

    /** Minimum of all elements. */
    default T min() {
        return min(null, false);
    }

    /** Minimum over one axis. */
    default T min(int axis) {
        return min(new int[] {axis}, false);
    }

    /** log Σ exp over one axis. */
    default T logSumExp(int axis) {
        return logSumExp(new int[] {axis}, false);
    }
}
