package org.nabla.autodiff;

import java.util.List;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.internal.TensorInternals;

/**
 * The per-example cotangents of one input of an operation over a batch of n examples: the n
 * tensors P̄ᵢ = ∂ℓᵢ/∂P, i = 1…n, of a loss Σᵢ ℓᵢ with respect to an input P that all examples share
 * (a weight, a bias, a gain). Held in one of two forms (docs/autodiff.md, "Per-example derivatives"):
 * <pre>
 *   dense:           D (n, shape of P),                 P̄ᵢ = D[i]
 *   outer products:  U (n, r, p), V (n, r, q),          P̄ᵢ = Σₖ U[i, k] ⊗ V[i, k]   (a p×q matrix)
 * </pre>
 * The second is the per-example gradient of a weight W (p, q) in a product with batched data: for
 * y = x Wᵀ with ȳ the cotangent of the output, W̄ᵢ = ȳᵢ ⊗ xᵢ (r = 1; Goodfellow, "Efficient
 * per-example gradient computations", arXiv:1510.01799, 2015), and r = T for a weight used at T
 * positions of an example (time steps, sequence positions: W̄ᵢ = Σₜ ȳᵢₜ ⊗ xᵢₜ; Dangel, Kunstner &amp;
 * Hennig, "BackPACK: packing more into backprop", ICLR 2020, "individual gradients"). Kept factored,
 * Gram matrices of per-example gradients need no n·p·q tensor:
 * <pre>
 *   ⟨P̄ᵢ, Q̄ⱼ⟩ = Σₖ Σₗ (U[i,k] · U′[j,l]) (V[i,k] · V′[j,l])
 * </pre>
 * (the structure the fast empirical NTK of Novak, Sohl-Dickstein &amp; Schoenholz, ICML 2022, exploits).
 * Immutable.
 */
public final class PerExampleCotangent {
    private final Tensor dense;
    private final Tensor u;
    private final Tensor v;

    private PerExampleCotangent(Tensor dense, Tensor u, Tensor v) {
        this.dense = dense;
        this.u = u;
        this.v = v;
    }

    /** Dense per-example cotangents: slice i of {@code perExample} (n, …) is P̄ᵢ. */
    public static PerExampleCotangent dense(Tensor perExample) {
        if (perExample.rank() < 1) {
            throw new IllegalArgumentException("PerExampleCotangent.dense: expected a leading example axis, got a scalar");
        }
        return new PerExampleCotangent(perExample, null, null);
    }

    /**
     * Sums of outer products: P̄ᵢ = Σₖ U[i, k] ⊗ V[i, k] for U (n, r, p) and V (n, r, q); a cotangent of
     * a p×q matrix.
     */
    public static PerExampleCotangent outerProducts(Tensor u, Tensor v) {
        if (u.rank() != 3 || v.rank() != 3 || u.dim(0) != v.dim(0) || u.dim(1) != v.dim(1)) {
            throw new IllegalArgumentException("PerExampleCotangent.outerProducts: expected U (n, r, p) and V (n, r, q), got "
                    + u.shape() + " and " + v.shape());
        }
        return new PerExampleCotangent(null, u, v);
    }

    /**
     * The per-example cotangents of an input of shape {@code input} that was broadcast to the shape of
     * {@code term} (the output's shape, the example axis at {@code exampleAxis}): term summed, example
     * by example, over the axes along which the input was broadcast — the per-example form of
     * {@link Operation#sumToShape}. Null when the input is not broadcast along the example axis (then
     * it is not shared by the examples).
     */
    public static PerExampleCotangent reduced(Tensor term, int exampleAxis, Shape input) {
        Shape s = term.shape();
        int extra = s.rank() - input.rank();
        if (extra < 0 || (exampleAxis >= extra && input.dim(exampleAxis - extra) != 1)) {
            return null;
        }
        int[] axes = new int[s.rank()];
        int m = 0;
        for (int i = 0; i < s.rank(); i++) {
            boolean broadcast = i < extra || (input.dim(i - extra) == 1 && s.dim(i) != 1);
            if (i != exampleAxis && broadcast) {
                axes[m++] = i;
            }
        }
        Tensor r = m == 0 ? term : term.sum(java.util.Arrays.copyOf(axes, m), true);
        int[] dims = new int[input.rank() + 1];
        dims[0] = s.dim(exampleAxis);
        System.arraycopy(input.dims(), 0, dims, 1, input.rank());
        return dense(toFront(r, exampleAxis).reshape(dims));
    }

