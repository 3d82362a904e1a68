package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.LU;

/** Properties of the RFM with the authors' options: KRR at M = I, exact gradients, AGOP identities. */
class FeatureMachineTest {
    private static final List<RfmKernel> KERNELS = List.of(new RfmKernel.Gaussian(1.3), new RfmKernel.Laplace(2.0),
            new RfmKernel.GeneralizedLaplace(1.7, 1.5));

    private static Tensor psd(Rng rng, int d) {
        Tensor a = Tensor.randn(rng, d, d);
        return a.transpose().matmul(a).div(d).add(Tensor.eye(d).mul(0.1));
    }

    /** n Gaussian points in ℝᵈ with the target y = x₀x₁. */
    private static FeatureMachine.Split productTask(Rng rng, int n, int d) {
        Tensor x = Tensor.randn(rng, n, d);
        return new FeatureMachine.Split(x, x.slice(1, 0, 1).mul(x.slice(1, 1, 2)));
    }

    /** K(z, x) by the definition, one pair at a time with the difference formed directly. */
    private static Tensor kernelByDefinition(RfmKernel k, Tensor z, Tensor x, Tensor m) {
        double[][] out = new double[z.dim(0)][x.dim(0)];
        for (int j = 0; j < z.dim(0); j++) {
            for (int i = 0; i < x.dim(0); i++) {
                Tensor u = z.select(0, j).sub(x.select(0, i));
                out[j][i] = k.value(u.dot(m.matmul(u)));
            }
        }
        return Tensor.of(out);
    }

