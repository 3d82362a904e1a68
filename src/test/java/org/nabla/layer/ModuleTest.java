package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

class ModuleTest {
    /** y = a ⊙ x + b, a tiny module with two parameters. */
    static final class Affine extends Module {
        final Parameter a;
        final Parameter b;

        Affine(double a, double b) {
            this.a = registerParameter("a", Tensor.scalar(a));
            this.b = registerParameter("b", Tensor.scalar(b));
        }

        @Override
        public Variable forward(Variable x) {
            return x.mul(a.variable()).add(b.variable());
        }
    }

    static final class Twice extends Module {
        Twice() {
            registerModule("inner", new Sequential(new Affine(2, 1), new Affine(3, 0)));
        }

        @Override
        public Variable forward(Variable x) {
            return children().get("inner").forward(x);
        }
    }

    @Test
    void compositionAndDottedNames() {
        Sequential s = new Sequential(new Affine(2, 1), new Affine(3, 0));
        assertThat(s.forward(Tensor.of(1.0, 2.0))).isEqualTo(Tensor.of(9.0, 15.0));
        assertThat(s.namedParameters().keySet()).containsExactly("0.a", "0.b", "1.a", "1.b");
        assertThat(new Twice().namedParameters().keySet()).containsExactly("inner.0.a", "inner.0.b", "inner.1.a",
                "inner.1.b");
        assertThat(s.parameterCount()).isEqualTo(4);
        assertThat(s.toString()).contains("Sequential (4 parameters)").contains("(0): Affine");
    }

    @Test
    void gradientsFlowToParameters() {
        Affine f = new Affine(2, 1);
        Variable y = f.forward(Variable.constant(Tensor.of(1.0, 2.0, 3.0))).sum();
        var g = y.backward();
        assertThat(g.of(f.a).item()).isEqualTo(6.0);
        assertThat(g.of(f.b).item()).isEqualTo(3.0);
    }

    @Test
    void trainAndEvalPropagate() {
        Twice t = new Twice();
        t.eval();
        assertThat(t.children().get("inner").isTraining()).isFalse();
        t.train();
        assertThat(((Sequential) t.children().get("inner")).get(1).isTraining()).isTrue();
    }

    @Test
    void errors() {
        assertThatThrownBy(Sequential::new).hasMessageContaining("at least one module");
        assertThatThrownBy(() -> new Module() {
            {
                registerParameter("w", Tensor.zeros(2));
                registerParameter("w", Tensor.zeros(2));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        }).hasMessageContaining("name 'w' is already used");
        Parameter p = new Parameter("w", Tensor.zeros(2, 3));
        assertThatThrownBy(() -> p.set(Tensor.zeros(3, 2)))
                .hasMessageContaining("Parameter 'w': cannot set a value of shape [3, 2] (expected [2, 3])");
    }
}
