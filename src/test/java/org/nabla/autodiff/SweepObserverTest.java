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
}