    @Test
    void withTheIdentityTheFirstRoundIsKernelRidgeRegressionByDirectSolve() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 30, 4);
        Tensor y = Tensor.randn(rng, 30, 2);
        Tensor xt = Tensor.randn(rng, 12, 4);
        for (RfmKernel k : KERNELS) {
            RfmOptions o = RfmOptions.builder().kernel(k).ridge(0.05).iterations(0).build();
            RfmHistory h = FeatureMachine.train(new FeatureMachine.Split(x, y), o, null,
                    new FeatureMachine.Split(xt, Tensor.zeros(12, 2)));
            Tensor kxx = kernelByDefinition(k, x, x, Tensor.eye(4));
            Tensor alpha = LU.of(kxx.add(Tensor.eye(30).mul(0.05))).solve(y);
            Tensor expected = kernelByDefinition(k, xt, x, Tensor.eye(4)).matmul(alpha);
            assertThat(h.rounds()).hasSize(1);
            assertThat(h.last().predictor().coefficients().allClose(alpha, 1e-9, 1e-11)).as(k + " α").isTrue();
            assertThat(h.last().predictor().predict(xt).allClose(expected, 1e-9, 1e-11)).as(k + " f(X_test)").isTrue();
            assertThat(h.last().test().mse()).isCloseTo(expected.square().mean().item(), within(1e-10));
        }
    }

    @Test
    void gradientsAreTheClosedFormAndAgreeWithCentralDifferences() {
        Rng rng = new Rng(5);
        int d = 3;
        Tensor x = Tensor.randn(rng, 15, d);
        Tensor y = Tensor.randn(rng, 15, 2);
        Tensor m = psd(rng, d);
        Tensor z = Tensor.randn(rng, 4, d);
        double eps = 1e-5;
        for (RfmKernel k : KERNELS) {
            KernelPredictor f = KernelPredictor.fit(x, y, m, k, 1e-2);
            Tensor g = f.gradients(z); // (c, q, d)
            double[][] zz = z.toArray2d();
            for (int j = 0; j < 4; j++) {
                for (int e = 0; e < d; e++) {
                    double[][] plus = z.toArray2d();
                    double[][] minus = z.toArray2d();
                    plus[j][e] = zz[j][e] + eps;
                    minus[j][e] = zz[j][e] - eps;
                    Tensor diff = f.predict(Tensor.of(plus)).sub(f.predict(Tensor.of(minus))).div(2 * eps);
                    for (int c = 0; c < 2; c++) {
                        double fd = diff.get(j, c);
                        assertThat(g.get(c, j, e)).as(k + " ∂f_" + c + "/∂z[" + j + "," + e + "]")
                                .isCloseTo(fd, within(1e-7 * Math.max(1, Math.abs(fd))));
                    }
                }
            }
            // the fast AGOP is the AGOP of these gradients
            for (boolean centered : new boolean[] {false, true}) {
                assertThat(f.agop(z, centered).allClose(Agop.ofGradients(g, centered), 1e-10, 1e-13)).isTrue();
            }
        }
    }

    @Test
    void trainingAgopDropsTheSelfTermAndMatchesTheExplicitSum() {
        Rng rng = new Rng(8);
        Tensor x = Tensor.randn(rng, 20, 3);
        Tensor y = Tensor.randn(rng, 20, 1);
        for (RfmKernel k : KERNELS) {
            KernelPredictor f = KernelPredictor.fit(x, y, psd(rng, 3), k, 1e-3);
            Tensor byPoints = f.agop(x, true);
            assertThat(f.trainAgop(true).allClose(byPoints, 1e-9, 1e-12)).as(k.toString()).isTrue();
            assertThat(f.trainAgop(false).allClose(Agop.ofGradients(f.gradients(x), false), 1e-9, 1e-12)).isTrue();
        }
    }

    @Test
    void sparseInputsTakeTheColumnPathAndGiveTheSameGradients() {
        ModularArithmetic task = ModularArithmetic.of(ModularArithmetic.Operation.ADD, 5);
        int[] train = task.randomTrainPairs(0.6, new Rng(1));
        Tensor x = task.inputs(train);
        Tensor y = task.targets(train);
        Tensor m = psd(new Rng(2), 10);
        KernelPredictor f = KernelPredictor.fit(x, y, m, new RfmKernel.Gaussian(2.5), 1e-3);
        Tensor z = x.add(0.25); // dense points: the dense path, same centres
        Tensor g = f.gradients(z);
        // the dense path, by the definition: −M Σᵢ αᵢ wᵢ (z − xᵢ)
        Tensor k = kernelByDefinition(new RfmKernel.Gaussian(2.5), z, x, m).div(2.5 * 2.5);
        Tensor alpha = f.coefficients();
        for (int c = 0; c < 5; c++) {
            Tensor ac = alpha.select(1, c).reshape(-1, 1);
            Tensor h = k.matmul(ac).mul(z).sub(k.matmul(x.mul(ac)));
            assertThat(g.select(0, c).allClose(h.matmul(m).mul(-1), 1e-10, 1e-12)).as("class " + c).isTrue();
        }
        assertThat(f.trainAgop(true).allClose(f.agop(x, true), 1e-10, 1e-13)).isTrue();
    }

    @Test
    void agopOfALinearPredictorIsBTransposeB() {
        Rng rng = new Rng(11);
        Tensor b = Tensor.randn(rng, 3, 5);
        Tensor x = Tensor.randn(rng, 17, 5);
        Tensor agop = Agop.of((Variable v) -> v.matmul(Variable.leaf(b.transpose())), x);
        assertThat(agop.allClose(b.transpose().matmul(b), 1e-14, 1e-15)).isTrue();
        assertThat(Agop.centered((Variable v) -> v.matmul(Variable.leaf(b.transpose())), x).abs().max().item())
                .isLessThan(1e-14);
    }

    @Test
    void updateNormalisesAndTakesThePower() {
        Tensor a = psd(new Rng(4), 6);
        RfmOptions max = RfmOptions.builder().normalization(RfmOptions.Normalization.MAX).build();
        Tensor m1 = FeatureMachine.update(a, max);
        assertThat(m1.max().item()).isEqualTo(1.0);
        assertThat(m1.mul(a.max().item()).allClose(a, 1e-14, 1e-15)).isTrue();
        RfmOptions half = RfmOptions.builder().agopPower(0.5).build();
        Tensor r = FeatureMachine.update(a, half);
        assertThat(r.matmul(r).allClose(a, 1e-10, 1e-12)).as("(A^½)² = A").isTrue();
        RfmOptions diag = RfmOptions.builder().diagonal(true).build();
        assertThat(FeatureMachine.update(a, diag)).isEqualTo(a.mul(Tensor.eye(6)));
    }

    @Test
    void theNotebookVariantIsTheLibrarysFirstRfm() {
        Rng rng = new Rng(9);
        FeatureMachine.Split train = productTask(rng, 40, 5);
        FeatureMachine.Split test = productTask(rng, 10, 5);
        RecursiveFeatureMachine.Result old = RecursiveFeatureMachine.train(train.x(), train.y(), test.x(), test.y(), 10,
                1e-3, 3, false);
        RfmHistory h = FeatureMachine.train(train, RfmOptions.builder().iterations(3).build(), null, test);
        for (int t = 0; t < 3; t++) {
            assertThat(h.updates().get(t).allClose(old.featureMatrices().get(t), 1e-8, 1e-12)).isTrue();
        }
        assertThat(Tensor.of(h.testMse()).allClose(Tensor.of(old.testMse()), 1e-8, 0)).isTrue();
    }

    @Test
    void bestRoundIsChosenOnTheValidationSplit() {
        Rng rng = new Rng(12);
        RfmHistory h = FeatureMachine.train(productTask(rng, 60, 6), RfmOptions.builder().iterations(4).build(),
                productTask(rng, 30, 6), null);
        double[] v = h.perRound(r -> r.validation().mse());
        RfmHistory.Round best = h.bestByValidationMse();
        for (double e : v) {
            assertThat(best.validation().mse()).isLessThanOrEqualTo(e);
        }
        assertThat(v[best.t()]).isEqualTo(best.validation().mse());
        assertThat(v[4]).as("feature learning helps on x₀x₁").isLessThan(v[0]);
        assertThatThrownBy(h::testAccuracy).isInstanceOf(IllegalStateException.class).hasMessageContaining("no test");
    }

    @Test
    void badOptionsAndSettingsAreRefusedLoudly() {
        assertThatThrownBy(() -> RfmOptions.builder().ridge(-1).build()).hasMessageContaining("ridge");
        assertThatThrownBy(() -> RfmOptions.builder().agopPower(0).build()).hasMessageContaining("power");
        assertThatThrownBy(() -> new RfmKernel.Gaussian(0)).hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> new RfmKernel.GeneralizedLaplace(1, 3)).hasMessageContaining("(0, 2]");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kernel", "gauss");
        s.put("bandwidth_L", 1.0);
        s.put("ridge", 0.0);
        s.put("rounds", 2);
        s.put("update", "M <- AGOP^(1/2) (PSD square root)");
        assertThat(RfmCaseSettings.options("ok", s, true).agopPower()).isEqualTo(0.5);
        s.put("momentum", 0.9);
        assertThatThrownBy(() -> RfmCaseSettings.options("c", s, true)).hasMessageContaining("unknown settings key 'momentum'");
        s.remove("momentum");
        s.put("update", "M <- something else");
        assertThatThrownBy(() -> RfmCaseSettings.options("c", s, true)).hasMessageContaining("'update'");
    }
}
