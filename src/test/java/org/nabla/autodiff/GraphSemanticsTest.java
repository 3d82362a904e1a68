package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

/** How the graph is built and swept: accumulation, sharing, unused leaves, parameters, scopes. */
class GraphSemanticsTest {

    @Test
    void derivativeTransformsRecordTheirGraphEvenInsideNoGrad() {
        Tensor x = Tensor.of(1.0, -2.0, 0.5);
        try (NoGrad scope = NoGrad.enter()) {
            // f(x) = Σ x³: ∇f = 3x², H v = 6 x ⊙ v
            assertThat(Autodiff.grad(v -> v.pow(3).sum(), x).toArray()).containsExactly(3.0, 12.0, 0.75);
            assertThat(Autodiff.hvp(v -> v.pow(3).sum(), x, Tensor.of(1.0, 1.0, 2.0)).toArray())
                    .containsExactly(6.0, -12.0, 6.0);
            assertThat(GradMode.isEnabled()).isFalse();
        }
        assertThat(GradMode.isEnabled()).isTrue();
    }

    @Test
    void variableUsedTwiceAccumulates() {
        // d(x·x)/dx = 2x: both uses contribute x̄ = x
        Variable x = Variable.leaf(Tensor.of(1.5, -2.0, 3.0));
        Gradients g = x.mul(x).sum().backward();
        assertThat(g.of(x).toArray()).containsExactly(3.0, -4.0, 6.0);
    }

    @Test
    void diamondGraphSumsBothPaths() {
        // a = x²;  b = sin a;  c = 3a;  y = b·c  →  dy/dx = (cos a · c + b · 3) · 2x
        double xv = 0.7;
        Variable x = Variable.leaf(Tensor.scalar(xv));
        Variable a = x.square();
        Variable b = a.sin();
        Variable c = a.mul(3.0);
        Variable y = b.mul(c);
        double av = xv * xv;
        double expected = (Math.cos(av) * 3 * av + Math.sin(av) * 3) * 2 * xv;
        assertThat(y.backward().of(x).item()).isCloseTo(expected, within(1e-15));
    }