    /** The tensor with axis {@code axis} moved to the front (the others in order). */
    public static Tensor toFront(Tensor t, int axis) {
        if (axis == 0) {
            return t;
        }
        int[] perm = new int[t.rank()];
        perm[0] = axis;
        for (int i = 0, j = 1; i < t.rank(); i++) {
            if (i != axis) {
                perm[j++] = i;
            }
        }
        return t.permute(perm);
    }

    /**
     * The cotangents of m = n·k slices combined into n examples: example i owns slices i·k … i·k + k − 1
     * ({@code outer}, an example axis merged with an inner one: (n, T, …) reshaped to (n·T, …)) or
     * slices i, i + n, i + 2n, … (not {@code outer}: (T, n, …) reshaped to (T·n, …)); their terms add.
     */
    public PerExampleCotangent grouped(int n, boolean outer) {
        int m = examples();
        if (m == n) {
            return this;
        }
        if (m % n != 0) {
            throw new IllegalArgumentException("PerExampleCotangent.grouped: " + m + " slices do not split into " + n
                    + " examples");
        }
        int k = m / n;
        if (isFactored()) {
            int r = u.dim(1);
            Tensor gu = outer ? u : u.reshape(k, n, r, u.dim(2)).permute(1, 0, 2, 3);
            Tensor gv = outer ? v : v.reshape(k, n, r, v.dim(2)).permute(1, 0, 2, 3);
            return outerProducts(gu.reshape(n, k * r, u.dim(2)), gv.reshape(n, k * r, v.dim(2)));
        }
        int[] d = dense.dims();
        int[] split = new int[d.length + 1];
        split[0] = outer ? n : k;
        split[1] = outer ? k : n;
        System.arraycopy(d, 1, split, 2, d.length - 1);
        return dense(dense.reshape(split).sum(outer ? 1 : 0));
    }

    /** The number n of examples. */
    public int examples() {
        return dense != null ? dense.dim(0) : u.dim(0);
    }

    /** The shape of one P̄ᵢ. */
    public Shape cotangentShape() {
        return dense != null ? dense.shape().without(0) : Shape.of(u.dim(2), v.dim(2));
    }

    /** True when held as sums of outer products. */
    public boolean isFactored() {
        return dense == null;
    }

    /** All P̄ᵢ as one tensor (n, shape of P). */
    public Tensor dense() {
        if (dense != null) {
            return dense;
        }
        int rowStride = u.dim(2) * v.dim(2);
        return Tensor.build(Shape.of(examples(), u.dim(2), v.dim(2)), out -> writeFlat(out, rowStride, 0));
    }

    /** The cotangents flattened: (n, size of P). */
    public Tensor flat() {
        int n = examples();
        int size = cotangentShape().size();
        return Tensor.build(Shape.of(n, size), out -> writeFlat(out, size, 0));
    }

    /**
     * Writes P̄ᵢ, flattened, at {@code out[i·rowStride + offset …]} for every example i (outer products
     * expanded straight into the array, without an intermediate tensor; the first term overwrites).
     */
    void writeFlat(double[] out, int rowStride, int offset) {
        int n = examples();
        if (!isFactored()) {
            double[] d = dense.toArray();
            int size = d.length / Math.max(1, n);
            for (int i = 0; i < n; i++) {
                System.arraycopy(d, i * size, out, i * rowStride + offset, size);
            }
            return;
        }
        int r = u.dim(1);
        int p = u.dim(2);
        int q = v.dim(2);
        double[] ua = u.toArray();
        double[] va = v.toArray();
        // each example writes its own block of out: the same bits on any number of threads
        TensorInternals.parallelFor(n, (long) n * r * p * q, i -> {
            for (int k = 0; k < r; k++) {
                int ub = (i * r + k) * p;
                int vb = (i * r + k) * q;
                for (int a = 0; a < p; a++) {
                    double x = ua[ub + a];
                    int o = i * rowStride + offset + a * q;
                    if (k == 0) {
                        for (int b = 0; b < q; b++) {
                            out[o + b] = x * va[vb + b];
                        }
                    } else {
                        for (int b = 0; b < q; b++) {
                            out[o + b] += x * va[vb + b];
                        }
                    }
                }
            }
        });
    }

