package org.nabla.layer;

import java.util.Arrays;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The padding of a convolution module, per spatial axis: the number of samples added before and
 * after, and the {@link PaddingMode}. {@code padding = "same"} is PyTorch's rule: the total
 * t = d·(k − 1) splits as ⌊t/2⌋ before and t − ⌊t/2⌋ after (one more after when t is odd, as for an even
 * kernel), so the output has the input's length at stride 1.
 *
 * <p>What reaches the convolution kernel (which pads symmetrically with zeros): with zeros and equal
 * sides, the kernel pads; with zeros and one more after (the "same" case of an even kernel), the
 * extra zeros are concatenated after and the kernel pads the rest; with any other mode the input is
 * padded here by selection and the kernel pads nothing.
 */
final class ConvPadding {
    private final int[] before;
    private final int[] after;
    private final boolean same;
    private final PaddingMode mode;

    private ConvPadding(int[] before, int[] after, boolean same, PaddingMode mode) {
        this.before = before;
        this.after = after;
        this.same = same;
        this.mode = mode;
    }

    /** Explicit symmetric padding p per axis. */
    static ConvPadding explicit(String op, int[] padding, PaddingMode mode) {
        for (int p : padding) {
            if (p < 0) {
                throw new IllegalArgumentException(op + ": padding must be ≥ 0 on every axis, got " + Arrays.toString(padding));
            }
        }
        return new ConvPadding(padding.clone(), padding.clone(), false, requireMode(op, mode));
    }

    /** PyTorch's padding = "same"; refused for a stride other than 1, as PyTorch does. */
    static ConvPadding same(String op, int[] kernel, int[] dilation, int[] stride, PaddingMode mode) {
        for (int s : stride) {
            if (s != 1) {
                throw new IllegalArgumentException(op + ": padding=\"same\" is not supported for strided convolutions (stride "
                        + Arrays.toString(stride) + "), as in PyTorch; use stride 1 or explicit padding");
            }
        }
        int[] b = new int[kernel.length];
        int[] a = new int[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            int total = dilation[i] * (kernel[i] - 1);
            b[i] = total / 2;
            a[i] = total - b[i];
        }
        return new ConvPadding(b, a, true, requireMode(op, mode));
    }

    /** PyTorch's string padding: true for "same", false for "valid", else refused. */
    static boolean isSame(String op, String name) {
        return switch (name) {
            case "same" -> true;
            case "valid" -> false;
            default -> throw new IllegalArgumentException(op + ": padding must be \"same\", \"valid\" or sizes, got \""
                    + name + "\"");
        };
    }

    private static PaddingMode requireMode(String op, PaddingMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException(op + ": padding mode must not be null (use PaddingMode.ZEROS)");
        }
        return mode;
    }

    /** Samples added before, per axis. */
    int[] before() {
        return before.clone();
    }

    /** Samples added after, per axis. */
    int[] after() {
        return after.clone();
    }

    boolean same() {
        return same;
    }

    PaddingMode mode() {
        return mode;
    }

    /** The symmetric zero padding left for the kernel, per axis. */
    int[] kernelPadding() {
        return mode == PaddingMode.ZEROS ? before.clone() : new int[before.length];
    }

    /**
     * The input with this padding applied, except the part {@link #kernelPadding()} leaves to the
     * kernel; x's spatial axes start at {@code firstAxis}.
     */
    Variable apply(String op, Variable x, int firstAxis) {
        Variable y = x;
        for (int i = 0; i < before.length; i++) {
            int axis = firstAxis + i;
            int n = y.shape().dim(axis);
            if (mode == PaddingMode.ZEROS) {
                int extra = after[i] - before[i];
                if (extra > 0) {
                    int[] dims = y.shape().dims();
                    dims[axis] = extra;
                    y = Variable.concat(axis, y, Variable.constant(Tensor.zeros(dims)));
                }
                continue;
            }
            int most = Math.max(before[i], after[i]);
            if (mode == PaddingMode.REFLECT && most >= n || mode == PaddingMode.CIRCULAR && most > n) {
                throw new IllegalArgumentException(op + ": padding_mode=\"" + mode.torchName() + "\" pads axis " + axis + " of input "
                        + x.shape() + " by (" + before[i] + ", " + after[i] + "), expected at most " + (mode == PaddingMode.REFLECT
                        ? n - 1 : n) + " on each side");
            }
            if (before[i] == 0 && after[i] == 0) {
                continue;
            }
            int[] index = new int[before[i] + n + after[i]];
            for (int j = 0; j < index.length; j++) {
                index[j] = mode.source(j, before[i], n);
            }
            y = y.indexSelect(axis, index);
        }
        return y;
    }

    /** "same", or the pads as (before, after) pairs, and the mode unless zeros. */
    String describe() {
        StringBuilder s = new StringBuilder(same ? "padding=same" : "padding=" + joined(before));
        if (mode != PaddingMode.ZEROS) {
            s.append(", padding_mode=").append(mode.torchName());
        }
        return s.toString();
    }

    static String joined(int[] v) {
        if (v.length == 1 || Arrays.stream(v).allMatch(e -> e == v[0])) {
            return Integer.toString(v[0]);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : "x").append(v[i]);
        }
        return s.toString();
    }
}
