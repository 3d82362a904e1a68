package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * AGOP, empirical NTK, Gauss–Newton and empirical Fisher on the per-example path: against the old
 * loops (kept here as oracles), explicit matrices, finite differences, and their properties.
 */
class PerExampleTheoryTest {

    /** The former Agop.jacobians: c reverse sweeps of Σᵢ f_c(xᵢ) — right only for independent rows. */
    static Tensor agopBySweeps(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        int n = x.dim(0);
        int c = y.shape().dim(1);
        Tensor[] g = new Tensor[c];
        for (int k = 0; k < c; k++) {
            double[] seed = new double[n * c];
            for (int i = 0; i < n; i++) {
                seed[i * c + k] = 1.0;
            }
            g[k] = y.backward(Tensor.of(y.shape(), seed)).of(xv);
        }
        return Agop.ofGradients(Tensor.stack(0, g), false);
    }

    private static double relErr(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item() / Math.max(1e-300, b.abs().max().item());
    }

    private static Sequential mlp(Rng rng, int d, int h, int c) {
        return new Sequential(new Linear(d, h, rng), new Tanh(), new Linear(h, c, rng));
    }

    @Test
    void agopEqualsTheCSweepLoopForIndependentRows() {
        Rng rng = new Rng(11);
        Sequential m = mlp(rng, 4, 9, 3);
        Tensor x = Tensor.randn(rng, 12, 4);
        assertThat(relErr(Agop.of(m::forward, x), agopBySweeps(m::forward, x))).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void agopOfABatchNormNetworkInTrainingModeMatchesFiniteDifferences() {
        Rng rng = new Rng(12);
        Sequential m = new Sequential(new Linear(3, 5, rng), new BatchNorm1d(5), new Tanh(), new Linear(5, 2, rng));
        m.train();
        Tensor x = Tensor.randn(rng, 6, 3);
        Function<Variable, Variable> f = m::forward;
        // Jᵢ = ∂f(X)ᵢ/∂xᵢ by central differences of the whole batch, the other rows fixed
        double h = 1e-5;
        int n = 6;
        int d = 3;
        int c = 2;
        double[] xs = x.toArray();
        Tensor agop = Tensor.zeros(d, d);
        for (int i = 0; i < n; i++) {
            double[] j = new double[c * d];
            for (int k = 0; k < d; k++) {
                double[] plus = xs.clone();
                double[] minus = xs.clone();
                plus[i * d + k] += h;
                minus[i * d + k] -= h;
                Tensor yp = m.forward(Variable.constant(Tensor.of(x.shape(), plus))).value();
                Tensor ym = m.forward(Variable.constant(Tensor.of(x.shape(), minus))).value();
                for (int a = 0; a < c; a++) {
                    j[a * d + k] = (yp.get(i, a) - ym.get(i, a)) / (2 * h);
                }
            }
            Tensor ji = Tensor.of(new int[] {c, d}, j);
            agop = agop.add(ji.transpose().matmul(ji));
        }
        agop = agop.div(n);
        Tensor got = Agop.of(f, x);
        assertThat(relErr(got, agop)).isLessThan(1e-7);
        assertThat(relErr(agopBySweeps(f, x), agop)).as("the c-sweep shortcut is wrong here").isGreaterThan(1e-3);
    }

    @Test
    void empiricalNtkEqualsTheSweepLoop() {
        Rng rng = new Rng(13);
        Sequential m = mlp(rng, 3, 8, 2);
        Tensor x = Tensor.randn(rng, 7, 3);
        List<Variable> leaves = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            leaves.add(p.variable());
        }
        Tensor fast = NeuralTangentKernel.empirical(leaves, m::forward, x);
        Tensor slow = NeuralTangentKernel.empiricalBySweeps(leaves, m::forward, x);
        assertThat(fast.shape()).isEqualTo(slow.shape());
        assertThat(relErr(fast, slow)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void empiricalNtkOfInteractingPointsFallsBackToTheSweeps() {
        Rng rng = new Rng(14);
        Sequential m = new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new Linear(4, 2, rng));
        m.train();
        Tensor x = Tensor.randn(rng, 5, 3);
        List<Variable> leaves = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            leaves.add(p.variable());
        }
        assertThat(relErr(NeuralTangentKernel.empirical(leaves, m::forward, x),
                NeuralTangentKernel.empiricalBySweeps(leaves, m::forward, x))).isLessThanOrEqualTo(1e-12);
    }

    /** θ ↦ z for a one-hidden-layer tanh network with its parameters packed in one vector. */
    private static Variable packedNetwork(Variable theta, Tensor x, int d, int h, int c) {
        Variable w1 = theta.slice(0, 0, h * d).reshape(h, d);
        Variable w2 = theta.slice(0, h * d, h * d + c * h).reshape(c, h);
        return Variable.constant(x).matmul(w1.transpose()).tanh().matmul(w2.transpose());
    }

