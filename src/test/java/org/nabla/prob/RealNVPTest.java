package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;
import org.junit.jupiter.api.Test;

class RealNVPTest {
    @Test
    void logDetEqualsSlogdetOfTheAutodiffJacobian() {
        RealNVP flow = new RealNVP(4, 4, 8, new Rng(1));
        Rng rng = new Rng(2);
        for (int trial = 0; trial < 3; trial++) {
            Tensor x = Tensor.randn(rng, 4);
            Tensor jacobian = Autodiff.jacobian(v -> flow.forward(v.reshape(1, 4)).reshape(4), x);
            assertThat(jacobian.dims()).containsExactly(4, 4);
            Linalg.SignLogDet sld = Linalg.slogdet(jacobian);
            double logDet = flow.transform(Variable.constant(x.reshape(1, 4))).logDet().item();
            assertThat(sld.sign().item()).isEqualTo(1.0);
            assertThat(logDet).isCloseTo(sld.logAbsDet().item(), within(1e-10));
            assertThat(Math.abs(logDet)).as("a non-trivial volume change").isGreaterThan(1e-3);
        }
    }

    @Test
    void oneCouplingHasATriangularJacobianWithDiagonalExpS() {
        AffineCoupling c = new AffineCoupling(Tensor.of(1, 0, 1), 5, new Rng(4));
        Tensor x = Tensor.of(0.3, -1.2, 0.8);
        Tensor j = Autodiff.jacobian(v -> c.forward(v), x);
        // the masked entries 0 and 2 pass through: rows 0 and 2 of J are unit vectors
        assertThat(j.select(0, 0).toArray()).containsExactly(1.0, 0.0, 0.0);
        assertThat(j.select(0, 2).toArray()).containsExactly(0.0, 0.0, 1.0);
        assertThat(j.get(1, 1)).isCloseTo(Math.exp(c.transform(Variable.constant(x)).logDet().item()), within(1e-12));
    }

    @Test
    void inverseInvertsToTenDigits() {
        RealNVP flow = new RealNVP(3, 6, 16, new Rng(5));
        Tensor x = Tensor.randn(new Rng(6), 50, 3).mul(2.0);
        Tensor back = flow.inverse(flow.forward(Variable.constant(x))).value();
        assertThat(back.sub(x).abs().max().item()).isLessThan(1e-10);
        Tensor z = Tensor.randn(new Rng(7), 50, 3);
        Tensor again = flow.forward(flow.inverse(Variable.constant(z))).value();
        assertThat(again.sub(z).abs().max().item()).isLessThan(1e-10);
    }

    @Test
    void logProbIsTheChangeOfVariablesAndDifferentiable() {
        RealNVP flow = new RealNVP(2, 3, 6, new Rng(8));
        Tensor x = Tensor.of(new double[][] {{0.2, -0.4}, {1.0, 0.5}});
        AffineCoupling.Transformed t = flow.transform(Variable.constant(x));
        Normal base = Normal.standard(2);
        double[] expected = base.logProb(t.value()).value().sum(-1).add(t.logDet().value()).toArray();
        assertThat(flow.logProb(Variable.constant(x)).value().toArray()).containsExactly(expected[0], expected[1]);
        GradCheck.check(in -> flow.logProb(in.get(0)).sum(), x).assertPassed();
    }

    @Test
    void logProbIntegratesToOneIn2d() {
        // a shallow flow keeps the mass inside [−10, 10]²; midpoint rule on a 200 × 200 grid
        RealNVP flow = new RealNVP(2, 2, 4, new Rng(9));
        int n = 200;
        double h = 20.0 / n;
        double[] grid = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                grid[2 * (i * n + j)] = -10 + (i + 0.5) * h;
                grid[2 * (i * n + j) + 1] = -10 + (j + 0.5) * h;
            }
        }
        Tensor p = flow.logProb(Variable.constant(Tensor.of(new int[] {n * n, 2}, grid))).value().exp();
        assertThat(p.sum().item() * h * h).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void shapesAreChecked() {
        RealNVP flow = new RealNVP(2, 2, 4, new Rng(1));
        assertThatThrownBy(() -> flow.forward(Variable.constant(Tensor.zeros(3, 3))))
                .hasMessageContaining("AffineCoupling(D=2): expected input of shape (…, 2), got [3, 3]");
        assertThatThrownBy(() -> new AffineCoupling(Tensor.of(1, 1), 4, new Rng(1))).hasMessageContaining("both 0s and 1s");
        assertThatThrownBy(() -> new RealNVP(1, 2, 4, new Rng(1))).hasMessageContaining("dimension ≥ 2");
    }
}
