package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

/** The optional observer of a backward sweep: every node's final cotangent, once, sweep unchanged. */
class SweepObserverTest {

    @Test
    void everyNodeIsToldItsFinalCotangentOnce() {
        // a = x²; b = sin a; c = 3a; y = b·c: ā = cos a · c + 3b (two uses), x̄ = 2x·ā
        double xv = 0.7;
        Variable x = Variable.leaf(Tensor.scalar(xv));
        Variable a = x.square();
        Variable b = a.sin();
        Variable c = a.mul(3.0);
        Variable y = b.mul(c);
        Map<Variable, Double> seen = new IdentityHashMap<>();
        Map<Variable, Integer> calls = new IdentityHashMap<>();
        Gradients g = y.backward(Variable.constant(1.0), false, (node, cot) -> {
            seen.put(node, cot.item());
            calls.merge(node, 1, Integer::sum);
        });
        double av = xv * xv;
        double aBar = Math.cos(av) * 3 * av + 3 * Math.sin(av);
        assertThat(seen).containsOnlyKeys(x, a, b, c, y);
        assertThat(calls.values()).containsOnly(1);
        assertThat(seen.get(y)).isEqualTo(1.0);
        assertThat(seen.get(b)).isCloseTo(3 * av, within(1e-15));
        assertThat(seen.get(c)).isCloseTo(Math.sin(av), within(1e-15));
        assertThat(seen.get(a)).isCloseTo(aBar, within(1e-14));
        assertThat(seen.get(x)).isCloseTo(2 * xv * aBar, within(1e-14));
        assertThat(g.of(x).item()).isEqualTo(seen.get(x));
    }

    @Test
    void withoutObserverTheSweepIsTheSame() {
        Variable x = Variable.leaf(Tensor.of(1.0, 2.0));
        Variable y = x.exp().mul(x).sum();
        double[] plain = y.backward().of(x).toArray();
        double[] observed = y.backward(Variable.constant(1.0), false, (n, c) -> { }).of(x).toArray();
        assertThat(observed).containsExactly(plain);
        assertThat(y.backward(Variable.constant(1.0), false, null).of(x).toArray()).containsExactly(plain);
    }

    @Test
    void aPrunedSweepGivesTheWantedNodesTheirBitsAndComputesNothingElse() {
        // a two-layer network: h = tanh(x W₁ᵀ + b₁), y = h W₂ᵀ; wanted: the nodes computed from x
        org.nabla.tensor.Rng rng = new org.nabla.tensor.Rng(11);
        Variable x = Variable.leaf(Tensor.randn(rng, 5, 4));
        Variable w1 = Variable.leaf(Tensor.randn(rng, 3, 4));
        Variable b1 = Variable.leaf(Tensor.randn(rng, 3));
        Variable w2 = Variable.leaf(Tensor.randn(rng, 2, 3));
        Variable z = x.matmulTransposed(w1).add(b1);
        Variable h = z.tanh();
        Variable y = h.matmulTransposed(w2);
        Variable loss = y.square().sum();
        java.util.Set<Variable> fromX = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Variable, Tensor> full = new IdentityHashMap<>();
        loss.backward(Variable.constant(1.0), false, (node, cot) -> full.put(node, cot.value()));
        for (Variable v : full.keySet()) {
            if (!v.isLeaf()) {
                fromX.add(v); // every operation here has an input computed from x
            }
        }
        assertThat(fromX).hasSize(6); // x W₁ᵀ, z, h, y, y², loss
        Map<Variable, Tensor> pruned = new IdentityHashMap<>();
        Gradients g = ReverseSweep.run(loss, Variable.constant(1.0), (node, cot) -> pruned.put(node, cot.value()),
                fromX::contains);
        for (Variable v : new Variable[] {z, h, y, loss}) {
            assertThat(pruned.get(v)).as("cotangent of a wanted node").isEqualTo(full.get(v));
        }
        assertThat(pruned).doesNotContainKeys(x, w1, b1, w2);
        assertThat(g.contains(w1) || g.contains(w2) || g.contains(b1) || g.contains(x)).isFalse();
        // and the next sweep, unpruned, is whole again
        assertThat(loss.backward().of(w1)).isEqualTo(full.get(w1));
    }
}
