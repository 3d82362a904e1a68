package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.PerExampleCotangent;
import org.nabla.autodiff.PerExampleGradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The neural tangent kernel (Jacot, Gabriel &amp; Hongler, "Neural Tangent Kernel: Convergence and
 * Generalization in Neural Networks", NeurIPS 2018, §4):
 * <pre>
 *   Θ(x, x′) = Σ_θ ∂f(x)/∂θ · ∂f(x′)/∂θ = J(x) J(x′)ᵀ,   J = ∂f/∂θ (one row per output entry)
 * </pre>
 * and its infinite-width limit for the two-layer bias-free ReLU network in NTK parameterization
 * f(x) = m^(−½) Σⱼ aⱼ relu(wⱼ·x), wⱼ ~ N(0, I), aⱼ ~ N(0, 1), where both layers train:
 * <pre>
 *   Θ(x, x′) = |x||x′| (sin t + (π − t) cos t) / (2π) + x·x′ (π − t) / (2π),   t = ∠(x, x′)
 * </pre>
 * (the first term is the arc-cosine kernel of degree 1 from the output layer, the second x·x′ times
 * the degree-0 kernel from the hidden layer; Cho &amp; Saul, NeurIPS 2009; Arora et al., NeurIPS 2019).
 */
public final class NeuralTangentKernel {
    private NeuralTangentKernel() {
    }

    /**
     * The empirical NTK Gram matrix over a batch: f maps the batch X (n, d) to outputs whose entries
     * are ordered (point, output) — shape (n), (n, 1) or (n, c); the result is (n·c)×(n·c) with
     * Θ[(i,a),(j,b)] = Σ_θ ∂f_a(xᵢ)/∂θ · ∂f_b(xⱼ)/∂θ, summed over the given leaf variables θ.
     *
     * <p>Computed from per-example parameter Jacobians: for each output a, one forward pass and the
     * per-example gradients of f_a(xᵢ) ({@link PerExampleGradients}, two sweeps), c passes in all
     * instead of n·c sweeps; the weights of matrix products keep their per-example gradients as outer
     * products ȳᵢ ⊗ xᵢ, so their Gram blocks are (ȳᵢ·ȳⱼ)(xᵢ·xⱼ) without any per-example weight tensor
     * (Novak, Sohl-Dickstein &amp; Schoenholz, "Fast finite width neural tangent kernel", ICML 2022).
     * When that does not apply — points that interact (batch statistics), an operation without a
     * per-example rule, outputs not one row per point — the n·c sweeps of single output entries run
     * instead (right for any f).
     */
    public static Tensor empirical(List<Variable> parameters, Function<Variable, Variable> f, Tensor x) {
        try {
            return empiricalPerExample(parameters, f, x);
        } catch (IllegalArgumentException notPerExample) {
            return empiricalBySweeps(parameters, f, x);
        }
    }

    private static Tensor empiricalPerExample(List<Variable> parameters, Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        int n = x.dim(0);
        if (y.shape().rank() < 1 || y.shape().dim(0) != n) {
            throw new IllegalArgumentException("NeuralTangentKernel: outputs " + y.shape() + " are not one row per point");
        }
        int c = y.shape().size() / n;
        Variable rows = y.reshape(n, c);
        List<List<PerExampleCotangent>> parts = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            parts.add(new ArrayList<>());
        }
        for (int a = 0; a < c; a++) {
            PerExampleGradients g = PerExampleGradients.ofLosses(xv, rows.slice(1, a, a + 1).reshape(n));
            for (int k = 0; k < parameters.size(); k++) {
                Variable v = parameters.get(k);
                PerExampleCotangent pc = g.cotangent(v);
                parts.get(k).add(pc != null ? pc : PerExampleCotangent.dense(g.of(v)));
            }
        }
        Tensor gram = Tensor.zeros(n * c, n * c);
        for (List<PerExampleCotangent> p : parts) {
            gram = gram.add(PerExampleCotangent.interleave(p).gram());
        }
        return gram;
    }

    /** The n·c reverse sweeps of single output entries: Θ = J Jᵀ with J built row by row (any f). */
    static Tensor empiricalBySweeps(List<Variable> parameters, Function<Variable, Variable> f, Tensor x) {
        Variable y = f.apply(Variable.constant(x));
        int m = y.shape().size();
        int p = 0;
        for (Variable v : parameters) {
            p += v.shape().size();
        }
        double[] jac = new double[m * p];
        for (int r = 0; r < m; r++) {
            double[] seed = new double[m];
            seed[r] = 1.0;
            Gradients g = y.backward(Tensor.of(y.shape(), seed));
            int offset = 0;
            for (Variable v : parameters) {
                int size = v.shape().size();
                if (g.contains(v)) {
                    System.arraycopy(g.of(v).toArray(), 0, jac, r * p + offset, size);
                }
                offset += size;
            }
        }
        Tensor j = Tensor.of(new int[] {m, p}, jac);
        return j.matmul(j.transpose());
    }

    /** The empirical NTK over the current values of the given parameters (see {@link #empirical(List, Function, Tensor)}). */
    public static Tensor empiricalOverParameters(List<Parameter> parameters, Function<Variable, Variable> f, Tensor x) {
        List<Variable> leaves = new ArrayList<>();
        for (Parameter q : parameters) {
            leaves.add(q.variable());
        }
        return empirical(leaves, f, x);
    }

    /**
     * The infinite-width NTK of the two-layer bias-free ReLU network in NTK parameterization between
     * the rows of X (n, d) and X′ (n′, d), an n×n′ matrix.
     */
    public static Tensor infiniteWidthTwoLayerRelu(Tensor x, Tensor xPrime) {
        int n = x.dim(0);
        int k = xPrime.dim(0);
        Tensor dots = x.matmul(xPrime.transpose());
        double[] nx = x.square().sum(1).sqrt().toArray();
        double[] nz = xPrime.square().sum(1).sqrt().toArray();
        double[] d = dots.toArray();
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double norms = nx[i] * nz[j];
                if (norms == 0) {
                    continue;
                }
                double cos = Math.max(-1.0, Math.min(1.0, d[i * k + j] / norms));
                double t = Math.acos(cos);
                out[i * k + j] = norms * (Math.sin(t) + (Math.PI - t) * cos) / (2 * Math.PI)
                        + d[i * k + j] * (Math.PI - t) / (2 * Math.PI);
            }
        }
        return Tensor.of(new int[] {n, k}, out);
    }
}
