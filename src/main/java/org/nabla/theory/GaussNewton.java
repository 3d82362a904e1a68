package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.ForwardMode;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The generalized Gauss–Newton matrix-vector product (Schraudolph, "Fast curvature matrix-vector
 * products for second-order gradient descent", Neural Computation 14, 2002; Martens, "New insights
 * and perspectives on the natural gradient method", JMLR 21, 2020 (arXiv:1412.1193, 2014), §8):
 * for network outputs z = f(θ) and a loss L(z),
 * <pre>
 *   G v = Jᵀ H_L J v,     J = ∂z/∂θ,   H_L = ∂²L/∂z²
 * </pre>
 * — the Hessian of L∘f with the term Σₖ (∂L/∂zₖ) ∇²zₖ dropped, positive semi-definite whenever L is
 * convex in z. Computed without forming J or G: J v by one forward pass with tangents v on the
 * parameters ({@link ForwardMode}), H_L (J v) by a Hessian-vector product of L at z
 * ({@link Autodiff#hvp}), and Jᵀ(·) by one reverse sweep of the network's graph. For the
 * negative log-likelihood of an exponential family in its natural parameters z (softmax cross
 * entropy with logits z, squared error with Gaussian noise) G is the Fisher information matrix
 * (Martens 2020, §9.2). For a linear model with squared error, f is linear in θ and G is the Hessian.
 */
public final class GaussNewton {
    private GaussNewton() {
    }

    /**
     * G v for the parameters θ (with v given as one tensor per parameter, same shapes), network
     * outputs {@code outputs.get()} (computed from the parameters' current values and the data) and a
     * scalar loss {@code loss} of those outputs; one tensor per parameter.
     */
    public static List<Tensor> vectorProduct(List<Parameter> parameters, Supplier<Variable> outputs,
                                             Function<Variable, Variable> loss, List<Tensor> v) {
        if (v.size() != parameters.size()) {
            throw new IllegalArgumentException("GaussNewton.vectorProduct: " + parameters.size() + " parameters but "
                    + v.size() + " tangent tensors");
        }
        Variable z;
        Tensor jv;
        try (ForwardMode fm = ForwardMode.open()) {
            for (int k = 0; k < parameters.size(); k++) {
                fm.seed(parameters.get(k).variable(), Variable.constant(v.get(k)));
            }
            z = outputs.get();
            jv = fm.tangent(z);
        }
        Tensor hjv = Autodiff.hvp(loss, z.value(), jv);
        Gradients g = z.backward(hjv);
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(g.contains(p) ? g.of(p) : Tensor.zeros(p.shape()));
        }
        return out;
    }
}
