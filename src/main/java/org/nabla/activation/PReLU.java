package org.nabla.activation;

import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * The parametric rectified linear unit: a leaky ReLU whose negative slope a is learned, either one
 * slope for all entries or one per channel (axis 1 of the input, as PyTorch), initialized to 0.25.
 * <pre>
 *   PReLU(x)_c = x if x &gt; 0, else a_c·x,
 *   ∂PReLU/∂x = 1 if x &gt; 0, else a_c   (a_c at x = 0, as PyTorch),
 *   ∂PReLU/∂a_c = 0 if x &gt; 0, else x   (summed over every entry of channel c).
 * </pre>
 * Computed as where(x &gt; 0, x, a·x) with a reshaped to [1, C, 1, …, 1] so that it broadcasts along
 * axis 1; the sum over the broadcast axes in backward is the engine's adjoint of broadcasting.
 * Source: He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers" (ICCV 2015), eq. (1) and (3).
 */
public final class PReLU extends Module {
    /** The initial slope of He et al. and PyTorch. */
    public static final double DEFAULT_INIT = 0.25;
    private final Parameter weight;

    /** One shared slope, initialized to 0.25. */
    public PReLU() {
        this(1, DEFAULT_INIT);
    }

    /**
     * @param numParameters 1 (one shared slope) or the number of channels C (axis 1 of the input)
     * @param init          the initial slope
     */
    public PReLU(int numParameters, double init) {
        if (numParameters < 1) {
            throw new IllegalArgumentException("PReLU: numParameters must be ≥ 1 (1 or the number of channels), got "
                    + numParameters);
        }
        this.weight = registerParameter("weight", Tensor.full(org.nabla.tensor.Shape.of(numParameters), init));
    }

    /** The slopes a, shape [numParameters]. */
    public Parameter weight() {
        return weight;
    }

    /** where(x &gt; 0, x, a·x) with a of shape [1] or [C], C = size of axis 1 of x. */
    public static Variable prelu(Variable x, Variable weight) {
        if (weight.shape().rank() != 1) {
            throw new IllegalArgumentException("prelu: weight must be 1-d (shape [1] or [C]), got shape "
                    + weight.shape());
        }
        int k = weight.shape().dim(0);
        Variable a = weight;
        if (k != 1) {
            if (x.shape().rank() < 2 || x.shape().dim(1) != k) {
                throw new IllegalArgumentException("prelu: weight has " + k
                        + " slopes but the input of shape " + x.shape()
                        + " has " + (x.shape().rank() < 2 ? "no axis 1" : x.shape().dim(1) + " channels on axis 1")
                        + " (expected 1 slope or one per channel)");
            }
            int[] dims = new int[x.shape().rank()];
            java.util.Arrays.fill(dims, 1);
            dims[1] = k;
            a = weight.reshape(dims);
        }
        return Variable.where(x.value().gt(0.0), x, x.mul(a));
    }

    @Override
    public Variable forward(Variable x) {
        return prelu(x, weight.variable());
    }

    @Override
    protected String describe() {
        return "PReLU(numParameters=" + weight.size() + ")";
    }
}
