package org.nabla.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The elementwise kernels of {@link Tensor}: a ∘ b with NumPy broadcasting ({@link Shape#broadcast}),
 * a ∘ s with a scalar, comparisons with a scalar, selection and f(a). Broadcast operands are never
 * materialized: each operand is read through its own strides (0 along broadcast axes), a row at a
 * time, by the loops of a {@link BinaryKernel}.
 */
final class Pointwise {
    private Pointwise() {
    }

    /** Elementwise k(a, b) (f for {@link BinaryKernel#FUNCTION}) with broadcasting; {@code op} names it in errors. */
    static Tensor binary(Tensor a, Tensor o, String op, BinaryKernel k, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(a.shape, o.shape, op);
        int n = out.size();
        double[] r = new double[n];
        if (n == 0) {
            return Tensor.wrap(out, r);
        }
        if (a.contiguous && o.contiguous && a.shape.equals(o.shape)) {
            if (a.offset == 0 && o.offset == 0) {
                k.flat(f, a.data, o.data, r, n);
            } else {
                strided(k, f, a.data, a.offset, 1, o.data, o.offset, 1, r, 0, n);
            }
            return Tensor.wrap(out, r);
        }
        // align both operands to the output's axes; then merge axes that are contiguous for both
        int rank = out.rank();
        int[] dims = out.dims();
        int[] sa = Strided.alignedStrides(a, out);
        int[] sb = Strided.alignedStrides(o, out);
        int m = 0; // number of merged axes
        for (int i = 0; i < rank; i++) {
            if (dims[i] == 1) {
                continue; // size-1 axes never move the position
            }
            if (m > 0 && sa[m - 1] == sa[i] * dims[i] && sb[m - 1] == sb[i] * dims[i]) {
                dims[m - 1] *= dims[i];
                sa[m - 1] = sa[i];
                sb[m - 1] = sb[i];
            } else {
                dims[m] = dims[i];
                sa[m] = sa[i];
                sb[m] = sb[i];
                m++;
            }
        }
        if (m == 0) { // a single element
            r[0] = k.apply(f, a.data[a.offset], o.data[o.offset]);
            return Tensor.wrap(out, r);
        }
        int inner = dims[m - 1];
        int ia = sa[m - 1];
        int ib = sb[m - 1];
        int[] idx = new int[m];
        int pa = a.offset;
        int pb = o.offset;
        for (int pr = 0; pr < n; pr += inner) {
            strided(k, f, a.data, pa, ia, o.data, pb, ib, r, pr, inner);
            for (int ax = m - 2; ax >= 0; ax--) { // advance the outer index (row-major odometer)
                pa += sa[ax];
                pb += sb[ax];
                if (++idx[ax] < dims[ax]) {
                    break;
                }
                pa -= sa[ax] * dims[ax];
                pb -= sb[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
        return Tensor.wrap(out, r);
    }

    /** One strided row; rows with unit strides (slices of a wider tensor) take the loops without a multiplication. */
    private static void strided(BinaryKernel k, DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo,
                                int sb, double[] r, int ro, int len) {
        if (sa == 1 && sb == 1 && k != BinaryKernel.FUNCTION) {
            k.rows(a, ao, b, bo, r, ro, len);
        } else {
            k.strided(f, a, ao, sa, b, bo, sb, r, ro, len);
        }
    }

    /** a ∘ s for one of the four arithmetic kernels. */
    static Tensor scalar(Tensor t, BinaryKernel k, double s) {
        int n = t.shape.size();
        double[] a = t.contiguous && t.offset == 0 ? t.data : t.toArray(); // indexed from 0: vectorizable loops
        double[] r = new double[n];
        k.scalar(a, s, r, n);
        return Tensor.wrap(t.shape, r);
    }

    /** 1 where a &gt; s, else 0. */
    static Tensor gt(Tensor t, double s) {
        double[] src = t.dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            int hit = src[i] > s ? 1 : 0; // an int select compiles without a branch (a double one did not)
            r[i] = hit;
        }
        return Tensor.wrap(t.shape, r);
    }

    /** 1 where a &lt; s, else 0. */
    static Tensor lt(Tensor t, double s) {
        double[] src = t.dataView();
        double[] r = new double[src.length];
        for (int i = 0; i < r.length; i++) {
            int hit = src[i] < s ? 1 : 0; // an int select compiles without a branch (a double one did not)
            r[i] = hit;
        }
        return Tensor.wrap(t.shape, r);
    }

    /** where(c, a, b)ᵢ = aᵢ if cᵢ ≠ 0 else bᵢ; all three broadcast together. */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape out = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, "where"), b.shape, "where");
        double[] c = condition.broadcastTo(out).toArray();
        double[] x = a.broadcastTo(out).toArray();
        double[] y = b.broadcastTo(out).toArray();
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = c[i] != 0.0 ? x[i] : y[i];
        }
        return Tensor.wrap(out, r);
    }

    /** f(a) elementwise, through f's interface. */
    static Tensor map(Tensor t, DoubleUnaryOperator f) {
        int n = t.shape.size();
        double[] src = t.contiguous ? t.data : Strided.gatherStrided(t);
        int o = t.contiguous ? t.offset : 0;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.applyAsDouble(src[o + i]);
        }
        return Tensor.wrap(t.shape, r);
    }

    /** a^s elementwise: a² through the multiplication loop (exact as a·a), otherwise {@link Math#pow}. */
    static Tensor pow(Tensor t, double s) {
        if (s == 2.0) {
            return t.square();
        }
        return map(t, x -> Math.pow(x, s));
    }

    /** min(max(a, low), high) elementwise. */
    static Tensor clip(Tensor t, double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip: expected low ≤ high, got low = " + low + ", high = " + high);
        }
        return map(t, x -> x < low ? low : (x > high ? high : x));
    }
}
