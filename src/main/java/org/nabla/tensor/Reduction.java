package org.nabla.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions of {@link Tensor}s over axes: sums, means, products, extrema and their positions,
 * variance, log-sum-exp and norms. The reduced axes are brought last and each row is folded in index
 * order, so a sum's bits do not depend on the layout of its input (docs/design.md, decision 9).
 */
final class Reduction {
    /** A fold of a contiguous row segment src[from … from + len − 1]. */
    @FunctionalInterface
    interface RowReducer {
        double reduce(double[] src, int from, int len);
    }

    private Reduction() {
    }

    static int[] normalizeAxes(Tensor tensor, int[] axes, String op) {
        if (axes == null) {
            int[] all = new int[tensor.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[tensor.rank()];
        for (int i = 0; i < axes.length; i++) {
            r[i] = tensor.shape.axis(axes[i], op);
            if (seen[r[i]]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " is repeated in "
                        + Arrays.toString(axes) + " for shape " + tensor.shape);
            }
            seen[r[i]] = true;
        }
        Arrays.sort(r);
        return r;
    }

    /**
     * Reduces the given axes: the data are permuted so the reduced axes come last, then each row of
     * length R = Π(reduced sizes) is folded by {@code f}.
     */
    static Tensor reduce(Tensor tensor, int[] axes, boolean keepDims, String op, RowReducer f) {
        int[] ax = normalizeAxes(tensor, axes, op);
        int r = tensor.rank();
        boolean[] red = new boolean[r];
        for (int a : ax) {
            red[a] = true;
        }
        int[] perm = new int[r];
        int k = 0;
        List<Integer> outDims = new ArrayList<>();
        int[] keptDims = new int[r];
        for (int i = 0; i < r; i++) {
            if (!red[i]) {
                perm[k++] = i;
                outDims.add(tensor.dim(i));
            }
        }
        int rowLen = 1;
        for (int i = 0; i < r; i++) {
            if (red[i]) {
                perm[k++] = i;
                rowLen *= tensor.dim(i);
            }
        }
        for (int i = 0; i < r; i++) {
            keptDims[i] = red[i] ? 1 : tensor.dim(i);
        }
        Shape outShape = keepDims ? Shape.of(keptDims) : Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray());
        int rows = outShape.size();
        double[] src = ax.length == r || isIdentity(perm) ? tensor.dataView() : tensor.permute(perm).toArray();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = f.reduce(src, i * rowLen, rowLen);
        }
        return Tensor.wrap(outShape, out);
    }

    static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    static double sumRow(double[] s, int from, int len) {
        double acc = 0.0;
        for (int i = from, e = from + len; i < e; i++) {
            acc += s[i];
        }
        return acc;
    }

    static Tensor sum(Tensor tensor, int[] axes, boolean keepDims) {
        Tensor leading = sumLeadingAxes(tensor, axes, keepDims, "sum");
        return leading != null ? leading : reduce(tensor, axes, keepDims, "sum", Reduction::sumRow);
    }

    /**
     * Σ over the leading axes 0 … q−1 (q &lt; rank) of a contiguous tensor, e.g. the batch axis of a
     * gradient: viewed as an R×K matrix, the rows are added into one accumulator row in order
     * i = 0, 1, …, R−1, which is the order of {@link #sumRow}, so the bits are the same as by the
     * general path (which would first transpose the data). Null when the case does not apply.
     */
    static Tensor sumLeadingAxes(Tensor tensor, int[] axes, boolean keepDims, String op) {
        if (axes == null || !tensor.contiguous) {
            return null;
        }
        int[] ax = normalizeAxes(tensor, axes, op);
        int q = ax.length;
        if (q == 0 || q == tensor.rank() || ax[q - 1] != q - 1) {
            return null;
        }
        int[] d = tensor.shape.dimsUnsafe();
        int rows = 1;
        for (int i = 0; i < q; i++) {
            rows *= d[i];
        }
        int cols = tensor.shape.size() / Math.max(rows, 1);
        if (rows == 0) {
            cols = 1;
            for (int i = q; i < d.length; i++) {
                cols *= d[i];
            }
        }
        double[] acc = new double[cols];
        for (int i = 0, base = tensor.offset; i < rows; i++, base += cols) {
            for (int j = 0; j < cols; j++) {
                acc[j] += tensor.data[base + j];
            }
        }
        int[] outDims;
        if (keepDims) {
            outDims = d.clone();
            Arrays.fill(outDims, 0, q, 1);
        } else {
            outDims = Arrays.copyOfRange(d, q, d.length);
        }
        return Tensor.wrap(Shape.of(outDims), acc);
    }

    static Tensor mean(Tensor tensor, int[] axes, boolean keepDims) {
        Tensor leading = sumLeadingAxes(tensor, axes, keepDims, "mean");
        if (leading != null) {
            int count = 1;
            for (int a : axes) {
                count *= tensor.dim(a);
            }
            Tensor m = leading.div((double) count);
            if (allFinite(m.data)) {
                return m;
            }
        }
        return reduce(tensor, axes, keepDims, "mean", Reduction::meanRow);
    }

    private static boolean allFinite(double[] d) {
        for (double v : d) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double meanRow(double[] s, int from, int n) {
        double sum = sumRow(s, from, n);
        if (Double.isFinite(sum)) {
            return sum / n;
        }
        // Σ xᵢ·2⁻ᵏ with 2ᵏ ≥ 2n is exact scaling (no rounding but of terms that become subnormal,
        // negligible beside a sum that overflowed) and at most max |xᵢ|/2, so it cannot overflow
        int k = 65 - Long.numberOfLeadingZeros(n);
        double scaled = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            if (!Double.isFinite(s[i])) {
                return sum / n; // the formula's own ∞ or NaN
            }
            scaled += Math.scalb(s[i], -k);
        }
        return Math.scalb(scaled / n, k);
    }

    static Tensor prod(Tensor tensor, int[] axes, boolean keepDims) {
        return reduce(tensor, axes, keepDims, "prod", (s, f, n) -> {
            double acc = 1.0;
            for (int i = f; i < f + n; i++) {
                acc *= s[i];
            }
            return acc;
        });
    }

    static void requireNonEmpty(Tensor tensor, int[] axes, String op) {
        int[] ax = normalizeAxes(tensor, axes, op);
        for (int a : ax) {
            if (tensor.dim(a) == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over axis " + a + " of size 0 (shape "
                        + tensor.shape + ")");
            }
        }
        if (tensor.shape.size() == 0 && ax.length == tensor.rank()) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + tensor.shape);
        }
    }

    static Tensor max(Tensor tensor, int[] axes, boolean keepDims) {
        requireNonEmpty(tensor, axes, "max");
        return reduce(tensor, axes, keepDims, "max", (s, f, n) -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = f; i < f + n; i++) {
                if (s[i] > m || Double.isNaN(s[i])) {
                    m = s[i];
                    if (Double.isNaN(m)) {
                        break;
                    }
                }
            }
            return m;
        });
    }

    static Tensor min(Tensor tensor, int[] axes, boolean keepDims) {
        requireNonEmpty(tensor, axes, "min");
        return reduce(tensor, axes, keepDims, "min", (s, f, n) -> {
            double m = Double.POSITIVE_INFINITY;
            for (int i = f; i < f + n; i++) {
                if (s[i] < m || Double.isNaN(s[i])) {
                    m = s[i];
                    if (Double.isNaN(m)) {
                        break;
                    }
                }
            }
            return m;
        });
    }

    static Tensor argmax(Tensor tensor, int axis) {
        requireNonEmpty(tensor, new int[] {axis}, "argmax");
        return reduce(tensor, new int[] {axis}, false, "argmax", (s, f, n) -> {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s[f + i] > s[f + best]) {
                    best = i;
                }
            }
            return best;
        });
    }

    static Tensor argmin(Tensor tensor, int axis) {
        requireNonEmpty(tensor, new int[] {axis}, "argmin");
        return reduce(tensor, new int[] {axis}, false, "argmin", (s, f, n) -> {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (s[f + i] < s[f + best]) {
                    best = i;
                }
            }
            return best;
        });
    }

    static int argmax(Tensor tensor) {
        requireNonEmpty(tensor, null, "argmax");
        double[] d = tensor.dataView();
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Variance over the given axes: (1/(N − c)) Σ (x − x̄)², with Bessel's correction c = 1 when
     * {@code unbiased}, else c = 0. Computed in two passes (mean, then squared deviations).
     */
    static Tensor var(Tensor tensor, int[] axes, boolean unbiased, boolean keepDims) {
        return reduce(tensor, axes, keepDims, "var", (s, f, n) -> {
            double m = sumRow(s, f, n) / n;
            double acc = 0.0;
            for (int i = f; i < f + n; i++) {
                double d = s[i] - m;
                acc += d * d;
            }
            return acc / (unbiased ? n - 1 : n);
        });
    }

    /**
     * log Σ exp(x) over the given axes, computed stably as m + log Σ exp(x − m) with m = max x
     * (−∞ for an all −∞ row, +∞ if any element is +∞, NaN if any element is NaN).
     */
    static Tensor logSumExp(Tensor tensor, int[] axes, boolean keepDims) {
        return reduce(tensor, axes, keepDims, "logSumExp", Reduction::logSumExpRow);
    }

    static double logSumExpRow(double[] s, int f, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = f; i < f + n; i++) {
            if (s[i] > m) {
                m = s[i];
            } else if (Double.isNaN(s[i])) {
                return Double.NaN;
            }
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double acc = 0.0;
        for (int i = f; i < f + n; i++) {
            acc += Math.exp(s[i] - m);
        }
        return m + Math.log(acc);
    }

    static double norm(Tensor tensor) {
        double[] d = tensor.dataView();
        double scale = 0.0;
        for (double v : d) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0.0 || Double.isInfinite(scale) || Double.isNaN(scale)) {
            return scale;
        }
        double acc = 0.0;
        for (double v : d) {
            double t = v / scale;
            acc += t * t;
        }
        return scale * Math.sqrt(acc);
    }

    static Tensor norm(Tensor tensor, double p, int[] axes, boolean keepDims) {
        if (!(p > 0)) {
            throw new IllegalArgumentException("norm: expected p > 0, got " + p);
        }
        if (Double.isInfinite(p)) {
            return tensor.abs().max(axes, keepDims);
        }
        return reduce(tensor, axes, keepDims, "norm", (s, f, n) -> pNormRow(s, f, n, p));
    }

    /** ‖x‖_p of a row, plainly where Σ |xᵢ|ᵖ is safely in range, else scaled by max |xᵢ|. */
    private static double pNormRow(double[] s, int from, int n, double p) {
        double acc = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            double a = Math.abs(s[i]);
            acc += p == 2 ? a * a : p == 1 ? a : Math.pow(a, p);
        }
        if (acc < Double.POSITIVE_INFINITY && acc >= 0x1p-900 || acc == 0.0 && maxAbs(s, from, n) == 0.0
                || Double.isNaN(acc)) {
            return p == 2 ? Math.sqrt(acc) : p == 1 ? acc : Math.pow(acc, 1.0 / p);
        }
        double scale = maxAbs(s, from, n);
        if (Double.isInfinite(scale)) {
            return scale;
        }
        double scaled = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            double t = Math.abs(s[i]) / scale;
            scaled += p == 2 ? t * t : p == 1 ? t : Math.pow(t, p);
        }
        return scale * (p == 2 ? Math.sqrt(scaled) : p == 1 ? scaled : Math.pow(scaled, 1.0 / p));
    }

    private static double maxAbs(double[] s, int from, int n) {
        double m = 0.0;
        for (int i = from, e = from + n; i < e; i++) {
            m = Math.max(m, Math.abs(s[i]));
        }
        return m;
    }
}
