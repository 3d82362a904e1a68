package org.nabla.tensor;

/**
 * Equality and closeness of {@link Tensor}s: exact equality of shape and values (NaN equal to NaN,
 * 0.0 equal to −0.0) with a hash code consistent with it, and NumPy's {@code allclose}.
 */
final class Comparison {
    private Comparison() {
    }

    static boolean equals(Tensor tensor, Object o) {
        if (tensor == o) {
            return true;
        }
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        if (!tensor.shape.equals(t.shape)) {
            return false;
        }
        double[] a = tensor.dataView();
        double[] b = t.dataView();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] == b[i] || (Double.isNaN(a[i]) && Double.isNaN(b[i])))) {
                return false;
            }
        }
        return true;
    }

    static int hashCode(Tensor tensor) {
        double[] a = tensor.dataView();
        int h = tensor.shape.hashCode();
        for (double v : a) {
            long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
            h = 31 * h + (int) (bits ^ (bits >>> 32));
        }
        return h;
    }

    /**
     * True when shapes are equal and |a − b| ≤ atol + rtol·|b| elementwise (NumPy's isclose; NaNs are
     * never close, an infinity is close only to the same infinity).
     */
    static boolean allClose(Tensor tensor, Tensor other, double rtol, double atol) {
        if (!tensor.shape.equals(other.shape)) {
            return false;
        }
        double[] a = tensor.dataView();
        double[] b = other.dataView();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            if (Double.isInfinite(a[i]) || Double.isInfinite(b[i])) { // ∞ is close only to itself
                return false;
            }
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    static boolean allClose(Tensor tensor, Tensor other) {
        return allClose(tensor, other, 1e-5, 1e-8);
    }
}
