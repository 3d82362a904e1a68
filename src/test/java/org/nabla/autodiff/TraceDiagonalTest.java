package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Tensor and Variable trace and diagonal: NumPy's values, central differences, tr(AB) = tr(BA). */
class TraceDiagonalTest {
    private static final Tensor A34 = Tensor.arange(12).reshape(3, 4);

    @Test
    void diagonalsOfA3By4MatrixAreNumpys() {
        // numpy.diagonal(numpy.arange(12.).reshape(3, 4), k) for k = -4 … 5
        double[][] expected = {{}, {}, {8}, {4, 9}, {0, 5, 10}, {1, 6, 11}, {2, 7}, {3}, {}, {}};
        for (int k = -4; k <= 5; k++) {
            Tensor d = A34.diagonal(k);
            assertThat(d.dims()).as("offset %d", k).containsExactly(expected[k + 4].length);
            assertThat(d.toArray()).as("offset %d", k).containsExactly(expected[k + 4]);
            assertThat(Variable.leaf(A34).diagonal(k).value()).as("variable, offset %d", k).isEqualTo(d);
        }
        assertThat(A34.diagonal()).isEqualTo(Tensor.of(0, 5, 10));
        assertThat(A34.trace().item()).isEqualTo(15.0);
        assertThat(A34.trace().rank()).isZero();
    }

    @Test
    void diagonalOfAViewReadsTheViewsEntries() {
        Tensor t = A34.transpose();                    // 4×3, not contiguous
        assertThat(t.diagonal(1)).isEqualTo(t.contiguous().diagonal(1)).isEqualTo(Tensor.of(4, 9));
        Tensor s = A34.slice(1, 1, 4);                 // columns 1..3, offset into the storage
        assertThat(s.diagonal()).isEqualTo(Tensor.of(1, 6, 11));
        assertThat(s.diagonal(-1)).isEqualTo(Tensor.of(5, 10));
        assertThat(Variable.leaf(t).diagonal(1).value()).isEqualTo(Tensor.of(4, 9));
    }

    @Test
    void gradientsPassCentralDifferences() {
        Tensor a = Tensor.randn(new Rng(3), 3, 5);
        for (int k = -3; k <= 5; k++) {
            int offset = k;
            GradCheck.check(in -> in.get(0).diagonal(offset).square().sum().add(in.get(0).sum().mul(0.1)), a)
                    .assertPassed();
        }
        GradCheck.check(in -> in.get(0).trace().mul(in.get(0).trace()), Tensor.randn(new Rng(4), 4, 4)).assertPassed();
        // ∂ tr A / ∂A = the identity pattern of A's shape
        Variable x = Variable.leaf(Tensor.randn(new Rng(5), 3, 4));
        Tensor g = x.trace().backward().of(x);
        assertThat(g).isEqualTo(Tensor.eye(4).slice(0, 0, 3));
        // second derivative: ∂²(tr A)² / ∂A² applied to a direction V is 2 tr(V) I
        Tensor v = Tensor.randn(new Rng(6), 3, 3);
        Tensor hv = Autodiff.hvp(in -> in.trace().square(), Tensor.randn(new Rng(7), 3, 3), v);
        assertThat(hv.allClose(Tensor.eye(3).mul(2 * v.trace().item()), 1e-12, 1e-12)).isTrue();
    }

    @Test
    void traceOfAProductIsSymmetricAndItsGradientIsTheOtherFactorTransposed() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 5; trial++) {
            Tensor a = Tensor.randn(rng, 3, 6);
            Tensor b = Tensor.randn(rng, 6, 3);
            assertThat(a.matmul(b).trace().item()).isCloseTo(b.matmul(a).trace().item(), within(1e-12));
            Variable va = Variable.leaf(a);
            Variable vb = Variable.leaf(b);
            Gradients g = va.matmul(vb).trace().backward();
            assertThat(g.of(va).allClose(b.transpose(), 1e-14, 1e-14)).isTrue();   // ∂tr(AB)/∂A = Bᵀ
            assertThat(g.of(vb).allClose(a.transpose(), 1e-14, 1e-14)).isTrue();   // ∂tr(AB)/∂B = Aᵀ
        }
        // tr A = sum of the eigenvalues: a symmetric matrix with known spectrum Q diag(1, 2, 3) Qᵀ
        Tensor q = org.nabla.tensor.linalg.Linalg.qr(Tensor.randn(new Rng(12), 3, 3)).q();
        Tensor s = q.matmul(Tensor.of(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}})).matmul(q.transpose());
        assertThat(s.trace().item()).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void onlyMatricesHaveADiagonalOrATrace() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).diagonal())
                .hasMessage("diagonal: expected a matrix (rank 2), got shape [2, 3, 4]");
        assertThatThrownBy(() -> Tensor.of(1, 2).trace()).hasMessage("trace: expected a matrix (rank 2), got shape [2]");
        assertThatThrownBy(() -> Variable.leaf(Tensor.of(1, 2)).trace())
                .hasMessage("trace: expected a matrix (rank 2), got shape [2]");
        assertThatThrownBy(() -> Variable.leaf(Tensor.zeros(2, 2, 2)).diagonal(1))
                .hasMessage("diagonal: expected a matrix (rank 2), got shape [2, 2, 2]");
    }
}
