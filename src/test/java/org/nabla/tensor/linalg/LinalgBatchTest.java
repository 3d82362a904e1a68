package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Operations on (…, m, n) stacks agree, matrix by matrix, with the same operation on each matrix. */
class LinalgBatchTest {
    private static final int B0 = 2;
    private static final int B1 = 3;

    private static Tensor batch(long seed, int m, int n) {
        return Tensor.randn(new Rng(seed), B0, B1, m, n);
    }

    private static Tensor spdBatch(long seed, int n) {
        Tensor x = batch(seed, n, n);
        return x.matmul(x.transpose()).add(Tensor.eye(n).mul(n));
    }

    /** Asserts f(stack)[i, j] == f(stack[i, j]) exactly (the same code runs on each matrix). */
    private static void assertMatrixwise(String what, Tensor stack, Function<Tensor, Tensor> f) {
        Tensor all = f.apply(stack);
        for (int i = 0; i < B0; i++) {
            for (int j = 0; j < B1; j++) {
                Tensor one = f.apply(stack.select(0, i).select(0, j).contiguous());
                assertThat(all.select(0, i).select(0, j).dims()).as(what + " shape").containsExactly(one.dims());
                assertThat(maxAbs(all.select(0, i).select(0, j).sub(one))).as(what + "[" + i + ", " + j + "]").isZero();
            }
        }
    }

    @Test
    void squareOperations() {
        Tensor a = batch(1, 4, 4);
        Tensor spd = spdBatch(2, 4);
        assertMatrixwise("det", a, Linalg::det);
        assertMatrixwise("inverse", a, Linalg::inverse);
        assertMatrixwise("slogdet.sign", a, x -> Linalg.slogdet(x).sign());
        assertMatrixwise("slogdet.logAbsDet", a, x -> Linalg.slogdet(x).logAbsDet());
        assertMatrixwise("cholesky", spd, Linalg::cholesky);
        assertMatrixwise("eigh.values", spd, x -> Linalg.eigh(x).eigenvalues());
        assertMatrixwise("eigh.vectors", spd, x -> Linalg.eigh(x).eigenvectors());
        assertMatrixwise("eigvalsh", spd, Linalg::eigvalsh);
        assertThat(Linalg.det(a).dims()).containsExactly(B0, B1);
        assertThat(Linalg.eigh(spd).eigenvectors().dims()).containsExactly(B0, B1, 4, 4);
    }

    @Test
    void rectangularOperations() {
        for (int[] mn : new int[][] {{5, 3}, {3, 5}}) {
            Tensor a = batch(3 + mn[0], mn[0], mn[1]);
            assertMatrixwise("svdvals", a, Linalg::svdvals);
            assertMatrixwise("svd.u", a, x -> Linalg.svd(x).u());
            assertMatrixwise("svd.s", a, x -> Linalg.svd(x).s());
            assertMatrixwise("svd.v", a, x -> Linalg.svd(x, true).v());
            assertMatrixwise("qr.q", a, x -> Linalg.qr(x, true).q());
            assertMatrixwise("qr.r", a, x -> Linalg.qr(x).r());
            assertMatrixwise("lu.u", a, x -> Linalg.lu(x).u());
            assertMatrixwise("pinv", a, Linalg::pinv);
            assertMatrixwise("norm fro", a, x -> Linalg.norm(x, "fro"));
            assertMatrixwise("norm 2", a, x -> Linalg.norm(x, "2"));
            assertMatrixwise("norm inf", a, x -> Linalg.norm(x, "inf"));
            Tensor b = batch(4, mn[0], 2);
            Tensor x = Linalg.lstsq(a, b);
            assertThat(x.dims()).containsExactly(B0, B1, mn[1], 2);
            for (int i = 0; i < B0; i++) {
                for (int j = 0; j < B1; j++) {
                    Tensor one = Linalg.lstsq(a.select(0, i).select(0, j).contiguous(), b.select(0, i).select(0, j).contiguous());
                    assertThat(maxAbs(x.select(0, i).select(0, j).sub(one))).isZero();
                }
            }
        }
    }

    @Test
    void solveBroadcastsTheBatchAxesAndAcceptsVectorBatches() {
        Tensor a = Tensor.randn(new Rng(5), 2, 1, 4, 4);
        Tensor b = Tensor.randn(new Rng(6), 3, 4, 2);
        Tensor x = Linalg.solve(a, b);
        assertThat(x.dims()).containsExactly(2, 3, 4, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                Tensor one = Linalg.solve(a.select(0, i).select(0, 0).contiguous(), b.select(0, j).contiguous());
                assertThat(maxAbs(x.select(0, i).select(0, j).sub(one))).isZero();
            }
        }
        // a batch of vectors: A (3, 4, 4), b (3, 4) → x (3, 4)
        Tensor a3 = Tensor.randn(new Rng(7), 3, 4, 4);
        Tensor bv = Tensor.randn(new Rng(8), 3, 4);
        Tensor xv = Linalg.solve(a3, bv);
        assertThat(xv.dims()).containsExactly(3, 4);
        for (int i = 0; i < 3; i++) {
            assertThat(maxAbs(xv.select(0, i).sub(Linalg.solve(a3.select(0, i).contiguous(), bv.select(0, i).contiguous())))).isZero();
        }
        // one vector for the whole batch: b (4) → x (3, 4)
        Tensor single = Tensor.randn(new Rng(9), 4);
        Tensor xs = Linalg.solve(a3, single);
        assertThat(xs.dims()).containsExactly(3, 4);
        assertThat(maxAbs(xs.select(0, 2).sub(Linalg.solve(a3.select(0, 2).contiguous(), single)))).isZero();
    }

    @Test
    void viewsAreAcceptedAsInputs() {
        Tensor a = batch(10, 4, 4);
        Tensor at = a.transpose(); // a strided view
        assertThat(maxAbs(Linalg.det(at).sub(Linalg.det(at.contiguous())))).isZero();
        assertThat(maxAbs(Linalg.inverse(at).sub(Linalg.inverse(at.contiguous())))).isZero();
    }
}
