package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

/** Every error of the Linalg facade names the operation and the shapes (docs/design.md, decision 7). */
class LinalgErrorsTest {
    private static final Tensor VECTOR = Tensor.of(1, 2, 3);
    private static final Tensor WIDE = Tensor.zeros(3, 4);
    private static final Tensor SINGULAR = Tensor.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 1, 1}});

    private static void assertRejects(Function<Tensor, Object> op, Tensor input, String message) {
        assertThatThrownBy(() -> op.apply(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void squareOperationsRejectNonSquareAndRankBelowTwo() {
        assertRejects(Linalg::det, WIDE, "det: expected a square matrix, got shape [3, 4]");
        assertRejects(Linalg::det, VECTOR, "det: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::det, Tensor.scalar(2), "det: expected a matrix (at least 2 axes), got shape []");
        assertRejects(Linalg::inverse, WIDE, "inverse: expected a square matrix, got shape [3, 4]");
        assertRejects(Linalg::inverse, VECTOR, "inverse: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::slogdet, Tensor.zeros(2, 3, 4), "slogdet: expected a square matrix, got shape [2, 3, 4]");
        assertRejects(Linalg::cholesky, WIDE, "cholesky: expected a square matrix, got shape [3, 4]");
        assertRejects(Linalg::cholesky, VECTOR, "cholesky: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::eigh, WIDE, "eigh: expected a square matrix, got shape [3, 4]");
        assertRejects(Linalg::eigvalsh, VECTOR, "eigvalsh: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(a -> Linalg.solve(a, VECTOR), WIDE, "solve: expected a square matrix, got shape [3, 4]");
        assertRejects(a -> Linalg.solve(a, VECTOR), VECTOR,
                "solve: expected a matrix (at least 2 axes), got shape [3]");
    }

    @Test
    void otherOperationsRejectRankBelowTwo() {
        assertRejects(Linalg::svd, VECTOR, "svd: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::svdvals, VECTOR, "svdvals: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::qr, VECTOR, "qr: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::lu, VECTOR, "lu: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(Linalg::pinv, VECTOR, "pinv: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(a -> Linalg.lstsq(a, VECTOR), VECTOR,
                "lstsq: expected a matrix (at least 2 axes), got shape [3]");
        assertRejects(a -> Linalg.matrixRank(a), VECTOR, "matrixRank: expected a matrix (2 axes), got shape [3]");
        assertRejects(a -> Linalg.matrixRank(a), Tensor.zeros(2, 3, 3),
                "matrixRank: expected a matrix (2 axes), got shape [2, 3, 3]");
        assertRejects(a -> Linalg.matrixRank(a, 1e-3), VECTOR, "matrixRank: expected a matrix (2 axes), got shape [3]");
        assertRejects(a -> Linalg.cond(a), Tensor.zeros(2, 3, 3),
                "cond: expected a matrix (2 axes), got shape [2, 3, 3]");
        assertRejects(a -> Linalg.cond(a), Tensor.zeros(0, 3), "cond: expected a non-empty matrix, got shape [0, 3]");
    }

    @Test
    void singularMatricesNameThePivot() {
        assertRejects(Linalg::inverse, SINGULAR, "inverse: matrix is singular (pivot 2 is 0.0)");
        assertRejects(a -> Linalg.solve(a, VECTOR), SINGULAR, "solve: matrix is singular (pivot 2 is 0.0)");
        assertRejects(Linalg::inverse, Tensor.zeros(2, 2), "inverse: matrix is singular (pivot 0 is 0.0)");
        Tensor stack = Tensor.stack(0, Tensor.eye(3), SINGULAR);
        assertRejects(Linalg::inverse, stack,
                "inverse: matrix is singular (pivot 2 is 0.0) (in matrix [1] of the batch of shape [2, 3, 3])");
        assertRejects(a -> Linalg.solve(a, Tensor.ones(2, 3, 1)), stack,
                "solve: matrix is singular (pivot 2 is 0.0) (in matrix [1] of the batch of shape [2, 3, 3])");
    }

    @Test
    void solveNamesBothShapesWhenTheyDoNotMatch() {
        Tensor a = Tensor.eye(3);
        assertRejects(x -> Linalg.solve(x, Tensor.of(1, 2, 3, 4)), a, "solve: A has shape [3, 3] but B has shape [4]");
        assertRejects(x -> Linalg.solve(x, Tensor.zeros(4, 2)), a, "solve: A has shape [3, 3] but B has shape [4, 2]");
        assertRejects(x -> Linalg.solve(x, Tensor.scalar(1)), a, "solve: A has shape [3, 3] but B has shape []");
        assertRejects(x -> Linalg.solve(x, Tensor.zeros(4, 3, 1)), Tensor.zeros(2, 3, 3),
                "solve: the leading (batch) axes of A [2, 3, 3] and B [4, 3, 1] cannot be broadcast");
        assertRejects(x -> Linalg.lstsq(x, Tensor.of(1, 2)), Tensor.zeros(3, 2),
                "lstsq: A has shape [3, 2] but B has shape [2]");
    }

    @Test
    void decompositionFailuresInsideTheFacade() {
        assertRejects(Linalg::cholesky, Tensor.of(new double[][] {{1, 2}, {2, 1}}),
                "cholesky: matrix is not positive definite (pivot 1 is -3.0)");
        assertRejects(Linalg::cholesky, Tensor.stack(0, Tensor.eye(2), Tensor.eye(2).neg()),
                "cholesky: matrix is not positive definite (pivot 0 is -1.0)");
        assertRejects(Linalg::cholesky, Tensor.stack(0, Tensor.eye(2), Tensor.eye(2).neg()),
                "(in matrix [1] of the batch of shape [2, 2, 2])");
        assertRejects(Linalg::eigh, Tensor.of(new double[][] {{1, 2}, {3, 4}}),
                "eigh: matrix is not symmetric (A[0, 1] = 2.0 but A[1, 0] = 3.0)");
        assertRejects(Linalg::eigvalsh, Tensor.of(new double[][] {{1, 2}, {3, 4}}),
                "eigvalsh: matrix is not symmetric");
        assertRejects(Linalg::svdvals, Tensor.of(new double[][] {{1, Double.NaN}}),
                "svdvals: matrix has a non-finite entry A[0, 1] = NaN");
        assertRejects(Linalg::pinv, Tensor.of(new double[][] {{Double.NaN}}), "pinv: matrix has a non-finite entry");
    }

    @Test
    void normRejectsUnknownOrdersAndMismatchedRanks() {
        Tensor m = Tensor.eye(2);
        assertRejects(a -> Linalg.norm(a, "max"), m,
                "norm: unknown ord \"max\" (expected \"fro\", \"nuc\", \"1\", \"-1\", \"2\", \"-2\","
                        + " \"inf\" or \"-inf\")");
        assertRejects(a -> Linalg.norm(a, 3), m, "norm: ord 3.0 is not a matrix norm");
        assertRejects(a -> Linalg.norm(a, "fro"), VECTOR,
                "norm: ord \"fro\" needs a matrix (at least 2 axes), got shape [3]");
        assertRejects(a -> Linalg.norm(a, "nuc"), VECTOR, "norm: ord \"nuc\" needs a matrix");
        assertRejects(Linalg::norm, Tensor.scalar(1), "norm: expected a vector or a matrix, got shape []");
    }
}