    @Test
    void gaussNewtonProductEqualsTheExplicitJtHJ() {
        Rng rng = new Rng(15);
        int n = 4;
        int d = 3;
        int h = 5;
        int c = 2;
        Tensor x = Tensor.randn(rng, n, d);
        Tensor target = Tensor.randn(rng, n, c);
        Tensor theta = Tensor.randn(rng, h * d + c * h).mul(0.5);
        Tensor v = Tensor.randn(rng, h * d + c * h);
        Function<Variable, Variable> loss = z -> z.sub(Variable.constant(target)).square().sum().mul(0.5)
                .add(z.logSumExp(new int[] {1}, false).sum());
        Parameter p = new Parameter("theta", theta);
        Tensor got = GaussNewton.vectorProduct(List.of(p), () -> packedNetwork(p.variable(), x, d, h, c), loss,
                List.of(v)).get(0);
        Tensor j = Autodiff.jacobian(t -> packedNetwork(t, x, d, h, c).reshape(n * c), theta);
        Tensor z = packedNetwork(Variable.constant(theta), x, d, h, c).value();
        Tensor hl = Autodiff.hessian(zz -> loss.apply(zz), z).reshape(n * c, n * c);
        Tensor expected = j.transpose().matmul(hl.matmul(j.matmul(v.reshape(-1, 1)))).reshape(-1);
        assertThat(relErr(got, expected)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void gaussNewtonOfALinearModelWithSquaredErrorIsTheHessian() {
        Rng rng = new Rng(16);
        Tensor x = Tensor.randn(rng, 6, 4);
        Tensor target = Tensor.randn(rng, 6, 3);
        Linear lin = new Linear(4, 3, rng);
        Function<Variable, Variable> loss = z -> z.sub(Variable.constant(target)).square().mean();
        Tensor vw = Tensor.randn(rng, 3, 4);
        Tensor vb = Tensor.randn(rng, 3);
        List<Tensor> got = GaussNewton.vectorProduct(lin.parameters(), () -> lin.forward(Variable.constant(x)), loss,
                List.of(vw, vb));
        Tensor packed = Tensor.concat(0, lin.weight().value().reshape(-1), lin.bias().value());
        Tensor v = Tensor.concat(0, vw.reshape(-1), vb);
        Tensor hv = Autodiff.hvp(t -> loss.apply(Linear.linear(Variable.constant(x), t.slice(0, 0, 12).reshape(3, 4),
                t.slice(0, 12, 15))), packed, v);
        assertThat(relErr(Tensor.concat(0, got.get(0).reshape(-1), got.get(1)), hv)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void empiricalFisherIsSymmetricPositiveSemiDefiniteAndMatchesItsProduct() {
        Rng rng = new Rng(17);
        Sequential m = mlp(rng, 3, 4, 2);
        Tensor x = Tensor.randn(rng, 9, 3);
        Function<Variable, Variable> losses = xv -> m.forward(xv).square().sum(new int[] {1}, false);
        Tensor f = EmpiricalFisher.matrix(m.parameters(), losses, x);
        assertThat(relErr(f, f.transpose())).isEqualTo(0.0);
        double[] eig = Linalg.eigvalsh(f).toArray();
        for (double e : eig) {
            assertThat(e).isGreaterThanOrEqualTo(-1e-12 * Math.abs(eig[eig.length - 1]) - 1e-14);
        }
        // the definition, from single-example sweeps
        Tensor sum = null;
        for (int i = 0; i < 9; i++) {
            var g = losses.apply(Variable.constant(x.slice(0, i, i + 1))).sum().backward();
            List<Tensor> parts = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                parts.add(g.of(p).reshape(-1));
            }
            Tensor gi = Tensor.concat(0, parts).reshape(-1, 1);
            Tensor outer = gi.matmul(gi.transpose());
            sum = sum == null ? outer : sum.add(outer);
        }
        assertThat(relErr(f, sum.div(9))).isLessThanOrEqualTo(1e-12);
        List<Tensor> v = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            v.add(Tensor.randn(rng, p.shape().dims()));
        }
        List<Tensor> fv = EmpiricalFisher.vectorProduct(m.parameters(), losses, x, v);
        List<Tensor> flat = new ArrayList<>();
        List<Tensor> vflat = new ArrayList<>();
        for (int k = 0; k < v.size(); k++) {
            flat.add(fv.get(k).reshape(-1));
            vflat.add(v.get(k).reshape(-1));
        }
        assertThat(relErr(Tensor.concat(0, flat), f.matmul(Tensor.concat(0, vflat)))).isLessThanOrEqualTo(1e-12);
    }
}