    /** P̄ᵢ + Q̄ᵢ for every i: factors joined (r + r′ terms) when both are factored, else dense. */
    public PerExampleCotangent plus(PerExampleCotangent o) {
        if (o.examples() != examples() || !o.cotangentShape().equals(cotangentShape())) {
            throw new IllegalArgumentException("PerExampleCotangent.plus: shapes " + describe() + " and " + o.describe()
                    + " differ");
        }
        if (isFactored() && o.isFactored()) {
            return outerProducts(Tensor.concat(1, u, o.u), Tensor.concat(1, v, o.v));
        }
        return dense(dense().add(o.dense()));
    }

    /** c·P̄ᵢ for every i. */
    public PerExampleCotangent times(double c) {
        return isFactored() ? outerProducts(u.mul(c), v) : dense(dense.mul(c));
    }

    /**
     * The per-example cotangents of several batches of the same input, interleaved example by
     * example: the result has n·c rows, row i·c + a being P̄ᵢ of {@code parts.get(a)} (the (point,
     * output) order of a Jacobian's rows).
     */
    public static PerExampleCotangent interleave(List<PerExampleCotangent> parts) {
        PerExampleCotangent first = parts.get(0);
        int n = first.examples();
        int c = parts.size();
        boolean factored = true;
        for (PerExampleCotangent p : parts) {
            if (p.examples() != n || !p.cotangentShape().equals(first.cotangentShape())) {
                throw new IllegalArgumentException("PerExampleCotangent.interleave: shapes " + first.describe() + " and "
                        + p.describe() + " differ");
            }
            factored &= p.isFactored() && p.u.dim(1) == first.u.dim(1);
        }
        if (c == 1) {
            return first;
        }
        if (factored) {
            Tensor[] us = new Tensor[c];
            Tensor[] vs = new Tensor[c];
            for (int a = 0; a < c; a++) {
                us[a] = parts.get(a).u;
                vs[a] = parts.get(a).v;
            }
            int r = first.u.dim(1);
            return outerProducts(Tensor.stack(1, us).reshape(n * c, r, -1), Tensor.stack(1, vs).reshape(n * c, r, -1));
        }
        Tensor[] ds = new Tensor[c];
        for (int a = 0; a < c; a++) {
            ds[a] = parts.get(a).flat();
        }
        int[] dims = first.cotangentShape().dims();
        int[] out = new int[dims.length + 1];
        out[0] = n * c;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return dense(Tensor.stack(1, ds).reshape(out));
    }

    /**
     * The Gram matrix G (n × n) of the cotangents, Gᵢⱼ = ⟨P̄ᵢ, P̄ⱼ⟩ (the Frobenius inner product); for
     * factored cotangents from the factors, (Σₖₗ (U[i,k] · U[j,l]) (V[i,k] · V[j,l])), without forming
     * any P̄ᵢ.
     */
    public Tensor gram() {
        int n = examples();
        if (!isFactored()) {
            Tensor f = flat();
            return f.matmul(f.transpose());
        }
        int r = u.dim(1);
        Tensor uf = u.reshape(n * r, -1);
        Tensor vf = v.reshape(n * r, -1);
        Tensor g = uf.matmul(uf.transpose()).mul(vf.matmul(vf.transpose()));
        return r == 1 ? g : g.reshape(n, r, n, r).sum(new int[] {1, 3}, false);
    }

    private String describe() {
        return "(" + examples() + " examples of " + cotangentShape() + (isFactored() ? ", factored" : "") + ")";
    }

    @Override
    public String toString() {
        return "PerExampleCotangent" + describe();
    }
}
