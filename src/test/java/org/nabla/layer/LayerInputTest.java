package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Anomaly;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Linear on a single 1-d example (as torch.nn.Linear), and Sequential errors that name the layer. */
class LayerInputTest {
    @Test
    void linearMapsASingleExampleOfShapeInToShapeOut() {
        Linear lin = new Linear(3, 2, new Rng(1));
        Tensor x = Tensor.of(0.5, -1.0, 2.0);
        Tensor y = lin.forward(Variable.constant(x)).value();
        assertThat(y.dims()).containsExactly(2);
        // y = Wx + b, entry by entry, and the same as the one-row batch
        Tensor w = lin.weight().value();
        Tensor b = lin.bias().value();
        for (int o = 0; o < 2; o++) {
            double expected = b.get(o);
            for (int i = 0; i < 3; i++) {
                expected += w.get(o, i) * x.get(i);
            }
            assertThat(y.get(o)).isEqualTo(expected);
        }
        assertThat(y).isEqualTo(lin.forward(Variable.constant(x.reshape(1, 3))).value().reshape(2));
        GradCheck.check(in -> Linear.linear(in.get(0), in.get(1), in.get(2)).square().sum(), x, w, b).assertPassed();
        assertThatThrownBy(() -> lin.forward(Variable.constant(Tensor.of(1, 2))))
                .hasMessage("Linear(in=3, out=2): expected input with last axis 3, got shape [2]");
    }

    @Test
    void aLayerThatFailsIsNamedByItsIndexAndClassWithTheCauseKept() {
        Sequential net = new Sequential(new Linear(4, 3, new Rng(2)), new ReLU(), new Linear(5, 2, new Rng(3)));
        assertThatThrownBy(() -> net.forward(Variable.constant(Tensor.zeros(6, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sequential: layer 2 (Linear) failed on an input of shape [6, 3]: "
                        + "Linear(in=5, out=2): expected input with last axis 5, got shape [6, 3]")
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linear(in=5, out=2): expected input with last axis 5, got shape [6, 3]");
    }

    @Test
    void nestedCompositionsGiveThePathOutermostFirstAndKeepTheExceptionKind() {
        Sequential inner = new Sequential(new Linear(3, 3, new Rng(4)), new Flatten(), new Linear(2, 1, new Rng(5)));
        Sequential outer = new Sequential(new Linear(4, 3, new Rng(6)), inner);
        assertThatThrownBy(() -> outer.forward(Variable.constant(Tensor.zeros(2, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Sequential: layer 1 (Sequential) failed on an input of shape [2, 3]: "
                        + "Sequential: layer 2 (Linear) failed on an input of shape [2, 3]: Linear(in=2, out=1)");
        // an anomaly (ArithmeticException) stays an ArithmeticException, now naming the layer
        Sequential logNet = new Sequential(new Linear(1, 1, new Rng(7)), new Module() {
            @Override
            public Variable forward(Variable x) {
                return x.mul(0.0).log();
            }
        });
        assertThatThrownBy(() -> {
            try (Anomaly a = Anomaly.detect()) {
                logNet.forward(Variable.constant(Tensor.ones(1, 1)));
            }
        }).isInstanceOf(ArithmeticException.class).hasMessageStartingWith("Sequential: layer 1 (")
                .hasMessageContaining("anomaly: ").hasCauseInstanceOf(ArithmeticException.class);
    }
}
