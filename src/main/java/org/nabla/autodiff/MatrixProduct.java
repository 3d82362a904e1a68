package org.nabla.autodiff;

import org.nabla.tensor.Tensor;

/**
 * The matrix product C = A B for operands of rank ≥ 2 (leading batch axes broadcast):
 * Cᵢⱼ = Σₖ AᵢₖBₖⱼ;  Ā = C̄ Bᵀ, B̄ = Aᵀ C̄ (each summed over broadcast batch axes by the engine).
 * One-dimensional operands are promoted by {@link Variable#matmul} with reshapes.
 */
final class MatrixProduct extends Operation {
    MatrixProduct() {
        super("matmul");
    }

    @Override
    protected Tensor forward(Tensor[] x) {
        return x[0].matmul(x[1]);
    }

    @Override
    protected Variable jvp(Variable[] t) {
        return bilinearJvp(t, input(0), input(1), (a, b) -> new MatrixProduct().apply(a, b));
    }

    @Override
    protected Variable[] backward(Variable g) {
        return new Variable[] {
            needsGrad(0) ? g.matmul(input(1).transpose()) : null,
            needsGrad(1) ? input(0).transpose().matmul(g) : null};
    }
}
