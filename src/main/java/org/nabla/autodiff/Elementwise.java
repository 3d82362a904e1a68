package org.nabla.autodiff;

import org.nabla.tensor.SpecialFunctions;
import org.nabla.tensor.Tensor;

/** The elementwise unary primitives y = f(x) and their derivatives, x̄ = ȳ ⊙ f′(x). */
final class Elementwise {
    private Elementwise() {
    }

    /** y = −x;  x̄ = −ȳ. */
    static final class Neg extends Operation {
        Neg() {
            super("neg");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].neg();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].neg();
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.neg()};
        }
    }

    /** y = eˣ;  x̄ = ȳ ⊙ y. */
    static final class Exp extends Operation {
        Exp() {
            super("exp");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].exp();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(output());
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(output())};
        }
    }

    /** y = ln x;  x̄ = ȳ / x. */
    static final class Log extends Operation {
        Log() {
            super("log");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].log();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].div(input(0));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.div(input(0))};
        }
    }

    /** y = ln(1 + x);  x̄ = ȳ / (1 + x). */
    static final class Log1p extends Operation {
        Log1p() {
            super("log1p");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].log1p();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].div(input(0).add(1.0));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.div(input(0).add(1.0))};
        }
    }

    /** y = eˣ − 1;  x̄ = ȳ ⊙ (y + 1). */
    static final class Expm1 extends Operation {
        Expm1() {
            super("expm1");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].expm1();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(output().add(1.0));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(output().add(1.0))};
        }
    }

    /** y = √x;  x̄ = ȳ / (2y). */
    static final class Sqrt extends Operation {
        Sqrt() {
            super("sqrt");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].sqrt();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].div(output().mul(2.0));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.div(output().mul(2.0))};
        }
    }

    /** y = x²;  x̄ = 2 ȳ ⊙ x. */
    static final class Square extends Operation {
        Square() {
            super("square");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].square();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(input(0)).mul(2.0);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(input(0)).mul(2.0)};
        }
    }

    /** y = 1/x;  x̄ = −ȳ ⊙ y². */
    static final class Reciprocal extends Operation {
        Reciprocal() {
            super("reciprocal");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].reciprocal();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(output().square()).neg();
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(output().square()).neg()};
        }
    }

    /** y = sin x;  x̄ = ȳ ⊙ cos x. */
    static final class Sin extends Operation {
        Sin() {
            super("sin");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].sin();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(input(0).cos());
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(input(0).cos())};
        }
    }

    /** y = cos x;  x̄ = −ȳ ⊙ sin x. */
    static final class Cos extends Operation {
        Cos() {
            super("cos");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].cos();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(input(0).sin()).neg();
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(input(0).sin()).neg()};
        }
    }

    /** y = tanh x;  x̄ = ȳ ⊙ (1 − y²). */
    static final class Tanh extends Operation {
        Tanh() {
            super("tanh");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].tanh();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(output().square().neg().add(1.0));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable y = output();
            if (!GradMode.isEnabled()) { // no graph of the gradient: 1 − y² in one pass, the same bits
                double[] v = y.value().dataView();
                return new Variable[] {g.mul(Variable.constant(Tensor.build(y.shape(), d -> {
                    for (int i = 0; i < d.length; i++) {
                        d[i] = 1.0 - v[i] * v[i];
                    }
                })))};
            }
            return new Variable[] {g.mul(y.square().neg().add(1.0))};
        }
    }

    /** y = σ(x) = 1/(1 + e^(−x));  x̄ = ȳ ⊙ y(1 − y). */
    static final class Sigmoid extends Operation {
        Sigmoid() {
            super("sigmoid");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].sigmoid();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(output().mul(output().neg().add(1.0)));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable y = output();
            if (!GradMode.isEnabled()) { // no graph of the gradient: y(1 − y) in one pass, the same bits
                double[] v = y.value().dataView();
                return new Variable[] {g.mul(Variable.constant(Tensor.build(y.shape(), d -> {
                    for (int i = 0; i < d.length; i++) {
                        d[i] = v[i] * (1.0 - v[i]);
                    }
                })))};
            }
            return new Variable[] {g.mul(y.mul(y.neg().add(1.0)))};
        }
    }

    /** y = max(x, 0);  x̄ = ȳ ⊙ 1[x &gt; 0] (derivative 0 at x = 0, as PyTorch). */
    static final class Relu extends Operation {
        Relu() {
            super("relu");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].relu();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(Variable.constant(input(0).value().gt(0.0)));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(Variable.constant(input(0).value().gt(0.0)))};
        }
    }

    /** y = |x|;  x̄ = ȳ ⊙ sign(x) (0 at x = 0, as PyTorch). */
    static final class Abs extends Operation {
        Abs() {
            super("abs");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].abs();
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(Variable.constant(input(0).value().sign()));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(Variable.constant(input(0).value().sign()))};
        }
    }

    /** y = erf x;  x̄ = ȳ ⊙ (2/√π) e^(−x²). */
    static final class Erf extends Operation {
        Erf() {
            super("erf");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].map(SpecialFunctions::erf);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].mul(input(0).square().neg().exp().mul(2.0 / Math.sqrt(Math.PI)));
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g.mul(input(0).square().neg().exp().mul(2.0 / Math.sqrt(Math.PI)))};
        }
    }

    /** y = clip(x, lo, hi);  x̄ = ȳ ⊙ 1[lo ≤ x ≤ hi] (as PyTorch's clamp). */
    static final class Clip extends Operation {
        private final double lo;
        private final double hi;

        Clip(double lo, double hi) {
            super("clip");
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].clip(lo, hi);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            Tensor x = input(0).value();
            return t[0].mul(Variable.constant(x.map(v -> v >= lo && v <= hi ? 1.0 : 0.0)));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Tensor x = input(0).value();
            return new Variable[] {g.mul(Variable.constant(x.map(v -> v >= lo && v <= hi ? 1.0 : 0.0)))};
        }
    }
}
