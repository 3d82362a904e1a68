package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla.tensor.Tensor;

/**
 * Derivatives of derivatives: Hessian-vector products and Hessians of the Rosenbrock function
 * against its analytic Hessian, second derivatives of tanh, σ and exp against closed forms, and the
 * Jacobian and Jacobian-vector product of a small vector function.
 */
class SecondDerivativeTest {
    private static final double[] X = {-1.2, 1.0, 0.5, 0.8};
    private static final double[] V = {0.3, -1.1, 2.0, 0.7};

    /** f(x) = Σᵢ₌₀ⁿ⁻² (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)². */
    static Variable rosenbrock(Variable x) {
        int n = x.shape().dim(0);
        Variable a = x.slice(0, 0, n - 1);
        Variable b = x.slice(0, 1, n);
        return a.rsub(1.0).square().add(b.sub(a.square()).square().mul(100.0)).sum();
    }

    /**
     * The analytic Hessian: H_ii = 2 + 1200xᵢ² − 400xᵢ₊₁ (i &lt; n−1) + 200 (i &gt; 0),
     * H_i,i+1 = H_i+1,i = −400xᵢ.
     */
    static double[][] rosenbrockHessian(double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (i < n - 1) {
                h[i][i] += 2 + 1200 * x[i] * x[i] - 400 * x[i + 1];
                h[i][i + 1] = -400 * x[i];
                h[i + 1][i] = -400 * x[i];
            }
            if (i > 0) {
                h[i][i] += 200;
            }
        }
        return h;
    }

    @Test
    void hvpOfRosenbrockEqualsAnalyticHessianTimesV() {
        double[][] h = rosenbrockHessian(X);
        double[] hv = Autodiff.hvp(SecondDerivativeTest::rosenbrock, Tensor.of(X), Tensor.of(V)).toArray();
        for (int i = 0; i < X.length; i++) {
            double expected = 0;
            for (int j = 0; j < X.length; j++) {
                expected += h[i][j] * V[j];
            }
            assertThat(hv[i]).as("(Hv)[%d]", i).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void hessianOfRosenbrockEqualsAnalytic() {
        double[][] h = rosenbrockHessian(X);
        Tensor got = Autodiff.hessian(SecondDerivativeTest::rosenbrock, Tensor.of(X));
        assertThat(got.shape().dims()).containsExactly(4, 4);
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < X.length; j++) {
                assertThat(got.get(i, j)).as("H[%d][%d]", i, j).isCloseTo(h[i][j], within(1e-10));
            }
        }
    }

    @Test
    void gradientOfRosenbrockIsZeroAtTheMinimum() {
        Tensor g = Autodiff.grad(SecondDerivativeTest::rosenbrock, Tensor.of(1.0, 1.0, 1.0, 1.0));
        assertThat(g.toArray()).containsOnly(0.0);
    }

    /** d²/dx² f at every point, by differentiating the gradient graph (backward with createGraph). */
    private static double[] secondDerivative(UnaryOperator<Variable> f, double[] points) {
        Variable x = Variable.leaf(Tensor.of(points));
        Variable g = f.apply(x).sum().backward(true).variable(x);
        return g.sum().backward().of(x).toArray();
    }

    private static final double[] POINTS = {-3.0, -1.5, -0.4, 0.0, 0.3, 1.0, 2.2};

    private static void assertSecondDerivative(UnaryOperator<Variable> f, DoubleUnaryOperator closedForm) {
        double[] got = secondDerivative(f, POINTS);
        for (int i = 0; i < POINTS.length; i++) {
            assertThat(got[i]).as("f''(%s)", POINTS[i]).isCloseTo(closedForm.applyAsDouble(POINTS[i]), within(1e-12));
        }
    }

    @Test
    void tanhSecondDerivative() {
        // tanh″ = −2 tanh (1 − tanh²)
        assertSecondDerivative(Variable::tanh, x -> -2 * Math.tanh(x) * (1 - Math.tanh(x) * Math.tanh(x)));
    }

    @Test
    void sigmoidSecondDerivative() {
        // σ″ = σ (1 − σ)(1 − 2σ)
        assertSecondDerivative(Variable::sigmoid, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s) * (1 - 2 * s);
        });
    }

    @Test
    void expSecondDerivative() {
        assertSecondDerivative(Variable::exp, Math::exp);
    }

    @Test
    void sinSecondDerivativeAndThirdByAnotherGraph() {
        assertSecondDerivative(Variable::sin, x -> -Math.sin(x));
        // third derivative: differentiate the second-derivative graph once more
        Variable x = Variable.leaf(Tensor.of(POINTS));
        Variable g1 = x.sin().sum().backward(true).variable(x);
        Variable g2 = g1.sum().backward(true).variable(x);
        double[] g3 = g2.sum().backward().of(x).toArray();
        for (int i = 0; i < POINTS.length; i++) {
            assertThat(g3[i]).isCloseTo(-Math.cos(POINTS[i]), within(1e-12));
        }
    }

    /** f(x) = (x₀x₁, sin x₀, x₁²x₂). */
    static Variable vectorFunction(Variable x) {
        Variable x0 = x.select(0, 0);
        Variable x1 = x.select(0, 1);
        Variable x2 = x.select(0, 2);
        return Variable.stack(0, x0.mul(x1), x0.sin(), x1.square().mul(x2));
    }

    private static final double[] P = {0.7, -1.3, 2.1};

    @Test
    void jacobianOfVectorFunctionEqualsAnalytic() {
        double[][] expected = {
            {P[1], P[0], 0},
            {Math.cos(P[0]), 0, 0},
            {0, 2 * P[1] * P[2], P[1] * P[1]}};
        Tensor j = Autodiff.jacobian(SecondDerivativeTest::vectorFunction, Tensor.of(P));
        assertThat(j.shape().dims()).containsExactly(3, 3);
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                assertThat(j.get(r, k)).as("J[%d][%d]", r, k).isCloseTo(expected[r][k], within(1e-14));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void jvpEqualsJacobianTimesU(long seed) {
        Tensor u = Tensor.randn(new org.nabla.tensor.Rng(seed), 3);
        double[] ua = u.toArray();
        Tensor j = Autodiff.jacobian(SecondDerivativeTest::vectorFunction, Tensor.of(P));
        double[] ju = Autodiff.jvp(SecondDerivativeTest::vectorFunction, Tensor.of(P), u).toArray();
        for (int r = 0; r < 3; r++) {
            double e = 0;
            for (int k = 0; k < 3; k++) {
                e += j.get(r, k) * ua[k];
            }
            assertThat(ju[r]).as("(Ju)[%d]", r).isCloseTo(e, within(1e-13));
        }
    }

    @Test
    void jacobianOfMatrixFunctionHasShapeOutPlusIn() {
        // f(X) = X Xᵀ for X of shape (2, 3): J has shape (2, 2, 2, 3), ∂(XXᵀ)ᵢⱼ/∂X_kl = δᵢₖX_jl + δⱼₖX_il
        Tensor x = Tensor.of(new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        Tensor j = Autodiff.jacobian(v -> v.matmul(v.transpose()), x);
        assertThat(j.shape().dims()).containsExactly(2, 2, 2, 3);
        for (int i = 0; i < 2; i++) {
            for (int jj = 0; jj < 2; jj++) {
                for (int k = 0; k < 2; k++) {
                    for (int l = 0; l < 3; l++) {
                        double e = (i == k ? x.get(jj, l) : 0) + (jj == k ? x.get(i, l) : 0);
                        assertThat(j.get(i, jj, k, l)).isEqualTo(e);
                    }
                }
            }
        }
    }
}
