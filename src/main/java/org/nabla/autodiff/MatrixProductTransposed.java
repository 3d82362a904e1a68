package org.nabla.autodiff;

import org.nabla.tensor.Tensor;

/**
 * The product with a transposed right factor, C = A Bᵀ for matrices A (m × k) and B (n × k):
 * Cᵢⱼ = Σₚ AᵢₚBⱼₚ — the product of a linear layer, y = x Wᵀ with W stored as (out, in). Its
 * vector-Jacobian products are the textbook ones of backpropagation through a linear layer
 * (Goodfellow, Bengio &amp; Courville, Deep Learning, §6.5.8):
 * <pre>
 *   Ā = C̄ B,   B̄ = C̄ᵀ A.
 * </pre>
 * It is {@code a.matmul(b.transpose())}, value for value; as a primitive of its own, B̄ is computed in
 * B's own layout rather than as the transpose of Aᵀ C̄, so that optimizers and gradient sums read it
 * in memory order.
 */
final class MatrixProductTransposed extends Operation {
    MatrixProductTransposed() {
        super("matmulTransposed");
    }

    @Override
    protected Tensor forward(Tensor[] x) {
        return x[0].matmul(x[1].transpose());
    }

    @Override
    protected Variable jvp(Variable[] t) {
        return bilinearJvp(t, input(0), input(1), (a, b) -> new MatrixProductTransposed().apply(a, b));
    }

    @Override
    protected Variable[] backward(Variable g) {
        return new Variable[] {
            needsGrad(0) ? g.matmul(input(1)) : null,
            needsGrad(1) ? g.transpose().matmul(input(0)) : null};
    }

    /**
     * B̄ = C̄ᵀ A summed straight into B's running cotangent — a weight used at every step of a
     * recurrent network then gets Σₜ C̄ₜᵀ Aₜ as one product of the concatenated matrices, without a
     * weight-sized tensor per step — and Ā = C̄ B added as usual. Only for a matrix A and a weight that
     * requires a gradient; otherwise {@link #backward} does the work.
     */
    @Override
    protected boolean addCotangentsInPlace(Tensor g, CotangentSums sums) {
        if (input(0).shape().rank() != 2 || !needsGrad(1)) {
            return false;
        }
        sums.of(1).addProduct(g.transpose(), input(0).value());
        if (needsGrad(0)) {
            sums.add(0, g.matmul(input(1).value()));
        }
        return true;
    }

    /**
     * Per example: with the examples along the rows of A, B̄ᵢ = C̄ᵢ ⊗ Aᵢ (the outer product of row i
     * of C̄ and row i of A: Goodfellow 2015); with the examples along the rows of B (axis 1 of C),
     * Āᵢ = C̄[:, i] ⊗ Bᵢ. Kept as outer products ({@link PerExampleCotangent#outerProducts}).
     */
    @Override
    protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
        int n = g.dim(exampleAxis);
        if (input == 1 && exampleAxis == 0) {
            return PerExampleCotangent.outerProducts(g.reshape(n, 1, g.dim(1)),
                    input(0).value().reshape(n, 1, input(0).shape().dim(1)));
        }
        if (input == 0 && exampleAxis == 1) {
            return PerExampleCotangent.outerProducts(g.transpose().reshape(n, 1, g.dim(0)),
                    input(1).value().reshape(n, 1, input(1).shape().dim(1)));
        }
        return null;
    }
}
