package org.nabla.autodiff;

import org.nabla.tensor.Tensor;

/**
 * The elementwise binary primitives (with NumPy broadcasting). Each vector-Jacobian product is
 * returned at the broadcast shape; the engine sums it back to the input's shape.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** z = a + b;  ā = z̄, b̄ = z̄. */
    static final class Add extends Operation {
        Add() {
            super("add");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].add(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return sumOfTangents(t[0], t[1]);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g, g};
        }

        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            return broadcastPerExample(this, input, g, exampleAxis);
        }
    }

    /** z = a − b;  ā = z̄, b̄ = −z̄. */
    static final class Sub extends Operation {
        Sub() {
            super("sub");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].sub(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return sumOfTangents(t[0], t[1] == null ? null : t[1].neg());
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {g, needsGrad(1) ? g.neg() : null};
        }

        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            return broadcastPerExample(this, input, g, exampleAxis);
        }
    }

    /** z = a ⊙ b;  ā = z̄ ⊙ b, b̄ = z̄ ⊙ a. */
    static final class Mul extends Operation {
        Mul() {
            super("mul");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return bilinearJvp(t, input(0), input(1), Variable::mul);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {
                needsGrad(0) ? g.mul(input(1)) : null,
                needsGrad(1) ? g.mul(input(0)) : null};
        }

        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            return broadcastPerExample(this, input, g, exampleAxis);
        }
    }

    /** z = a / b;  ā = z̄ / b, b̄ = −z̄ ⊙ a / b² = −z̄ ⊙ z / b. */
    static final class Div extends Operation {
        Div() {
            super("div");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].div(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ż = ȧ / b − ḃ ⊙ z / b
            return sumOfTangents(t[0] == null ? null : t[0].div(input(1)),
                    t[1] == null ? null : t[1].mul(output()).div(input(1)).neg());
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {
                needsGrad(0) ? g.div(input(1)) : null,
                needsGrad(1) ? g.mul(output()).div(input(1)).neg() : null};
        }

        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            return broadcastPerExample(this, input, g, exampleAxis);
        }
    }

    /**
     * z = a^b;  ā = z̄ ⊙ b ⊙ a^(b−1), b̄ = z̄ ⊙ z ⊙ ln a. As in PyTorch, b̄ is set to 0 where a = 0
     * and b ≥ 0 (where z does not depend on b for b &gt; 0 and ln a = −∞).
     */
    static final class Pow extends Operation {
        Pow() {
            super("pow");
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].pow(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ż = ȧ ⊙ b ⊙ a^(b−1) + ḃ ⊙ z ⊙ ln a (0 where a = 0 and b ≥ 0, as the vjp)
            Variable a = input(0);
            Variable b = input(1);
            Variable ta = t[0] == null ? null : t[0].mul(b).mul(a.pow(b.sub(1.0)));
            Variable tb = null;
            if (t[1] != null) {
                Tensor mask = a.value().eq(Tensor.scalar(0.0)).mul(b.value().ge(Tensor.scalar(0.0)));
                tb = Variable.where(Variable.constant(mask), Variable.constant(Tensor.scalar(0.0)),
                        t[1].mul(output()).mul(a.log()));
            }
            return sumOfTangents(ta, tb);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable a = input(0);
            Variable b = input(1);
            Variable ga = needsGrad(0) ? g.mul(b).mul(a.pow(b.sub(1.0))) : null;
            Variable gb = null;
            if (needsGrad(1)) {
                Tensor av = a.value();
                Tensor bv = b.value();
                Tensor mask = av.eq(Tensor.scalar(0.0)).mul(bv.ge(Tensor.scalar(0.0)));
                gb = Variable.where(Variable.constant(mask), Variable.constant(Tensor.scalar(0.0)),
                        g.mul(output()).mul(a.log()));
            }
            return new Variable[] {ga, gb};
        }

        @Override
        protected PerExampleCotangent perExampleCotangent(int input, Tensor g, int exampleAxis) {
            return broadcastPerExample(this, input, g, exampleAxis);
        }
    }

    /**
     * z = max(a, b);  the cotangent goes to the larger input; at ties it is split equally
     * (½ z̄ to each), as PyTorch does.
     */
    static final class Maximum extends Operation {
        private final boolean isMax;

        Maximum(boolean isMax) {
            super(isMax ? "maximum" : "minimum");
            this.isMax = isMax;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return isMax ? x[0].maximum(x[1]) : x[0].minimum(x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            Tensor a = input(0).value();
            Tensor b = input(1).value();
            Tensor ties = a.eq(b).mul(0.5);
            Tensor wa = (isMax ? a.gt(b) : a.lt(b)).add(ties);
            Tensor wb = (isMax ? a.lt(b) : a.gt(b)).add(ties);
            return sumOfTangents(t[0] == null ? null : t[0].mul(Variable.constant(wa)),
                    t[1] == null ? null : t[1].mul(Variable.constant(wb)));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Tensor a = input(0).value();
            Tensor b = input(1).value();
            Tensor wins = isMax ? a.gt(b) : a.lt(b);
            Tensor ties = a.eq(b).mul(0.5);
            Tensor wa = wins.add(ties);
            Tensor wb = (isMax ? a.lt(b) : a.gt(b)).add(ties);
            return new Variable[] {
                needsGrad(0) ? g.mul(Variable.constant(wa)) : null,
                needsGrad(1) ? g.mul(Variable.constant(wb)) : null};
        }
    }

    /** Selection z = where(c, a, b) with a constant condition c;  ā = z̄ where c, b̄ = z̄ where not c. */
    static final class Where extends Operation {
        private final Tensor condition;

        Where(Tensor condition) {
            super("where");
            this.condition = condition;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Tensor.where(condition, x[0], x[1]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            Variable zero = Variable.constant(Tensor.scalar(0.0));
            Variable c = Variable.constant(condition);
            return Variable.where(c, t[0] == null ? zero : t[0], t[1] == null ? zero : t[1]);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable zero = Variable.constant(Tensor.scalar(0.0));
            Variable c = Variable.constant(condition);
            return new Variable[] {
                needsGrad(0) ? Variable.where(c, g, zero) : null,
                needsGrad(1) ? Variable.where(c, zero, g) : null};
        }
    }

    /**
     * The per-example rule of a broadcasting elementwise operation: the term its backward returns for
     * the input (shaped like the output), summed example by example over the axes along which the
     * input was broadcast ({@link PerExampleCotangent#reduced}); null when that term is not of the
     * output's shape or the input is not shared by the examples.
     */
    static PerExampleCotangent broadcastPerExample(Operation op, int input, Tensor g, int exampleAxis) {
        Variable[] terms;
        boolean previous = GradMode.set(false);
        try {
            terms = op.backward(Variable.constant(g));
        } finally {
            GradMode.set(previous);
        }
        Variable t = terms[input];
        if (t == null || !t.shape().equals(g.shape())) {
            return null;
        }
        return PerExampleCotangent.reduced(t.value(), exampleAxis, op.input(input).shape());
    }

}
