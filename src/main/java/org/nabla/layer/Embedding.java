package org.nabla.layer;

import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A lookup table: row i of a weight matrix E ∈ ℝ^(num×dim) is the vector of token i.
 * <pre>
 *   y[…, :] = E[idx[…], :],    ∂L/∂E[i, :] = Σ_{positions p with idx[p] = i} ∂L/∂y[p, :].
 * </pre>
 * Equivalently y = onehot(idx) E, a Linear layer without bias on one-hot inputs. Initialized E ~ N(0, 1)
 * as in PyTorch. The indices are not differentiable.
 *
 * <p>Source: Y. Bengio, R. Ducharme, P. Vincent and C. Jauvin, "A Neural Probabilistic Language Model",
 * JMLR 3 (2003), §2 (the matrix C); torch.nn.Embedding.
 */
public final class Embedding extends Module {
    private final int num;
    private final int dim;
    private final Parameter weight;

    /** num embeddings of size dim, E ~ N(0, 1) drawn from rng. */
    public Embedding(int num, int dim, Rng rng) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: num and dim must be positive, got num=" + num + ", dim=" + dim);
        }
        this.num = num;
        this.dim = dim;
        this.weight = registerParameter("weight", Tensor.randn(rng, num, dim));
    }

    /** The functional form for a Tensor of whole-number indices of any shape: result shape indices.shape + [dim]. */
    public static Variable embedding(Variable weight, Tensor indices) {
        int[] idx = indicesOf(indices, weight);
        int[] d = indices.dims();
        int[] out = java.util.Arrays.copyOf(d, d.length + 1);
        out[d.length] = weight.shape().dim(1);
        return lookup(weight, idx).reshape(out);
    }

    /** The functional form for a list of indices: result shape (len, dim). */
    public static Variable embedding(Variable weight, int... indices) {
        return lookup(weight, indices);
    }

    private static Variable lookup(Variable weight, int[] idx) {
        if (weight.shape().rank() != 2) {
            throw new IllegalArgumentException("embedding: expected a weight of shape (num, dim), got " + weight.shape());
        }
        int n = weight.shape().dim(0);
        for (int j = 0; j < idx.length; j++) {
            if (idx[j] < 0 || idx[j] >= n) {
                throw new IndexOutOfBoundsException("Embedding(num=" + n + ", dim=" + weight.shape().dim(1) + "): index "
                        + idx[j] + " at position " + j + " is out of range [0, " + n + ")");
            }
        }
        return weight.indexSelect(0, idx);
    }

    private static int[] indicesOf(Tensor indices, Variable weight) {
        double[] v = indices.toArray();
        int[] r = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            if (v[j] != Math.rint(v[j]) || Math.abs(v[j]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Embedding(num=" + weight.shape().dim(0) + ", dim="
                        + weight.shape().dim(1) + "): index " + v[j] + " at position " + j + " is not a whole number");
            }
            r[j] = (int) v[j];
        }
        return r;
    }

    /** Looks up indices of any shape: result shape indices.shape + [dim]. */
    public Variable lookup(Tensor indices) {
        return embedding(weight.variable(), indices);
    }

    /** Looks up a list of indices: result shape (len, dim). */
    public Variable lookup(int... indices) {
        return embedding(weight.variable(), indices);
    }

    /** Looks up the (whole-number) values of x as indices; x itself is not differentiated. */
    @Override
    public Variable forward(Variable x) {
        return lookup(x.value());
    }

    /** The table E, shape (num, dim). */
    public Parameter weight() {
        return weight;
    }

    /** Number of embeddings. */
    public int num() {
        return num;
    }

    /** Size of each embedding. */
    public int dim() {
        return dim;
    }

    @Override
    protected String describe() {
        return "Embedding(num=" + num + ", dim=" + dim + ")";
    }
}
