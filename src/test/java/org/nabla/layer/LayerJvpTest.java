package org.nabla.layer;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.JvpCheck;
import org.nabla.autodiff.Variable;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.loss.CrossEntropy;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.internal.SlidingWindow;
import org.nabla.tensor.Tensor;

/**
 * The jvp rules of the layer package's primitives (convolution and its two adjoints, im2col, col2im,
 * max pooling and its switches): forward against reverse mode to 1e-12 and central differences, and
 * those reached only inside a reverse sweep through forward-over-reverse Hessian-vector products.
 */
class LayerJvpTest {
    private static final Rng RNG = new Rng(2024);

    private static Tensor randn(int... dims) {
        return Tensor.randn(RNG, dims);
    }

    private static Variable conv(Variable x, Variable w) {
        return Conv2d.conv2d(x, w, null, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 2);
    }

    @Test
    void convolutionAndItsAdjoints() {
        Tensor x = randn(2, 4, 6, 7);
        Tensor w = randn(6, 2, 3, 2);
        JvpCheck.check("conv2d", in -> conv(in.get(0), in.get(1)), List.of(x, w), 1, false, 1e-6);
        JvpCheck.check("conv2d input gradient (transposed convolution)",
                in -> Conv2d.transposed(in.get(0), in.get(1), 7, 7, 2, 1), List.of(randn(2, 3, 4, 4), randn(3, 2, 3, 3)),
                2, false, 1e-6);
        // the weight gradient is made in the reverse sweep: forward-over-reverse on the weight and the input
        Function<Variable, Variable> ofW = wv -> conv(Variable.constant(x), wv).tanh().square().sum();
        Function<Variable, Variable> ofX = xv -> conv(xv, Variable.constant(w)).tanh().square().sum();
        Tensor vw = randn(6, 2, 3, 2);
        Tensor vx = randn(2, 4, 6, 7);
        JvpCheck.assertClose("hvp through conv2d (weight)", Autodiff.hvpForwardOverReverse(ofW, w, vw),
                Autodiff.hvp(ofW, w, vw), JvpCheck.EXACT);
        JvpCheck.assertClose("hvp through conv2d (input)", Autodiff.hvpForwardOverReverse(ofX, x, vx),
                Autodiff.hvp(ofX, x, vx), JvpCheck.EXACT);
    }

    @Test
    void im2colWithAPaddingValueAndCol2im() {
        Tensor x = randn(2, 3, 5, 4);
        JvpCheck.check("im2col", in -> Im2Col.im2col(in.get(0), 3, 2, 2, 1, 1, 1, 1, 2, -1.5).square(), List.of(x), 3,
                false, 1e-6);
        SlidingWindow g = new SlidingWindow("im2col", 3, 5, 4, 3, 2, 2, 1, 1, 1, 1, 2);
        Tensor cols = new Im2Col(g, 0.0).apply(Variable.constant(x)).value();
        JvpCheck.check("col2im", in -> new Col2Im(g).apply(in.get(0)), List.of(randn(cols.dims())), 4, false, 1e-6);
    }

    @Test
    void maxPoolingAndItsSwitches() {
        Tensor x = randn(2, 3, 6, 5);
        JvpCheck.check("maxPool2d", in -> MaxPool2d.maxPool2d(in.get(0), 3, 2, 1), List.of(x), 5, false, 1e-6);
        // ties: the tangent is the mean over the maximal entries, as the vjp shares the cotangent
        Tensor ties = Tensor.of(Shape.of(1, 1, 2, 4), new double[] {1, 1, 0, 2, 1, 0, 2, 2});
        List<Tensor> us = JvpCheck.tangents(List.of(ties), 6, false);
        Function<List<Variable>, Variable> pool = in -> MaxPool2d.maxPool2d(in.get(0), 2, 2, 0);
        JvpCheck.assertClose("maxPool2d with ties", JvpCheck.forward(pool, List.of(ties), us, false),
                JvpCheck.reverse(pool, List.of(ties), us), JvpCheck.EXACT);
        Function<Variable, Variable> f = xv -> MaxPool2d.maxPool2d(xv.sin(), 2, 2, 0).square().sum();
        Tensor v = randn(2, 3, 6, 5);
        JvpCheck.assertClose("hvp through maxPool2d (unpool)", Autodiff.hvpForwardOverReverse(f, x, v),
                Autodiff.hvp(f, x, v), JvpCheck.EXACT);
        MaxPoolSwitches s = new MaxPoolSwitches(Shape.of(1, 1, 2, 3), Shape.of(1, 1, 1, 2), new int[] {0, 2, 3},
                new int[] {0, 4, 2});
        JvpCheck.check("switchMean", in -> new MaxPoolSwitches.Pool(s).apply(in.get(0)), List.of(randn(1, 1, 2, 3)), 7,
                false, 1e-6);
        JvpCheck.check("maxUnpool2d", in -> new MaxPoolSwitches.Unpool(s).apply(in.get(0)), List.of(randn(1, 1, 1, 2)),
                8, false, 1e-6);
    }

    /** Forward-over-reverse equals reverse-over-reverse through whole networks (input Hessian-vector products). */
    @Test
    void hessianVectorProductsThroughNetworks() {
        Linear l1 = new Linear(5, 8, RNG);
        Linear l2 = new Linear(8, 3, RNG);
        LayerNorm norm = new LayerNorm(8);
        int[] labels = {0, 2, 1, 2};
        Function<Variable, Variable> mlp = x -> new CrossEntropy().forward(l2.forward(norm.forward(l1.forward(x)).tanh()),
                labels);
        Tensor targets = Tensor.of(Shape.of(4, 3), new double[] {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0});
        Function<Variable, Variable> bce = x -> new BinaryCrossEntropyWithLogits().forward(l2.forward(l1.forward(x)
                .sigmoid()), Variable.constant(targets));
        LSTM lstm = new LSTM(5, 4, RNG);
        MultiHeadAttention attention = new MultiHeadAttention(5, 1, RNG);
        Function<Variable, Variable> sequence = x -> lstm.forward(attention.forward(x.reshape(4, 1, 5))).square().sum();
        for (Function<Variable, Variable> f : List.of(mlp, bce, sequence)) {
            Tensor x = randn(4, 5);
            Tensor v = randn(4, 5);
            JvpCheck.assertClose("network hvp", Autodiff.hvpForwardOverReverse(f, x, v), Autodiff.hvp(f, x, v),
                    JvpCheck.EXACT);
        }
    }
}
