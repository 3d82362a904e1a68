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

    /**
     * Per example, for a shared matrix B (k, p) and batched A (…, m, k) with the examples along one
     * of C's axes other than the last: B̄ᵢ = Σ over the other rows r of C of Aᵢᵣ ⊗ C̄ᵢᵣ, the rows of A
     * and C̄ that belong to example i (all positions of a sequence, for instance). For a shared matrix
     * A (m, k) and batched B (…, k, p) with the examples along an axis other than the rows of C:
     * Āᵢ = Σ over the columns and batch positions c of example i of C̄[…, :, c] ⊗ B[…, :, c]. Kept as
     * outer products; null for a shared operand of rank above 2 or a batched operand that is itself
     * broadcast.
     */
    @Override
    protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
        Tensor shared = input(input).value();
        Tensor batched = input(1 - input).value();
        int rank = g.rank();
        if (shared.rank() != 2 || batched.rank() != rank || !batchedAxesMatch(batched, g)) {
            return null;
        }
        int n = g.dim(exampleAxis);
        if (input == 1 && exampleAxis < rank - 1) {
            return PerExampleCotangent.outerProducts(
                    PerExampleCotangent.toFront(batched, exampleAxis).reshape(n, -1, shared.dim(0)),
                    PerExampleCotangent.toFront(g, exampleAxis).reshape(n, -1, shared.dim(1)));
        }
        if (input == 0 && exampleAxis != rank - 2) {
            int axis = exampleAxis == rank - 1 ? rank - 2 : exampleAxis;
            return PerExampleCotangent.outerProducts(
                    PerExampleCotangent.toFront(g.transpose(), axis).reshape(n, -1, shared.dim(0)),
                    PerExampleCotangent.toFront(batched.transpose(), axis).reshape(n, -1, shared.dim(1)));
        }
        return null;
    }

    /** True when the batched operand has C's leading (batch) axes, not broadcast along any. */
    private static boolean batchedAxesMatch(Tensor batched, Tensor g) {
        for (int i = 0; i < g.rank() - 2; i++) {
            if (batched.dim(i) != g.dim(i)) {
                return false;
            }
        }
        return true;
    }
}
