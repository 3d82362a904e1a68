package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A 2-8-1 network, ŷ = σ(W₂ tanh(W₁x + b₁) + b₂), learns XOR by plain gradient descent
 * θ ← θ − η ∂L/∂θ on the binary cross-entropy L = −mean(y log ŷ + (1 − y) log(1 − ŷ)).
 */
class XorTest {
    @Test
    void twoLayerNetworkLearnsXor() {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
        Rng rng = new Rng(2024);
        Linear hidden = new Linear(2, 8, rng);
        Linear output = new Linear(8, 1, rng);
        Sequential net = new Sequential(hidden, output);
        double eta = 0.5;
        double loss = Double.NaN;
        Variable target = Variable.constant(y);
        for (int step = 0; step < 2000; step++) {
            Variable p = output.forward(hidden.forward(Variable.constant(x)).tanh()).sigmoid();
            Variable l = target.mul(p.log()).add(target.rsub(1).mul(p.rsub(1).log())).mean().neg();
            loss = l.item();
            Gradients g = l.backward();
            for (Parameter theta : net.parameters()) {
                theta.set(theta.value().sub(g.of(theta).mul(eta)));
            }
        }
        Tensor p = output.forward(hidden.forward(Variable.constant(x)).tanh()).sigmoid().value();
        Tensor predicted = p.gt(0.5);
        assertThat(predicted).isEqualTo(y);
        assertThat(loss).isLessThan(0.05);
    }
}
