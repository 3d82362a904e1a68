package org.nabla.tensor.internal;

import java.util.function.IntConsumer;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The door from this package to the package-private kernels of {@link org.nabla.tensor} (the matrix
 * product, the thread pool, strided addition, wrapping an array without a copy), which the kernels
 * here build on. {@code org.nabla.tensor} installs the one implementation when {@link Tensor} is
 * initialised; nothing outside the module can reach it, since this package is not exported
 * (docs/design.md, decision 12).
 */
public final class TensorInternals {
    /** The kernels of {@code org.nabla.tensor} that this package uses; see their own Javadoc there. */
    public interface Access {
        /**
         * C[cOff …] (m×n, row-major) = A B, or C += A B when {@code accumulate}, with
         * A(i, p) = a[aOff + i·ars + p·acs] and B(p, j) = b[bOff + p·brs + j·bcs] ({@code MatMul.multiply}).
         */
        void multiply(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                      double[] c, int cOff, int m, int k, int n, boolean accumulate);

        /** c = a·b, or c += a·b when {@code accumulate}, for matrices of checked shapes ({@code MatMul.multiplyInto}). */
        void multiplyInto(Tensor a, Tensor b, double[] c, boolean accumulate);

        /** The multiply-adds from which a product is worth splitting over threads. */
        long parallelMinWork();

        /** body(0 … count − 1), on the pool when {@code parallel} ({@code Parallelism.forEach}). */
        void forEach(int count, boolean parallel, IntConsumer body);

        /** dst[i] += t[i] in row-major order, reading any strides in place ({@code Strided.addTo}). */
        void addTo(Tensor t, double[] dst);

        /** A tensor over a fresh row-major array, without copying it ({@code Tensor.wrap}). */
        Tensor wrap(Shape shape, double[] data);
    }

    private static volatile Access access;

    private TensorInternals() {
    }

    /**
     * body(0 … count − 1), split over the library's threads when {@code work} (the number of
     * elementary operations of all the calls together) is large enough to pay for it, else on the
     * calling thread. The calls must write disjoint parts of their output, so that the result does not
     * depend on the number of threads.
     */
    public static void parallelFor(int count, long work, IntConsumer body) {
        Access a = access();
        a.forEach(count, count > 1 && work >= a.parallelMinWork(), body);
    }

    /** Called once, by {@code org.nabla.tensor} when {@link Tensor} is initialised. */
    public static void install(Access a) {
        synchronized (TensorInternals.class) {
            if (access != null) {
                throw new IllegalStateException("TensorInternals.install: the kernels of org.nabla.tensor are already installed");
            }
            access = a;
        }
    }

    /** The kernels of {@code org.nabla.tensor} (initialising {@link Tensor} first if it was not). */
    static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("TensorInternals: org.nabla.tensor.Tensor cannot be loaded", e);
            }
            a = access;
        }
        return a;
    }
}
