package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;
import org.nabla.testing.Reference;

/** Numerical facts the theory tools must reproduce. */
class TheoryFactsTest {

    @Test
    void gaussianExpectationOfMoments() {
        assertThat(GaussianExpectation.of(z -> z * z, 2.5)).isCloseTo(2.5, within(1e-13));
        assertThat(GaussianExpectation.of(z -> z * z * z * z, 0.7)).isCloseTo(3 * 0.49, within(1e-13));
        assertThat(GaussianExpectation.of(Math::abs, 1.0)).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-13));
        assertThat(GaussianExpectation.of(z -> 7.0, 0.0)).isEqualTo(7.0);
    }

    @Test
    void unknownActivationIsNamed() {
        assertThatThrownBy(() -> ScalarActivation.forName("mish")).hasMessageContaining("mish")
                .hasMessageContaining("relu");
    }

    @Test
    void activationDerivativesMatchCentralDifferences() {
        for (ScalarActivation a : ScalarActivation.values()) {
            for (double z : new double[] {-2.3, -0.4, 0.7, 3.1}) {
                double h = 1e-5;
                double d1 = (a.value(z + h) - a.value(z - h)) / (2 * h);
                double d2 = (a.derivative(z + h) - a.derivative(z - h)) / (2 * h);
                assertThat(a.derivative(z)).as(a + " σ′(" + z + ")").isCloseTo(d1, within(1e-8));
                assertThat(a.secondDerivative(z)).as(a + " σ″(" + z + ")").isCloseTo(d2, within(1e-8));
                double v = a.apply(Variable.constant(Tensor.scalar(z))).item();
                assertThat(v).as(a + " Variable form").isCloseTo(a.value(z), within(1e-14));
            }
        }
    }

    @Test
    void reluAtCriticalityKeepsTheKernelConstant() {
        double[] k = Criticality.kernelSequence(ScalarActivation.RELU, 0.0, 2.0, 1.7, 30);
        for (double v : k) {
            assertThat(v).isCloseTo(1.7, within(1e-12));
        }
        assertThat(Criticality.chiParallel(ScalarActivation.RELU, 2.0, 1.7)).isCloseTo(1.0, within(1e-12));
        assertThat(Criticality.chiPerpendicular(ScalarActivation.RELU, 2.0, 1.7)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void tanhKernelDecaysSlowlyAtCriticality() {
        double[] k = Criticality.kernelSequence(ScalarActivation.TANH, 0.0, 1.0, 1.0, 200);
        for (int l = 1; l < k.length; l++) {
            assertThat(k[l]).isLessThan(k[l - 1]);
        }
        // power law K⁽ˡ⁾ ~ 1/(2l) (PDLT §5.3.3), not exponential decay
        assertThat(k[199] * 200).isCloseTo(0.5, within(0.05));
    }

    @Test
    void criticalPointsHaveUnitSusceptibilities() {
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.GELU, ScalarActivation.SWISH}) {
            Criticality.CriticalPoint p = Criticality.criticalPoint(a).orElseThrow();
            double k = p.fixedPoint().orElseThrow();
            assertThat(Criticality.chiParallel(a, p.weightVariance(), k)).as(a + " χ∥").isCloseTo(1.0, within(1e-9));
            assertThat(Criticality.chiPerpendicular(a, p.weightVariance(), k)).as(a + " χ⊥").isCloseTo(1.0, within(1e-9));
            assertThat(Criticality.nextKernel(a, p.biasVariance(), p.weightVariance(), k)).isCloseTo(k, within(1e-9 * k));
        }
        assertThat(Criticality.criticalPoint(ScalarActivation.SIGMOID)).isEmpty();
        assertThat(Criticality.criticalPoint(ScalarActivation.SOFTPLUS)).isEmpty();
    }

    @Test
    void stableFixedPointIsFoundByIteration() {
        double k = Criticality.fixedPoint(ScalarActivation.TANH, 0.0, 1.5, 1.0);
        assertThat(Criticality.nextKernel(ScalarActivation.TANH, 0.0, 1.5, k)).isCloseTo(k, within(1e-13));
        assertThat(k).isCloseTo(0.2871, within(1e-3));
    }

    @Test
    void wideNetworkPreactivationMomentsFollowTheRecursion() {
        Tensor x = Tensor.randn(new Rng(3), 4, 50);
        double k1 = 2.0 * x.square().mean().item();
        double[] emp = Criticality.empiricalPreactivationMoments(ScalarActivation.RELU, 0.0, 2.0, x, 1500, 6, new Rng(7));
        for (double v : emp) {
            assertThat(v).isCloseTo(k1, within(0.15 * k1));
        }
    }

    @Test
    void agopOfALinearFunctionIsTheOuterProduct() {
        Tensor a = Tensor.of(1.5, -2.0, 0.5);
        Function<Variable, Variable> f = x -> x.matmul(Variable.constant(a.reshape(3, 1)));
        Tensor x = Tensor.randn(new Rng(1), 9, 3);
        Reference.assertClose("AGOP(aᵀx)", Agop.of(f, x), a.outer(a), 1e-14, 1e-14);
        Reference.assertClose("centered AGOP(aᵀx)", Agop.centered(f, x), Tensor.zeros(3, 3), 0, 1e-14);
    }

    @Test
    void matrixSquareRootSquaresBack() {
        Tensor b = Tensor.randn(new Rng(2), 5, 5);
        Tensor s = b.transpose().matmul(b);
        Tensor r = NeuralFeatureAnsatz.matrixPower(s, 0.5);
        Reference.assertClose("√A √A", r.matmul(r), s, 1e-10, 1e-10);
        assertThat(NeuralFeatureAnsatz.correlation(s, s.mul(3))).isCloseTo(1.0, within(1e-15));
    }

    private static Tensor symmetric(int n, long seed) {
        Tensor b = Tensor.randn(new Rng(seed), n, n);
        return b.add(b.transpose()).mul(0.5).add(Tensor.eye(n).mul(3.0));
    }

    @Test
    void lanczosFindsTheTopEigenvaluesOfAQuadratic() {
        int n = 12;
        Tensor q = symmetric(n, 5);
        Function<Variable, Variable> loss = x -> x.mul(x.matmul(Variable.constant(q))).sum().mul(0.5);
        double[] top = HessianSpectrum.topEigenvalues(loss, Tensor.zeros(n), 3, n, new Rng(11));
        double[] exact = SymmetricEigen.eigenvalues(q).toArray();
        for (int i = 0; i < 3; i++) {
            assertThat(top[i]).isCloseTo(exact[n - 1 - i], within(1e-8));
        }
    }

    @Test
    void hutchinsonTraceIsWithinFivePercent() {
        int n = 20;
        Tensor q = symmetric(n, 9).add(Tensor.eye(n).mul(2.0));
        Function<Variable, Variable> loss = x -> x.mul(x.matmul(Variable.constant(q))).sum().mul(0.5);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            exact += q.get(i, i);
        }
        double est = HessianSpectrum.hutchinsonTrace(loss, Tensor.zeros(n), 1000, new Rng(13));
        assertThat(est).isCloseTo(exact, within(0.05 * Math.abs(exact)));
    }

    @Test
    void wideTwoLayerReluNtkApproachesItsLimit() {
        int d = 3;
        int m = 20000;
        Rng rng = new Rng(17);
        Variable w = Variable.leaf(Tensor.randn(rng, m, d));
        Variable a = Variable.leaf(Tensor.randn(rng, 1, m));
        Tensor x = Tensor.randn(new Rng(19), 4, d);
        Tensor emp = NeuralTangentKernel.empirical(java.util.List.of(w, a),
                xv -> xv.matmul(w.transpose()).relu().matmul(a.transpose()).mul(1 / Math.sqrt(m)), x);
        Tensor limit = NeuralTangentKernel.infiniteWidthTwoLayerRelu(x, x);
        double scale = limit.abs().max().item();
        Reference.assertClose("wide NTK", emp, limit, 0, 0.05 * scale);
    }

    @Test
    void rfmFeatureMatrixIsSymmetricPositiveSemidefiniteOnAMultiOutputProblem() {
        // (the digits-sized run, n = 1797, d = 64, c = 10, is timed in docs/theory.md, not here: no timing assertions)
        Rng rng = new Rng(23);
        Tensor x = Tensor.rand(rng, 400, 16);
        Tensor y = Tensor.randn(rng, 400, 3);
        RecursiveFeatureMachine.Result r = RecursiveFeatureMachine.train(x, y, x.slice(0, 0, 50), y.slice(0, 0, 50),
                10.0, 1e-3, 1, false);
        Tensor m = r.finalFeatureMatrix();
        assertThat(m.dims()).containsExactly(16, 16);
        assertThat(m.allClose(m.transpose(), 1e-12, 1e-14)).isTrue();
        assertThat(org.nabla.tensor.linalg.Linalg.eigvalsh(m).min().item()).isGreaterThan(-1e-10 * m.abs().max().item());
    }
}