    @Test
    void unusedLeafHasZeroGradientAndNoEntry() {
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0));
        Variable unused = Variable.leaf(Tensor.of(new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
        Gradients g = x.exp().sum().backward();
        assertThat(g.contains(x)).isTrue();
        assertThat(g.contains(unused)).isFalse();
        assertThat(g.of(unused).shape().dims()).containsExactly(2, 3);
        assertThat(g.of(unused).toArray()).containsOnly(0.0);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void parameterUsedTwiceAccumulatesIntoItsGradient() {
        Parameter w = new Parameter("w", Tensor.of(2.0, -1.0));
        Variable x = Variable.constant(Tensor.of(3.0, 4.0));
        // y = Σ (w ⊙ x) + Σ w²  →  ∂y/∂w = x + 2w
        Variable y = w.variable().mul(x).sum().add(w.variable().square().sum());
        Gradients g = y.backward();
        assertThat(w.variable()).isSameAs(w.variable());
        assertThat(g.contains(w)).isTrue();
        assertThat(g.of(w).toArray()).containsExactly(7.0, 2.0);
        assertThat(g.of(w.variable()).toArray()).containsExactly(7.0, 2.0);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void unusedParameterHasZeroGradient() {
        Parameter used = new Parameter("used", Tensor.of(1.0));
        Parameter unused = new Parameter("unused", Tensor.of(1.0, 2.0, 3.0));
        Gradients g = used.variable().mul(5.0).sum().backward();
        assertThat(g.contains(unused)).isFalse();
        assertThat(g.of(unused).toArray()).containsExactly(0.0, 0.0, 0.0);
        assertThat(g.of(used).toArray()).containsExactly(5.0);
    }

    @Test
    void chainOfOneHundredThousandOperationsNeedsNoDeepStack() {
        int n = 100_000;
        Variable x = Variable.leaf(Tensor.scalar(1.0));
        Variable y = x;
        for (int i = 0; i < n; i++) {
            y = y.mul(1.0000001);
        }
        double expected = Math.pow(1.0000001, n);
        assertThat(y.item()).isCloseTo(expected, within(1e-9));
        assertThat(y.backward().of(x).item()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void chainOfAddsWithSecondOrderGraph() {
        int n = 100_000;
        Variable x = Variable.leaf(Tensor.scalar(0.5));
        Variable y = x.square();
        for (int i = 0; i < n; i++) {
            y = y.add(1e-6);
        }
        // y = x² + 0.1:  y′ = 2x, y″ = 2, through a gradient graph of 100,000 nodes
        Variable g = y.backward(true).variable(x);
        assertThat(g.item()).isEqualTo(1.0);
        assertThat(g.backward().of(x).item()).isEqualTo(2.0);
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0));
        assertThat(GradMode.isEnabled()).isTrue();
        try (NoGrad outer = NoGrad.enter()) {
            Variable y = x.exp().sum();
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.isLeaf()).isTrue();
            assertThat(y.producer()).isNull();
            assertThat(y.item()).isCloseTo(Math.exp(1) + Math.exp(2), within(1e-15));
            try (NoGrad inner = NoGrad.enter()) {
                assertThat(x.mul(x).requiresGrad()).isFalse();
            }
            // closing the inner scope restores the outer one: still off
            assertThat(GradMode.isEnabled()).isFalse();
            assertThat(x.sin().requiresGrad()).isFalse();
            assertThat(y.backward().size()).isZero();
        }
        assertThat(GradMode.isEnabled()).isTrue();
        Variable z = x.exp();
        assertThat(z.requiresGrad()).isTrue();
        assertThat(z.producer().name()).isEqualTo("exp");
    }

    @Test
    void constantsGetNoGradient() {
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0));
        Variable c = Variable.constant(Tensor.of(3.0, 4.0));
        Variable cc = c.mul(c);
        assertThat(cc.requiresGrad()).isFalse();
        Gradients g = x.mul(c).add(cc).sum().backward();
        assertThat(g.contains(c)).isFalse();
        assertThat(g.of(c).toArray()).containsOnly(0.0);
        assertThat(g.of(x).toArray()).containsExactly(3.0, 4.0);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void backwardOfAConstantIsEmpty() {
        Gradients g = Variable.constant(2.0).exp().backward();
        assertThat(g.size()).isZero();
    }

    @Test
    void detachCutsTheGraph() {
        // y = x · stop(x): dy/dx = stop(x) only
        Variable x = Variable.leaf(Tensor.of(2.0, -3.0));
        Variable d = x.detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.value()).isSameAs(x.value());
        Gradients g = x.mul(d).sum().backward();
        assertThat(g.of(x).toArray()).containsExactly(2.0, -3.0);
        assertThat(x.exp().detach().sum().backward().size()).isZero();
    }

    @Test
    void seededBackwardGivesVectorJacobianProduct() {
        // y = 2x ⊙ x, seed s: x̄ = s ⊙ 4x
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0, 3.0));
        Variable y = x.mul(x).mul(2.0);
        Gradients g = y.backward(Tensor.of(1.0, 0.5, -1.0));
        assertThat(g.of(x).toArray()).containsExactly(4.0, 4.0, -12.0);
    }

    @Test
    void plainBackwardBuildsNoGraphOfTheGradient() {
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0));
        Variable gPlain = x.sin().sum().backward().variable(x);
        assertThat(gPlain.requiresGrad()).isFalse();
        Variable gGraph = x.sin().sum().backward(true).variable(x);
        assertThat(gGraph.requiresGrad()).isTrue();
        assertThat(GradMode.isEnabled()).isTrue();
    }

    @Test
    void toStringNamesTheProducer() {
        Variable x = Variable.leaf(Tensor.of(0.0));
        assertThat(x.exp().toString()).startsWith("Variable(exp, ");
        assertThat(x.toString()).startsWith("Variable(leaf, ");
        assertThat(Variable.constant(1.0).toString()).startsWith("Variable(constant, ");
        assertThat(new Parameter("w", Tensor.of(1.0)).variable().toString()).startsWith("Variable(parameter w, ");
    }

    @Test
    void slicesAddTheirCotangentsInPlaceWithTheValuesOfTheScatteredTensors() {
        // The sweep without a graph adds a slice's cotangent straight into the sliced input's sum; the
        // sweep with one builds the scattered tensors (SliceScatter). Both must give the same gradient:
        // overlapping slices, steps, a negative start, select, slices of a leaf and of an intermediate,
        // and the same input also used whole.
        org.nabla.tensor.Rng rng = new org.nabla.tensor.Rng(21);
        Tensor x0 = Tensor.randn(rng, 4, 6);
        Tensor w = Tensor.randn(rng, 4, 6);
        java.util.function.Function<Variable, Variable> f = x -> {
            Variable h = x.mul(Variable.constant(w)).tanh();
            Variable a = h.slice(1, 0, 4).square().sum();
            Variable b = h.slice(1, 2, 6).mul(h.slice(1, 1, 5)).sum();
            Variable c = h.slice(1, -3, 6, 2).exp().sum();
            Variable d = x.slice(0, 1, 3).sin().sum().add(x.select(0, 3).sum());
            Variable e = h.sum().mul(x.slice(1, 5, 6).sum());
            return a.add(b).add(c).add(d).add(e);
        };
        Variable x = Variable.leaf(x0);
        Tensor fast = f.apply(x).backward().of(x);
        Variable x2 = Variable.leaf(x0);
        Tensor viaScatter = f.apply(x2).backward(true).of(x2);
        assertThat(fast.toArray()).isEqualTo(viaScatter.toArray());
        // and both agree with central differences
        GradCheck.check(in -> f.apply(in.get(0)), x0).assertPassed();
    }

    @Test
    void aWeightUsedAtEveryStepGetsItsProductsSummedInPlace() {
        // h ← tanh(x_t Wᵀ + h Uᵀ) over several steps: the sweep without a graph sums the weights'
        // cotangents C̄ₜᵀAₜ straight into one buffer; the sweep with a graph adds the products. Same
        // gradients up to rounding, and both match central differences.
        org.nabla.tensor.Rng rng = new org.nabla.tensor.Rng(22);
        Tensor xs = Tensor.randn(rng, 5, 3, 4);
        Tensor w0 = Tensor.randn(rng, 6, 4).mul(0.5);
        Tensor u0 = Tensor.randn(rng, 6, 6).mul(0.5);
        java.util.function.BiFunction<Variable, Variable, Variable> run = (w, u) -> {
            Variable h = Variable.constant(Tensor.zeros(3, 6));
            for (int t = 0; t < 5; t++) {
                h = Variable.constant(xs.select(0, t)).matmulTransposed(w).add(h.matmulTransposed(u)).tanh();
            }
            return h.square().sum();
        };
        Variable w = Variable.leaf(w0);
        Variable u = Variable.leaf(u0);
        Gradients fast = run.apply(w, u).backward();
        Variable w2 = Variable.leaf(w0);
        Variable u2 = Variable.leaf(u0);
        Gradients graph = run.apply(w2, u2).backward(true);
        double[] a = fast.of(w).toArray();
        double[] b = graph.of(w2).toArray();
        double[] c = fast.of(u).toArray();
        double[] d = graph.of(u2).toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-13 * (1 + Math.abs(b[i]))));
        }
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).isCloseTo(d[i], within(1e-13 * (1 + Math.abs(d[i]))));
        }
        GradCheck.check(in -> run.apply(in.get(0), in.get(1)), w0, u0).assertPassed();
    }

    @Test
    void sigmoidAndTanhGiveTheSameGradientBitsWithAndWithoutAGraph() {
        // without a graph of the gradient their derivatives are computed in one pass; with one, from
        // differentiable operations: the same operations, so the same bits
        org.nabla.tensor.Rng rng = new org.nabla.tensor.Rng(23);
        Tensor x0 = Tensor.randn(rng, 5, 7).mul(3);
        Tensor w = Tensor.randn(rng, 5, 7);
        java.util.function.Function<Variable, Variable> f =
            x -> x.sigmoid().mul(x.tanh()).add(x.mul(2.0).tanh().sigmoid()).mul(Variable.constant(w)).sum();
        Variable x = Variable.leaf(x0);
        Variable x2 = Variable.leaf(x0);
        assertThat(f.apply(x).backward().of(x).toArray()).isEqualTo(f.apply(x2).backward(true).of(x2).toArray());
    }
}
