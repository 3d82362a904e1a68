package org.nabla.tensor;

import java.util.function.IntConsumer;
import org.nabla.tensor.internal.TensorInternals;

/** The package-private kernels of this package, handed to {@link org.nabla.tensor.internal} (see {@link TensorInternals}). */
final class InternalAccess implements TensorInternals.Access {
    @Override
    public void multiply(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                         double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        MatMul.multiply(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void multiplyInto(Tensor a, Tensor b, double[] c, boolean accumulate) {
        MatMul.multiplyInto(a, b, c, accumulate);
    }

    @Override
    public long parallelMinWork() {
        return MatMul.PARALLEL_MIN_WORK;
    }

    @Override
    public void forEach(int count, boolean parallel, IntConsumer body) {
        Parallelism.forEach(count, parallel, body);
    }

    @Override
    public void addTo(Tensor t, double[] dst) {
        Strided.addTo(t, dst);
    }

    @Override
    public Tensor wrap(Shape shape, double[] data) {
        return Tensor.wrap(shape, data);
    }
}
