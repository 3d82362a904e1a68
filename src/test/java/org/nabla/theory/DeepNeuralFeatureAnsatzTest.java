package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** The deep ansatz: its exact identities and its value for random weights. */
class DeepNeuralFeatureAnsatzTest {
    /** He-initialised W (out, in) ~ N(0, 2/in) and b = 0 for the given widths. */
    private static List<Tensor> network(Rng rng, int... widths) {
        List<Tensor> p = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            p.add(Tensor.randn(rng, widths[l + 1], widths[l]).mul(Math.sqrt(2.0 / widths[l])));
            p.add(Tensor.zeros(widths[l + 1]));
        }
        return p;
    }

    @Test
    void atTheLastLayerTheAgopIsExactlyTheNeuralFeatureMatrix() {
        List<Tensor> net = network(new Rng(1), 4, 12, 9, 3);
        Tensor x = Tensor.randn(new Rng(2), 25, 4);
        Tensor agop = DeepNeuralFeatureAnsatz.layerAgop(net, ScalarActivation.TANH, x, 2);
        assertThat(agop.allClose(net.get(4).transpose().matmul(net.get(4)), 1e-13, 1e-14)).isTrue();
        assertThat(DeepNeuralFeatureAnsatz.correlations(net, ScalarActivation.TANH, x, 1.0)[2]).isCloseTo(1.0,
                within(1e-13));
    }

    @Test
    void everyLayerAgopIsWTransposeDW() {
        // AGOP_ℓ = W_ℓᵀ D_ℓ W_ℓ, D_ℓ the AGOP with respect to the preactivation z_ℓ = h_{ℓ−1}W_ℓᵀ + b_ℓ
        List<Tensor> net = network(new Rng(3), 5, 8, 7, 2);
        Tensor x = Tensor.randn(new Rng(4), 30, 5);
        List<Tensor> h = DeepNeuralFeatureAnsatz.layerInputs(net, ScalarActivation.GELU, x);
        for (int l = 0; l < 3; l++) {
            Tensor w = net.get(2 * l);
            Tensor z = h.get(l).matmul(w.transpose()).add(net.get(2 * l + 1));
            int next = l + 1;
            Tensor d = next == 3 ? Tensor.eye(2)
                    : Agop.of((Variable v) -> DeepNeuralFeatureAnsatz.tail(net, ScalarActivation.GELU, next)
                            .apply(ScalarActivation.GELU.apply(v)), z);
            Tensor expected = w.transpose().matmul(d).matmul(w);
            assertThat(DeepNeuralFeatureAnsatz.layerAgop(net, ScalarActivation.GELU, x, l).allClose(expected, 1e-10, 1e-13))
                    .as("layer " + l).isTrue();
        }
        // layer 0 is the AGOP of the whole network with respect to x
        assertThat(DeepNeuralFeatureAnsatz.layerAgop(net, ScalarActivation.GELU, x, 0)
                .allClose(Agop.of(MultilayerPerceptron.of(net, ScalarActivation.GELU), x), 1e-12, 1e-14)).isTrue();
    }

    @Test
    void aRandomLayersFeatureMatrixCorrelatesWithTheIdentityAsPredicted() {
        for (int[] shape : new int[][] {{400, 50}, {100, 100}, {50, 200}}) {
            Tensor w = Tensor.randn(new Rng(shape[0]), shape[0], shape[1]);
            double rho = NeuralFeatureAnsatz.correlation(NeuralFeatureAnsatz.neuralFeatureMatrix(w), Tensor.eye(shape[1]));
            assertThat(rho).as("out %d, in %d", shape[0], shape[1])
                    .isCloseTo(DeepNeuralFeatureAnsatz.randomBaseline(shape[0], shape[1]), within(0.01));
        }
    }

    @Test
    void atInitializationALinearNetworksFirstLayerCorrelatesLikeARankOneAgop() {
        // σ = id, one output: AGOP₁ = vvᵀ with v = W₁ᵀw₂ (rank one, whatever the data), so
        // ρ(W₁ᵀW₁, AGOP₁) = vᵀW₁ᵀW₁v / (|v|² ‖W₁ᵀW₁‖_F) ≈ 1/√d₀ when W₁ᵀW₁ ≈ (out·s²) I (out ≫ d₀)
        int d0 = 10;
        List<Tensor> net = network(new Rng(7), d0, 2000, 1);
        Tensor x = Tensor.randn(new Rng(8), 50, d0);
        double[] rho = DeepNeuralFeatureAnsatz.correlations(net, ScalarActivation.LINEAR, x, 1.0);
        Tensor w1 = net.get(0);
        Tensor v = w1.transpose().matmul(net.get(2).reshape(-1));
        Tensor a = w1.transpose().matmul(w1);
        double exact = v.dot(a.matmul(v)) / (v.dot(v) * a.norm());
        assertThat(rho[0]).isCloseTo(exact, within(1e-12));
        assertThat(rho[0] * Math.sqrt(d0)).isCloseTo(1.0, within(0.1));
        assertThat(rho[1]).isCloseTo(1.0, within(1e-12));
        // with ReLU the AGOP gains an isotropic part and ρ lies between the rank-one and the identity levels
        double relu = DeepNeuralFeatureAnsatz.correlations(net, ScalarActivation.RELU, x, 1.0)[0];
        assertThat(relu).isBetween(exact, DeepNeuralFeatureAnsatz.randomBaseline(2000, d0));
    }
}
