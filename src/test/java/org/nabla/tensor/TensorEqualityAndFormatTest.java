package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TensorEqualityAndFormatTest {
    @Test
    void equalsAndHashCode() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(Shape.of(2, 2), 1, 2, 3, 4);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.reshape(4)).isNotEqualTo(a.t()).isNotEqualTo(null).isNotEqualTo("a");
        assertThat(a.t().t()).isEqualTo(a).hasSameHashCodeAs(a);
        Tensor transposedCopy = Tensor.of(new double[][] {{1, 3}, {2, 4}});
        assertThat(a.t()).isEqualTo(transposedCopy).hasSameHashCodeAs(transposedCopy);
        // NaN equals NaN, 0.0 equals −0.0 (and the hash codes agree)
        assertThat(Tensor.of(Double.NaN, 0.0)).isEqualTo(Tensor.of(Double.NaN, -0.0))
                .hasSameHashCodeAs(Tensor.of(Double.NaN, -0.0));
        assertThat(Tensor.of(1)).isNotEqualTo(Tensor.scalar(1));
        assertThat(Tensor.zeros(0, 2)).isNotEqualTo(Tensor.zeros(2, 0));
    }

    @Test
    void allClose() {
        Tensor a = Tensor.of(1, 2, 1000);
        assertThat(a.allClose(Tensor.of(1 + 1e-9, 2, 1000.001))).isTrue();
        assertThat(a.allClose(Tensor.of(1.001, 2, 1000))).isFalse();
        assertThat(a.allClose(Tensor.of(1.001, 2, 1000), 1e-2, 0)).isTrue();
        assertThat(Tensor.of(0.0).allClose(Tensor.of(1e-9))).isTrue(); // atol
        assertThat(Tensor.of(0.0).allClose(Tensor.of(1e-9), 0, 0)).isFalse();
        assertThat(Tensor.of(Double.NaN).allClose(Tensor.of(Double.NaN))).isFalse();
        assertThat(Tensor.of(Double.POSITIVE_INFINITY).allClose(Tensor.of(Double.POSITIVE_INFINITY))).isTrue();
        assertThat(Tensor.of(Double.POSITIVE_INFINITY).allClose(Tensor.of(Double.NEGATIVE_INFINITY))).isFalse();
        assertThat(a.allClose(a.reshape(3, 1))).isFalse();
        assertThat(a.slice(0, 0, 2).allClose(Tensor.of(1, 2))).isTrue();
    }

    @Test
    void smallTensorsPrintLikeNumPy() {
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}})).hasToString("tensor([[1., 2.],\n        [3., 4.]])");
        assertThat(Tensor.of(0.1, -2.5, 3)).hasToString("tensor([ 0.1000, -2.5000,  3.0000])");
        assertThat(Tensor.arange(12).reshape(2, 2, 3)).hasToString(
                "tensor([[[ 0.,  1.,  2.],\n"
                + "         [ 3.,  4.,  5.]],\n"
                + "\n"
                + "        [[ 6.,  7.,  8.],\n"
                + "         [ 9., 10., 11.]]])");
        assertThat(Tensor.scalar(3)).hasToString("tensor(3., shape=[])");
        assertThat(Tensor.scalar(0.25)).hasToString("tensor(0.2500, shape=[])");
        assertThat(Tensor.of(1e-5, 1)).hasToString("tensor([1.0000e-05, 1.0000e+00])");
        assertThat(Tensor.of(1e9, 1)).hasToString("tensor([1.0000e+09, 1.0000e+00])");
        assertThat(Tensor.of(0.5, 2000.5)).hasToString("tensor([5.0000e-01, 2.0005e+03])");
        assertThat(Tensor.of(Double.NaN, Double.NEGATIVE_INFINITY, 1.5)).hasToString("tensor([   nan,   -inf, 1.5000])");
        assertThat(Tensor.zeros(0)).hasToString("tensor([], shape=[0])");
        assertThat(Tensor.zeros(2, 0)).hasToString("tensor([[],\n        []], shape=[2, 0])");
        // a view prints its own elements
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}}).t()).hasToString("tensor([[1., 3.],\n        [2., 4.]])");
    }

    @Test
    void bigTensorsAreSummarized() {
        assertThat(Tensor.arange(2000)).hasToString("tensor([   0.,    1.,    2., ..., 1997., 1998., 1999.], shape=[2000])");
        assertThat(Tensor.arange(1001 * 3).reshape(1001, 3)).hasToString(
                "tensor([[   0.,    1.,    2.],\n"
                + "        [   3.,    4.,    5.],\n"
                + "        [   6.,    7.,    8.],\n"
                + "        ...,\n"
                + "        [2994., 2995., 2996.],\n"
                + "        [2997., 2998., 2999.],\n"
                + "        [3000., 3001., 3002.]], shape=[1001, 3])");
        // printing a million elements formats only the 36 shown
        String s = Tensor.randn(new Rng(1), 1000, 1000).toString();
        assertThat(s.split("\n")).hasSize(7);
        assertThat(s).endsWith(", shape=[1000, 1000])").contains("...");
        // the style follows the shown elements only: hidden tiny values do not force scientific notation
        Tensor t = Tensor.concat(0, Tensor.ones(3), Tensor.full(Shape.of(1000), 1e-9), Tensor.of(0.5, 0.25, 2));
        assertThat(t).hasToString("tensor([1.0000, 1.0000, 1.0000, ..., 0.5000, 0.2500, 2.0000], shape=[1006])");
    }
}
