package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

class ConvergenceTheoryTest {
    /** A = MᵀM/d + ½I, symmetric positive definite, d = 6. */
    private static Tensor spd(Rng rng, int d) {
        Tensor m = Tensor.randn(rng, d, d);
        return m.transpose().matmul(m).div(d).add(Tensor.eye(d).mul(0.5));
    }

    /** Q diag(λ) Qᵀ with a seeded random orthogonal Q. */
    private static Tensor withSpectrum(Rng rng, double... lambda) {
        Tensor q = SymmetricEigen.of(spd(rng, lambda.length)).vectors();
        Tensor a = q.matmul(Tensor.of(lambda).unsqueeze(1).mul(q.transpose()));
        return a.add(a.transpose()).mul(0.5);
    }

    private static double[] eig(Tensor a) {
        return SymmetricEigen.eigenvalues(a).toArray();
    }

    @Test
    void measuredConstantsOfAQuadraticAreTheExtremeEigenvaluesOfA() {
        Rng rng = new Rng(1);
        Tensor a = spd(rng, 6);
        Tensor b = Tensor.randn(rng, 6);
        double[] ev = eig(a);
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, b);
        SmoothnessConstants c = SmoothnessConstants.at(f, Tensor.randn(rng, 6), 6, new Rng(2));
        assertThat(c.smoothness()).isCloseTo(ev[5], within(1e-10));
        assertThat(c.strongConvexity()).isCloseTo(ev[0], within(1e-10));
        assertThat(c.isStronglyConvex()).isTrue();
        assertThat(c.conditionNumber()).isCloseTo(ev[5] / ev[0], within(1e-9));
        assertThat(c.rate().maxStep()).isCloseTo(2 / ev[5], within(1e-12));
        // the Hessian of a quadratic is A everywhere: the constants at other points are the same
        SmoothnessConstants over = SmoothnessConstants.overPoints(f, List.of(Tensor.zeros(6), Tensor.randn(rng, 6)), 6, new Rng(3));
        assertThat(over.smoothness()).isCloseTo(ev[5], within(1e-10));
        assertThat(over.strongConvexity()).isCloseTo(ev[0], within(1e-10));
    }

    @Test
    void leastSquaresSmoothnessIsTheTopEigenvalueOfTheGramMatrixOverN() {
        Rng rng = new Rng(4);
        Tensor x = Tensor.randn(rng, 40, 5);
        Tensor y = Tensor.randn(rng, 40);
        Function<Variable, Variable> f = ConvexObjectives.leastSquares(x, y);
        double[] gram = eig(x.transpose().matmul(x));
        SmoothnessConstants c = SmoothnessConstants.at(f, Tensor.randn(rng, 5), 5, new Rng(5));
        assertThat(c.smoothness()).isCloseTo(gram[4] / 40, within(1e-10));
        assertThat(ConvexObjectives.leastSquaresSmoothness(x)).isCloseTo(gram[4] / 40, within(1e-12));
        assertThat(c.strongConvexity()).isCloseTo(gram[0] / 40, within(1e-10));
        // the gradient by reverse mode agrees with central differences
        GradCheck.check(v -> f.apply(v.get(0)), Tensor.randn(rng, 5)).assertPassed();
    }

    @Test
    void gradientDescentOnAQuadraticIsMonotoneAndFollowsTheAlgebraBelowTwoOverL() {
        Rng rng = new Rng(6);
        Tensor a = spd(rng, 6);
        Tensor b = Tensor.randn(rng, 6);
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, b);
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] lambda = e.values().toArray();
        GradientDescentRate rate = new GradientDescentRate(lambda[5], lambda[0]);
        Tensor star = ConvexObjectives.quadraticMinimizer(a, b);
        double fStar = ConvexObjectives.quadraticMinimum(a, b);
        assertThat(Autodiff.grad(f, star).norm()).isLessThan(1e-12);
        Tensor theta0 = Tensor.randn(rng, 6).mul(3);
        double[] coeff = e.vectors().transpose().matmul(theta0.sub(star)).toArray();
        for (double fraction : new double[] {0.25, 0.5, 1.0, 1.5, 1.99}) {
            double eta = fraction / lambda[5];
            GradientDescentTrajectory t = GradientDescentTrajectory.run(f, theta0, eta, 60);
            double[] fs = t.values();
            assertThat(t.length()).isEqualTo(61);
            assertThat(t.isMonotone(1e-14 * (1 + Math.abs(fStar)))).as("η = %s/L", fraction).isTrue();
            double gap0 = fs[0] - fStar;
            for (int k = 0; k < fs.length; k++) {
                // the algebra: eₖ = (I − ηA)ᵏe₀, so f(θₖ) − f* = ½ Σⱼ λⱼ (1 − ηλⱼ)²ᵏ cⱼ²
                double exact = 0;
                for (int j = 0; j < 6; j++) {
                    exact += 0.5 * lambda[j] * Math.pow(1 - eta * lambda[j], 2 * k) * coeff[j] * coeff[j];
                }
                assertThat(fs[k] - fStar).as("η = %s/L, k = %s", fraction, k).isCloseTo(exact, within(1e-12 * (1 + gap0)));
                // the theorem: f(θₖ) − f* ≤ q(η)ᵏ (f(θ₀) − f*)
                assertThat(fs[k] - fStar).isLessThanOrEqualTo(rate.bound(k, eta) * gap0 + 1e-12 * (1 + gap0));
            }
        }
        // at η = 1/L the contraction is 1 − μ/L (Karimi, Nutini & Schmidt 2016, Thm 1)
        assertThat(rate.contraction(rate.step())).isCloseTo(1 - lambda[0] / lambda[5], within(1e-15));
        assertThat(rate.bound(7)).isCloseTo(Math.pow(1 - lambda[0] / lambda[5], 7), within(1e-15));
        // Nesterov's Thm 2.1.15: at η = 2/(μ + L) the iterates contract by (L − μ)/(L + μ)
        GradientDescentTrajectory t = GradientDescentTrajectory.run(f, theta0, rate.optimalStep(), 30);
        double d0 = theta0.sub(star).norm();
        for (int k = 0; k <= 30; k++) {
            assertThat(t.iterates().get(k).sub(star).norm()).isLessThanOrEqualTo(rate.iterateBound(k) * d0 + 1e-12);
        }
    }

    @Test
    void gradientDescentAboveTwoOverLDiverges() {
        Rng rng = new Rng(7);
        Tensor a = spd(rng, 6);
        Tensor b = Tensor.randn(rng, 6);
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, b);
        double l = eig(a)[5];
        double fStar = ConvexObjectives.quadraticMinimum(a, b);
        Tensor theta0 = Tensor.randn(rng, 6);
        GradientDescentTrajectory t = GradientDescentTrajectory.run(f, theta0, 2.1 / l, 200);
        double[] fs = t.values();
        assertThat(t.isMonotone()).isFalse();
        // the top component grows by |1 − ηL| = 1.1 per step: f − f* by 1.21
        assertThat((fs[200] - fStar) / (fs[199] - fStar)).isCloseTo(1.21, within(1e-6));
        assertThat(fs[200] - fStar).isGreaterThan(1e12 * (fs[0] - fStar));
        // far above 2/L, f overflows and the run stops early
        GradientDescentTrajectory blowUp = GradientDescentTrajectory.run(f, theta0, 1000 / l, 400);
        assertThat(blowUp.length()).isLessThan(401);
        // the contraction refuses steps outside (0, 2/L)
        GradientDescentRate rate = new GradientDescentRate(l, eig(a)[0]);
        assertThatThrownBy(() -> rate.contraction(2.1 / l)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < η < 2/L");
    }

    @Test
    void regularizedLogisticRegressionHasMuAtLeastLambdaAndLBelowTheBound() {
        Rng rng = new Rng(8);
        int n = 60;
        Tensor x = Tensor.randn(rng, n, 4);
        Tensor w = Tensor.randn(rng, 4);
        double[] yy = new double[n];
        double[] margin = x.matmul(w).toArray();
        for (int i = 0; i < n; i++) {
            yy[i] = margin[i] + 0.5 * rng.nextGaussian() > 0 ? 1 : -1;
        }
        Tensor y = Tensor.of(yy);
        double lambda = 0.1;
        Function<Variable, Variable> f = ConvexObjectives.logisticRegression(x, y, lambda);
        double bound = ConvexObjectives.logisticSmoothnessBound(x, lambda);
        assertThat(bound).isCloseTo(eig(x.transpose().matmul(x))[3] / (4.0 * n) + lambda, within(1e-14));
        GradientDescentTrajectory gd = GradientDescentTrajectory.run(f, Tensor.randn(rng, 4).mul(2), 1 / bound, 300);
        for (Tensor theta : List.of(Tensor.zeros(4), gd.iterates().get(0), gd.iterates().get(10), gd.iterates().get(300))) {
            SmoothnessConstants c = SmoothnessConstants.at(f, theta, 4, new Rng(9));
            assertThat(c.strongConvexity()).isGreaterThanOrEqualTo(lambda - 1e-12);
            assertThat(c.smoothness()).isLessThanOrEqualTo(bound + 1e-12);
            // against the analytic Hessian (1/n)XᵀDX + λI, D = diag(σ(1 − σ))
            double[] u = x.matmul(theta).mul(y).toArray();
            double[][] h = new double[4][4];
            double[][] xs = new double[n][];
            for (int i = 0; i < n; i++) {
                xs[i] = x.select(0, i).toArray();
                double s = 1 / (1 + Math.exp(-u[i]));
                for (int p = 0; p < 4; p++) {
                    for (int q = 0; q < 4; q++) {
                        h[p][q] += s * (1 - s) * xs[i][p] * xs[i][q] / n;
                    }
                }
            }
            for (int p = 0; p < 4; p++) {
                h[p][p] += lambda;
            }
            double[] ev = eig(Tensor.of(h));
            assertThat(c.smoothness()).isCloseTo(ev[3], within(1e-10));
            assertThat(c.strongConvexity()).isCloseTo(ev[0], within(1e-10));
        }
        // GD at step 1/L̄ with the global constants (L̄, λ) meets (1 − λ/L̄)ᵏ
        GradientDescentRate rate = new GradientDescentRate(bound, lambda);
        double[] fs = gd.values();
        double fStar = fs[300];
        assertThat(gd.gradientNormsSquared()[300]).isLessThan(1e-24);
        assertThat(gd.isMonotone(1e-15)).isTrue();
        for (int k = 0; k <= 100; k++) {
            assertThat(fs[k] - fStar).isLessThanOrEqualTo(rate.bound(k) * (fs[0] - fStar) + 1e-14);
        }
        GradCheck.check(v -> f.apply(v.get(0)), Tensor.randn(rng, 4)).assertPassed();
    }

    @Test
    void polyakLojasiewiczEstimateOnAQuadraticIsMu() {
        Rng rng = new Rng(10);
        Tensor a = withSpectrum(rng, 1, 4, 5, 6, 8);
        Tensor b = Tensor.randn(rng, 5);
        double[] ev = eig(a);
        assertThat(ev[0]).isCloseTo(1, within(1e-12));
        Function<Variable, Variable> f = ConvexObjectives.quadratic(a, b);
        // step 1/L: the error along λ = 1 decays by 7/8 per step, the rest by at most 1/2
        GradientDescentTrajectory t = GradientDescentTrajectory.run(f, Tensor.randn(rng, 5), 1 / ev[4], 60);
        double fStar = ConvexObjectives.quadraticMinimum(a, b);
        double[] fs = t.values();
        double[] gs = t.gradientNormsSquared();
        // on a trajectory still well above roundoff the estimate is λ_min(A)
        double mu = PolyakLojasiewicz.estimate(java.util.Arrays.copyOf(fs, 41), java.util.Arrays.copyOf(gs, 41), fStar);
        assertThat(mu).isCloseTo(ev[0], within(1e-8 * ev[0]));
        // every iterate satisfies the PL inequality with λ_min(A): ‖∇f‖² ≥ 2μ(f − f*)
        for (int k = 0; k < 41; k++) {
            assertThat(gs[k]).isGreaterThanOrEqualTo(2 * ev[0] * (fs[k] - fStar) * (1 - 1e-9));
        }
        // with f* estimated by the last value the estimate can only be larger
        assertThat(PolyakLojasiewicz.estimate(java.util.Arrays.copyOf(fs, 41), java.util.Arrays.copyOf(gs, 41)))
                .isGreaterThanOrEqualTo(mu);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new GradientDescentRate(1, 0)).hasMessageContaining("0 < μ ≤ L");
        assertThatThrownBy(() -> new GradientDescentRate(1, 2)).hasMessageContaining("0 < μ ≤ L");
        assertThatThrownBy(() -> new GradientDescentRate(-1, 0.5)).hasMessageContaining("L must be finite and > 0");
        assertThatThrownBy(() -> new SmoothnessConstants(1, 2)).hasMessageContaining("μ ≤ L");
        assertThatThrownBy(() -> new SmoothnessConstants(0.5, -1).conditionNumber())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not strongly convex");
        Function<Variable, Variable> f = ConvexObjectives.quadratic(Tensor.eye(2), Tensor.zeros(2));
        assertThatThrownBy(() -> SmoothnessConstants.at(f, Tensor.zeros(2, 1), 2, new Rng(1))).hasMessageContaining("vector");
        assertThatThrownBy(() -> SmoothnessConstants.overPoints(f, List.of(), 2, new Rng(1))).hasMessageContaining("no points");
        assertThatThrownBy(() -> GradientDescentTrajectory.run(f, Tensor.zeros(2), -0.1, 3)).hasMessageContaining("step η");
        assertThatThrownBy(() -> GradientDescentTrajectory.run(f, Tensor.zeros(3), 0.1, 3)).hasMessageContaining("θ must be (2)");
        assertThatThrownBy(() -> ConvexObjectives.quadratic(Tensor.eye(3), Tensor.zeros(2))).hasMessageContaining("A (d, d)");
        assertThatThrownBy(() -> ConvexObjectives.quadraticMinimizer(Tensor.eye(2).neg(), Tensor.zeros(2)))
                .hasMessageContaining("positive definite");
        assertThatThrownBy(() -> ConvexObjectives.logisticRegression(Tensor.eye(2), Tensor.of(1, 0), 0.1)).hasMessageContaining("±1");
        assertThatThrownBy(() -> ConvexObjectives.leastSquares(Tensor.eye(2), Tensor.zeros(3))).hasMessageContaining("X (n, d)");
        assertThatThrownBy(() -> PolyakLojasiewicz.estimate(new double[] {1, 2}, new double[] {1})).hasMessageContaining("2 values");
        assertThatThrownBy(() -> PolyakLojasiewicz.estimate(new double[] {1, 0.5}, new double[] {1, 1}, 0.75))
                .hasMessageContaining("f* must be the minimum");
        assertThatThrownBy(() -> PolyakLojasiewicz.estimate(new double[] {1}, new double[] {0})).hasMessageContaining("no iterate");
    }
}
