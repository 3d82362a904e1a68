package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class MatrixCalculusTest {
    private static Tensor wellConditioned(Rng rng, int n) {
        return Tensor.randn(rng, n, n).add(Tensor.eye(n).mul(n));
    }

    private static Tensor spd(Rng rng, int n) {
        Tensor b = Tensor.randn(rng, n, n);
        return b.matmul(b.transpose()).add(Tensor.eye(n));
    }

    @Test
    void gradCheckEveryMatrixFunction() {
        Rng rng = new Rng(31);
        GradCheck.check(in -> MatrixCalculus.det(in.get(0)), wellConditioned(rng, 4)).assertPassed();
        GradCheck.check(in -> MatrixCalculus.inverse(in.get(0)), wellConditioned(rng, 3)).assertPassed();
        GradCheck.check(in -> MatrixCalculus.solve(in.get(0), in.get(1)), wellConditioned(rng, 3), Tensor.randn(rng, 3, 2))
                .assertPassed();
        GradCheck.check(in -> MatrixCalculus.solve(in.get(0), in.get(1)), wellConditioned(rng, 3), Tensor.randn(rng, 3))
                .assertPassed();
        GradCheck.check(in -> MatrixCalculus.svdvals(in.get(0)), Tensor.randn(rng, 5, 3)).assertPassed();
        GradCheck.check(in -> MatrixCalculus.frobeniusNorm(in.get(0)), Tensor.randn(rng, 3, 4)).assertPassed();
        // symmetric inputs: differentiate through A ↦ (A + Aᵀ)/2 so perturbations stay symmetric
        GradCheck.check(in -> MatrixCalculus.cholesky(in.get(0).add(in.get(0).transpose()).mul(0.5)), spd(rng, 4))
                .assertPassed();
        GradCheck.check(in -> MatrixCalculus.eigvalsh(in.get(0).add(in.get(0).transpose()).mul(0.5)), spd(rng, 4))
                .assertPassed();
    }

    @Test
    void secondDerivativeOfLogDetIsMinusTheInverseSandwich() {
        // f(A) = det(A): ∂f/∂A = det(A) A⁻ᵀ; differentiate again along V and compare with finite differences
        Rng rng = new Rng(32);
        Tensor a = wellConditioned(rng, 3);
        Tensor v = Tensor.randn(rng, 3, 3);
        Tensor hv = Autodiff.hvp(x -> MatrixCalculus.det(x), a, v);
        double eps = 1e-5;
        Tensor gp = Autodiff.grad(x -> MatrixCalculus.det(x), a.add(v.mul(eps)));
        Tensor gm = Autodiff.grad(x -> MatrixCalculus.det(x), a.sub(v.mul(eps)));
        assertThat(hv.allClose(gp.sub(gm).div(2 * eps), 1e-6, 1e-8)).isTrue();
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> MatrixCalculus.det(Variable.leaf(Tensor.zeros(3, 4))))
                .hasMessageContaining("det: expected a square matrix, got shape [3, 4]");
        assertThatThrownBy(() -> MatrixCalculus.solve(Variable.leaf(Tensor.eye(3)), Variable.leaf(Tensor.zeros(4, 2))))
                .hasMessageContaining("solve: A has shape [3, 3] but B has shape [4, 2]");
        assertThatThrownBy(() -> MatrixCalculus.inverse(Variable.leaf(Tensor.zeros(2, 2))))
                .hasMessageContaining("singular");
    }
}
