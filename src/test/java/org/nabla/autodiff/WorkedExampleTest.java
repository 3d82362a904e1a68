package org.nabla.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

/**
 * The worked example of docs/autodiff.md: f(x, y) = (x·y + sin x)·y at x = 2, y = 3, every
 * intermediate value and every cotangent exactly as the page writes them.
 *
 * <pre>
 *   v₁ = x·y       = 6                      v̄₄ = f̄            = 1
 *   v₂ = sin x     = 0.9092974268256817     v̄₃ = v̄₄·y          = 3
 *   v₃ = v₁ + v₂   = 6.909297426825682      ȳ  += v̄₄·v₃        = 6.909297426825682
 *   v₄ = v₃·y = f  = 20.727892280477047     v̄₁ = v̄₂ = v̄₃       = 3
 *                                           x̄  += v̄₂·cos x     = −1.2484405096414273
 *                                           x̄  += v̄₁·y         = 9
 *                                           ȳ  += v̄₁·x         = 6
 *   x̄ = 7.751559490358573 = y² + y cos x,   ȳ = 12.909297426825681 = 2xy + sin x
 * </pre>
 */
class WorkedExampleTest {
    private static final double TOL = 1e-15;

    @Test
    void forwardValues() {
        Variable x = Variable.leaf(Tensor.scalar(2.0));
        Variable y = Variable.leaf(Tensor.scalar(3.0));
        Variable v1 = x.mul(y);
        Variable v2 = x.sin();
        Variable v3 = v1.add(v2);
        Variable v4 = v3.mul(y);
        assertThat(v1.item()).isEqualTo(6.0);
        assertThat(v2.item()).isCloseTo(0.9092974268256817, within(TOL));
        assertThat(v3.item()).isCloseTo(6.909297426825682, within(TOL));
        assertThat(v4.item()).isCloseTo(20.727892280477047, within(1e-14));
    }

    /** The reverse sweep one node at a time: each step is one vector-Jacobian product with its seed. */
    @Test
    void everyCotangentByHand() {
        double x = 2.0;
        double y = 3.0;
        double v1 = x * y;
        double v2 = Math.sin(x);
        double v3 = v1 + v2;

        // node 4: v₄ = v₃·y, seed f̄ = 1
        Variable v3Leaf = Variable.leaf(Tensor.scalar(v3));
        Variable yLeaf = Variable.leaf(Tensor.scalar(y));
        Gradients step4 = v3Leaf.mul(yLeaf).backward(Tensor.scalar(1.0));
        double v3Bar = step4.of(v3Leaf).item();
        double yBarFrom4 = step4.of(yLeaf).item();
        assertThat(v3Bar).isEqualTo(3.0);
        assertThat(yBarFrom4).isCloseTo(6.909297426825682, within(TOL));

        // node 3: v₃ = v₁ + v₂, seed v̄₃
        Variable v1Leaf = Variable.leaf(Tensor.scalar(v1));
        Variable v2Leaf = Variable.leaf(Tensor.scalar(v2));
        Gradients step3 = v1Leaf.add(v2Leaf).backward(Tensor.scalar(v3Bar));
        double v1Bar = step3.of(v1Leaf).item();
        double v2Bar = step3.of(v2Leaf).item();
        assertThat(v1Bar).isEqualTo(3.0);
        assertThat(v2Bar).isEqualTo(3.0);

        // node 2: v₂ = sin x, seed v̄₂
        Variable xLeaf = Variable.leaf(Tensor.scalar(x));
        double xBarFrom2 = xLeaf.sin().backward(Tensor.scalar(v2Bar)).of(xLeaf).item();
        assertThat(xBarFrom2).isCloseTo(-1.2484405096414273, within(TOL));

        // node 1: v₁ = x·y, seed v̄₁
        Variable xLeaf1 = Variable.leaf(Tensor.scalar(x));
        Variable yLeaf1 = Variable.leaf(Tensor.scalar(y));
        Gradients step1 = xLeaf1.mul(yLeaf1).backward(Tensor.scalar(v1Bar));
        double xBarFrom1 = step1.of(xLeaf1).item();
        double yBarFrom1 = step1.of(yLeaf1).item();
        assertThat(xBarFrom1).isEqualTo(9.0);
        assertThat(yBarFrom1).isEqualTo(6.0);

        // accumulation over the uses of x and y
        assertThat(xBarFrom1 + xBarFrom2).isCloseTo(7.751559490358573, within(TOL));
        assertThat(yBarFrom4 + yBarFrom1).isCloseTo(12.909297426825681, within(TOL));
    }

    /** One call to backward does all of the above. */
    @Test
    void oneBackwardSweepGivesTheSameGradient() {
        Variable x = Variable.leaf(Tensor.scalar(2.0));
        Variable y = Variable.leaf(Tensor.scalar(3.0));
        Variable f = x.mul(y).add(x.sin()).mul(y);
        Gradients g = f.backward();
        assertThat(g.of(x).item()).isCloseTo(7.751559490358573, within(TOL));
        assertThat(g.of(y).item()).isCloseTo(12.909297426825681, within(TOL));
        // and they are the closed forms ∂f/∂x = y² + y cos x, ∂f/∂y = 2xy + sin x
        assertThat(g.of(x).item()).isCloseTo(9 + 3 * Math.cos(2), within(TOL));
        assertThat(g.of(y).item()).isCloseTo(12 + Math.sin(2), within(TOL));
    }

    /** The usage shown on the page: grad, hvp and GradCheck. */
    @Test
    void usageSnippetsOfThePage() {
        // f(x) = Σ x³: ∇f = 3x², H v = 6 x ⊙ v
        Tensor x = Tensor.of(1.0, -2.0, 0.5);
        assertThat(Autodiff.grad(v -> v.pow(3.0).sum(), x).toArray()).containsExactly(3.0, 12.0, 0.75);
        double[] hv = Autodiff.hvp(v -> v.pow(3.0).sum(), x, Tensor.of(1.0, 1.0, 2.0)).toArray();
        assertThat(hv[0]).isCloseTo(6.0, within(1e-12));
        assertThat(hv[1]).isCloseTo(-12.0, within(1e-12));
        assertThat(hv[2]).isCloseTo(6.0, within(1e-12));
        GradCheck.Result r = GradCheck.check(in -> in.get(0).mul(in.get(1)).add(in.get(0).sin()).mul(in.get(1)),
                Tensor.scalar(2.0), Tensor.scalar(3.0));
        assertThat(r.passed()).as(r.toString()).isTrue();
    }
}
