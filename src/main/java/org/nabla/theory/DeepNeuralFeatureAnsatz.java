package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The Deep Neural Feature Ansatz (Beaglehole, Radhakrishnan, Pandit &amp; Belkin, "Mechanism of feature
 * learning in deep fully connected networks and kernel machines that recursively learn features",
 * arXiv 2212.13881, 2022, eq. 3; Radhakrishnan et al., Science 383, 2024): for every layer ℓ of an
 * MLP f = g_ℓ(W_ℓ h_{ℓ−1} + b_ℓ), with h₀ = x and h_ℓ = σ(W_ℓ h_{ℓ−1} + b_ℓ),
 * <pre>
 *   W_ℓᵀW_ℓ ∝ (AGOP_ℓ)^α,   AGOP_ℓ = (1/n) Σᵢ J_ℓ(xᵢ)ᵀ J_ℓ(xᵢ),   J_ℓ = ∂f/∂h_{ℓ−1} ∈ ℝ^(c×in_ℓ)
 * </pre>
 * (α = ½ in the paper's statement; 1 is also reported), measured by the correlation
 * ρ(A, B) = ⟨A, B⟩_F/(‖A‖_F‖B‖_F) of {@link NeuralFeatureAnsatz#correlation}. By the chain rule
 * J_ℓ = Δ_ℓ W_ℓ with Δ_ℓ = ∂f/∂z_ℓ, so AGOP_ℓ = W_ℓᵀ D_ℓ W_ℓ with D_ℓ = (1/n) Σᵢ Δ_ℓᵀΔ_ℓ: at the
 * last layer Δ_L = I and AGOP_L = W_LᵀW_L exactly, whatever the weights. For a random layer with
 * i.i.d. N(0, s²) entries, E tr(WᵀW) = out·in·s² and E‖WᵀW‖²_F = out·in(out + in + 1)s⁴, so its
 * correlation with the identity is about √(out/(out + in + 1)): the level a structureless
 * AGOP ∝ I would give at initialization.
 */
public final class DeepNeuralFeatureAnsatz {
    private DeepNeuralFeatureAnsatz() {
    }

    /** h₀ = X, h₁, …, h_{L−1}: the input of every layer on the batch X (n, d). */
    public static List<Tensor> layerInputs(List<Tensor> weightsAndBiases, ScalarActivation activation, Tensor x) {
        int layers = layers(weightsAndBiases);
        List<Tensor> h = new ArrayList<>();
        Tensor cur = x;
        h.add(cur);
        for (int l = 0; l < layers - 1; l++) {
            Variable z = Variable.constant(cur).matmul(Variable.constant(weightsAndBiases.get(2 * l).transpose()))
                    .add(Variable.constant(weightsAndBiases.get(2 * l + 1)));
            cur = activation.apply(z).value();
            h.add(cur);
        }
        return h;
    }

    /** The network from layer ℓ (0-based) on: h_{ℓ−1} ↦ f. */
    public static Function<Variable, Variable> tail(List<Tensor> weightsAndBiases, ScalarActivation activation,
            int layer) {
        int layers = layers(weightsAndBiases);
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("DeepNeuralFeatureAnsatz: layer " + layer + " is outside 0 … "
                    + (layers - 1));
        }
        return MultilayerPerceptron.of(weightsAndBiases.subList(2 * layer, weightsAndBiases.size()), activation);
    }

    /** AGOP_ℓ, the AGOP of f with respect to the input of layer ℓ (0-based), over the batch X. */
    public static Tensor layerAgop(List<Tensor> weightsAndBiases, ScalarActivation activation, Tensor x, int layer) {
        Tensor h = layerInputs(weightsAndBiases, activation, x).get(layer);
        return Agop.of(tail(weightsAndBiases, activation, layer), h);
    }

    /** ρ(W_ℓᵀW_ℓ, AGOP_ℓ^α) for every layer ℓ = 0 … L−1. */
    public static double[] correlations(List<Tensor> weightsAndBiases, ScalarActivation activation, Tensor x,
            double alpha) {
        int layers = layers(weightsAndBiases);
        List<Tensor> h = layerInputs(weightsAndBiases, activation, x);
        double[] rho = new double[layers];
        for (int l = 0; l < layers; l++) {
            Tensor agop = Agop.of(tail(weightsAndBiases, activation, l), h.get(l));
            Tensor nfm = NeuralFeatureAnsatz.neuralFeatureMatrix(weightsAndBiases.get(2 * l));
            rho[l] = NeuralFeatureAnsatz.ansatzCorrelation(nfm, agop, alpha);
        }
        return rho;
    }

    /** √(out/(out + in + 1)), the correlation of WᵀW with I for a random out×in Gaussian W (to leading order). */
    public static double randomBaseline(int out, int in) {
        return Math.sqrt((double) out / (out + in + 1));
    }

    private static int layers(List<Tensor> weightsAndBiases) {
        if (weightsAndBiases.isEmpty() || weightsAndBiases.size() % 2 != 0) {
            throw new IllegalArgumentException("DeepNeuralFeatureAnsatz: expected pairs W, b, got "
                    + weightsAndBiases.size() + " tensors");
        }
        return weightsAndBiases.size() / 2;
    }
}
