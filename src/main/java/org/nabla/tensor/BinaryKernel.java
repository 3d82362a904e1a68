package org.nabla.tensor;

import java.util.function.DoubleBinaryOperator;

/**
 * The elementwise binary operations a ∘ b of {@link Tensor}, each with the loops of its own that the
 * JIT compiles to tight (and, where it can, vectorized) code: over arrays indexed from 0, over rows
 * with unit strides, over strided rows, and with a scalar right operand. {@link #FUNCTION} applies
 * any f(a, b) given by the caller (comparisons, powers, extrema) through its interface.
 */
enum BinaryKernel {
    /** a + b. */
    ADD {
        @Override
        double apply(DoubleBinaryOperator f, double x, double y) {
            return x + y;
        }

        @Override
        void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] + b[i];
            }
        }

        @Override
        void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j] + b[bo + j];
            }
        }

        @Override
        void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r, int ro,
                     int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j * sa] + b[bo + j * sb];
            }
        }

        @Override
        void scalar(double[] a, double s, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] + s;
            }
        }
    },
    /** a − b. */
    SUB {
        @Override
        double apply(DoubleBinaryOperator f, double x, double y) {
            return x - y;
        }

        @Override
        void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] - b[i];
            }
        }

        @Override
        void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j] - b[bo + j];
            }
        }

        @Override
        void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r, int ro,
                     int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j * sa] - b[bo + j * sb];
            }
        }

        @Override
        void scalar(double[] a, double s, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] - s;
            }
        }
    },
    /** a · b (the Hadamard product). */
    MUL {
        @Override
        double apply(DoubleBinaryOperator f, double x, double y) {
            return x * y;
        }

        @Override
        void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] * b[i];
            }
        }

        @Override
        void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j] * b[bo + j];
            }
        }

        @Override
        void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r, int ro,
                     int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j * sa] * b[bo + j * sb];
            }
        }

        @Override
        void scalar(double[] a, double s, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] * s;
            }
        }
    },
    /** a / b. */
    DIV {
        @Override
        double apply(DoubleBinaryOperator f, double x, double y) {
            return x / y;
        }

        @Override
        void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] / b[i];
            }
        }

        @Override
        void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j] / b[bo + j];
            }
        }

        @Override
        void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r, int ro,
                     int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = a[ao + j * sa] / b[bo + j * sb];
            }
        }

        @Override
        void scalar(double[] a, double s, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = a[i] / s;
            }
        }
    },
    /** f(a, b) for the caller's f. */
    FUNCTION {
        @Override
        double apply(DoubleBinaryOperator f, double x, double y) {
            return f.applyAsDouble(x, y);
        }

        @Override
        void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n) {
            for (int i = 0; i < n; i++) {
                r[i] = f.applyAsDouble(a[i], b[i]);
            }
        }

        @Override
        void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len) {
            throw new AssertionError("FUNCTION has no row kernel without f");
        }

        @Override
        void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r, int ro,
                     int len) {
            for (int j = 0; j < len; j++) {
                r[ro + j] = f.applyAsDouble(a[ao + j * sa], b[bo + j * sb]);
            }
        }

        @Override
        void scalar(double[] a, double s, double[] r, int n) {
            throw new AssertionError("FUNCTION has no scalar kernel without f");
        }
    };

    /** One element: x ∘ y. */
    abstract double apply(DoubleBinaryOperator f, double x, double y);

    /** r[i] = a[i] ∘ b[i] for i &lt; n: all arrays indexed from 0, the loop form HotSpot vectorizes. */
    abstract void flat(DoubleBinaryOperator f, double[] a, double[] b, double[] r, int n);

    /** r[ro + j] = a[ao + j] ∘ b[bo + j] for j &lt; len: rows of views, loops without a multiplication. */
    abstract void rows(double[] a, int ao, double[] b, int bo, double[] r, int ro, int len);

    /** r[ro + j] = a[ao + j·sa] ∘ b[bo + j·sb] for j &lt; len. */
    abstract void strided(DoubleBinaryOperator f, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] r,
                          int ro, int len);

    /** r[i] = a[i] ∘ s for i &lt; n. */
    abstract void scalar(double[] a, double s, double[] r, int n);
}
