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

    /** Arithmetic mean over the given axes (all when null). */
    T mean(int[] axes, boolean keepDims);

    /** Maximum over the given axes (all when null). */
    T max(int[] axes, boolean keepDims);

    /** Minimum over the given axes (all when null). */
    T min(int[] axes, boolean keepDims);

    /** log Σ exp over the given axes, computed stably. */
    T logSumExp(int[] axes, boolean keepDims);

    /** This array broadcast to {@code target} (axes of size 1 and missing leading axes repeated). */
    T broadcastTo(Shape target);

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
