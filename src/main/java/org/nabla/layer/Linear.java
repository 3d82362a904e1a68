package org.nabla.layer;

import java.util.Arrays;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.init.Initializer;
import org.nabla.init.LinearDefault;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;

/**
 * The affine map (fully connected layer):
 * <pre>
 *   y = x Wᵀ + b,   W ∈ ℝ^(out×in),  b ∈ ℝ^out,   x ∈ ℝ^(…×in) → y ∈ ℝ^(…×out),
 *   ∂L/∂x = (∂L/∂y) W,   ∂L/∂W = (∂L/∂y)ᵀ x,   ∂L/∂b = Σ_rows ∂L/∂y.
 * </pre>
 * The weight is (out, in) as in PyTorch, so saved weights line up. Any leading axes of x are batch axes;
 * a single example x of shape (in) (a 1-d input) gives y = Wx + b of shape (out), as
 * {@code torch.nn.Linear} does. An input whose last axis is not {@code in} is refused, naming both.
 * Default initialization is PyTorch's ({@link LinearDefault}): W, b ~ U(−1/√in, 1/√in).
 *
 * <p>Source: Goodfellow, Bengio and Courville, Deep Learning (2016), §6.1; torch.nn.Linear.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /** in → out with a bias and PyTorch's default initialization. */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, new LinearDefault(), rng);
    }

    /** in → out, with or without bias, PyTorch's default initialization. */
    public Linear(int in, int out, boolean bias, Rng rng) {
        this(in, out, bias, new LinearDefault(), rng);
    }

    /**
     * in → out with the given initializer: W = init.initialize((out, in)), b = init.initializeBias((out, in))
     * (zeros unless the initializer defines a bias rule).
     */
    public Linear(int in, int out, boolean bias, Initializer init, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: in and out must be positive, got in=" + in + ", out=" + out);
        }
        if (init == null || rng == null) {
            throw new IllegalArgumentException("Linear(in=" + in + ", out=" + out + "): initializer and rng must not be null");
        }
        this.in = in;
        this.out = out;
        Shape ws = Shape.of(out, in);
        this.weight = registerParameter("weight", init.initialize(ws, rng));
        this.bias = bias ? registerParameter("bias", init.initializeBias(ws, rng)) : null;
    }

    /**
     * The functional form y = x Wᵀ + b for x of shape (…, in) or (in), W (out, in), b (out) or null.
     */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        Shape ws = weight.shape();
        if (ws.rank() != 2) {
            throw new IllegalArgumentException("linear: expected a weight of shape (out, in), got " + ws);
        }
        int o = ws.dim(0);
        int i = ws.dim(1);
        if (x.shape().rank() < 1 || x.shape().dim(-1) != i) {
            throw new IllegalArgumentException("Linear(in=" + i + ", out=" + o + "): expected input with last axis " + i
                    + ", got shape " + x.shape());
        }
        if (bias != null && !(bias.shape().rank() == 1 && bias.shape().dim(0) == o)) {
            throw new IllegalArgumentException("Linear(in=" + i + ", out=" + o + "): expected a bias of shape [" + o
                    + "], got " + bias.shape());
        }
        int[] d = x.shape().dims();
        Variable x2 = d.length == 2 ? x : x.reshape(x.shape().size() / i, i);
        Variable y = x2.matmulTransposed(weight);
        if (bias != null) {
            y = y.add(bias);
        }
        if (d.length != 2) {
            int[] nd = Arrays.copyOf(d, d.length);
            nd[nd.length - 1] = o;
            y = y.reshape(nd);
        }
        return y;
    }

    @Override
    public Variable forward(Variable x) {
        return linear(x, weight.variable(), bias == null ? null : bias.variable());
    }

    /** The weight W, shape (out, in). */
    public Parameter weight() {
        return weight;
    }

    /** The bias b, shape (out), or null without bias. */
    public Parameter bias() {
        return bias;
    }

    /** Input features. */
    public int inFeatures() {
        return in;
    }

    /** Output features. */
    public int outFeatures() {
        return out;
    }

    @Override
    protected String describe() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
    }
}
