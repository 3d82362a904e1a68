package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.PerExampleGradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The empirical Fisher matrix of per-example losses ℓᵢ(θ) over a batch (Martens, "New insights and
 * perspectives on the natural gradient method", JMLR 21, 2020, §11; Kunstner, Balles &amp; Hennig,
 * "Limitations of the empirical Fisher approximation for natural gradient descent", NeurIPS 2019,
 * eq. 3):
 * <pre>
 *   F̃ = (1/n) Σᵢ gᵢ gᵢᵀ = (1/n) Gᵀ G,     gᵢ = ∇_θ ℓᵢ,   G = (g₁ … gₙ)ᵀ ∈ ℝ^(n×P)
 * </pre>
 * symmetric positive semi-definite by construction, and F̃ v = (1/n) Gᵀ (G v) without forming F̃. The
 * gᵢ come from one batched pass ({@link PerExampleGradients}). Unlike the Fisher (the generalized
 * Gauss–Newton matrix of {@link GaussNewton} for exponential-family losses) it uses the observed
 * labels' gradients, and Kunstner et al. show it can be a poor curvature model away from an optimum.
 * Parameters are flattened and joined in the given order.
 */
public final class EmpiricalFisher {
    private EmpiricalFisher() {
    }

    /** The per-example gradients G (n × P) of the losses {@code losses.apply(x)} (one per row of x). */
    public static Tensor gradients(List<Parameter> parameters, Function<Variable, Variable> losses, Tensor x) {
        return PerExampleGradients.of(losses, x).flat(parameters);
    }

    /** F̃ = (1/n) Gᵀ G, a P×P matrix. */
    public static Tensor matrix(List<Parameter> parameters, Function<Variable, Variable> losses, Tensor x) {
        Tensor g = gradients(parameters, losses, x);
        return g.transpose().matmul(g).div(g.dim(0));
    }

    /** F̃ v = (1/n) Gᵀ (G v) for v given per parameter; one tensor per parameter. */
    public static List<Tensor> vectorProduct(List<Parameter> parameters, Function<Variable, Variable> losses, Tensor x,
                                             List<Tensor> v) {
        Tensor g = gradients(parameters, losses, x);
        List<Tensor> flat = new ArrayList<>();
        for (Tensor t : v) {
            flat.add(t.reshape(-1));
        }
        Tensor fv = g.transpose().matmul(g.matmul(Tensor.concat(0, flat))).div(g.dim(0));
        List<Tensor> out = new ArrayList<>();
        int offset = 0;
        for (Parameter p : parameters) {
            out.add(fv.slice(0, offset, offset + p.size()).reshape(p.shape().dims()));
            offset += p.size();
        }
        return out;
    }
}
