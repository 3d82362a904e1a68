package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * A fully connected network given by its weights, as the theory tools use it:
 * f(x) = W_L σ(⋯ σ(W₁x + b₁) ⋯) + b_L, each layer computed on a batch as X Wᵀ + b with
 * W ∈ ℝ^(out×in) (PyTorch's layout) and no activation after the last layer.
 *
 * <p>The parameters are a list W₁, b₁, W₂, b₂, …; {@link #flatten} and {@link #unflatten} move between
 * that list and one parameter vector θ (each tensor flattened row-major, in order), so that a loss
 * can be written as a function of θ for Hessian-vector products.
 */
public final class MultilayerPerceptron {
    private MultilayerPerceptron() {
    }

    /** The network x ↦ f(x) for a batch X (n, d) ↦ (n, c), with the weights held constant. */
    public static Function<Variable, Variable> of(List<Tensor> weightsAndBiases, ScalarActivation activation) {
        List<Variable> params = new ArrayList<>();
        for (Tensor t : weightsAndBiases) {
            params.add(Variable.constant(t));
        }
        return x -> forward(params, activation, x);
    }

    /**
     * The forward pass with the given parameter variables (W₁, b₁, W₂, b₂, …), so that gradients
     * with respect to them can be taken.
     */
    public static Variable forward(List<Variable> weightsAndBiases, ScalarActivation activation, Variable x) {
        if (weightsAndBiases.size() % 2 != 0 || weightsAndBiases.isEmpty()) {
            throw new IllegalArgumentException("MultilayerPerceptron: expected pairs W, b, got "
                    + weightsAndBiases.size() + " tensors");
        }
        Variable h = x;
        int layers = weightsAndBiases.size() / 2;
        for (int l = 0; l < layers; l++) {
            Variable w = weightsAndBiases.get(2 * l);
            Variable b = weightsAndBiases.get(2 * l + 1);
            h = h.matmul(w.transpose()).add(b);
            if (l < layers - 1) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** θ: every tensor flattened row-major and concatenated in order. */
    public static Tensor flatten(List<Tensor> tensors) {
        List<Tensor> flat = new ArrayList<>();
        for (Tensor t : tensors) {
            flat.add(t.flatten());
        }
        return Tensor.concat(0, flat);
    }

    /** Splits a parameter vector θ (a variable) into variables of the given shapes (inverse of {@link #flatten}). */
    public static List<Variable> unflatten(Variable theta, List<Tensor> like) {
        List<Variable> out = new ArrayList<>();
        int offset = 0;
        for (Tensor t : like) {
            int size = t.size();
            out.add(theta.slice(0, offset, offset + size).reshape(t.dims()));
            offset += size;
        }
        if (offset != theta.shape().size()) {
            throw new IllegalArgumentException("unflatten: θ has " + theta.shape().size() + " entries but the shapes need "
                    + offset);
        }
        return out;
    }
}
