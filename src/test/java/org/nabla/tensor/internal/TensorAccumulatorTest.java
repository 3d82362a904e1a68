package org.nabla.tensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The in-place running sum gives the bits of the pairwise sum, never touches its terms, and is used once. */
class TensorAccumulatorTest {
    @Test
    void equalsTheSumTakenPairwiseInTheSameOrder() {
        Rng rng = new Rng(9);
        Tensor a = Tensor.randn(rng, 3, 4);
        Tensor b = Tensor.randn(rng, 4, 3).transpose(); // a strided term
        Tensor c = Tensor.randn(rng, 3, 4).mul(1e-17);  // rounding matters: order is observable
        Tensor d = Tensor.randn(rng, 3, 4).mul(1e16);
        double[] aBefore = a.toArray();
        TensorAccumulator acc = new TensorAccumulator(a);
        acc.add(b);
        acc.add(c);
        acc.add(d);
        Tensor s = acc.sum();
        assertThat(s.toArray()).isEqualTo(a.add(b).add(c).add(d).toArray());
        assertThat(a.toArray()).isEqualTo(aBefore);
        assertThat(new TensorAccumulator(a).sum()).isSameAs(a);
        // large transposed terms (added tile by tile) and a strided first term
        Tensor big1 = Tensor.randn(rng, 50, 40).transpose();
        Tensor big2 = Tensor.randn(rng, 50, 40).transpose();
        Tensor big3 = Tensor.randn(rng, 40, 50);
        TensorAccumulator large = new TensorAccumulator(big1);
        large.add(big2);
        large.add(big3);
        assertThat(large.sum().toArray()).isEqualTo(big1.add(big2).add(big3).toArray());
    }

    @Test
    void refusesOtherShapesAndUseAfterTheSum() {
        TensorAccumulator acc = new TensorAccumulator(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> acc.add(Tensor.zeros(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
        acc.add(Tensor.ones(2, 3));
        assertThat(acc.sum().toArray()).containsOnly(1.0);
        assertThatThrownBy(() -> acc.add(Tensor.ones(2, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(acc::sum).isInstanceOf(IllegalStateException.class);
    }

    /** zeros of {@code shape} with {@code block} placed at start, start + step, … along {@code axis}. */
    private static Tensor scatter(Shape shape, int axis, int start, int step, Tensor block) {
        double[] out = new double[shape.size()];
        int[] d = shape.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= d[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < d.length; i++) {
            inner *= d[i];
        }
        double[] b = block.toArray();
        int len = block.dim(axis);
        for (int o = 0, q = 0; o < outer; o++) {
            for (int k = 0; k < len; k++, q += inner) {
                System.arraycopy(b, q, out, (o * d[axis] + start + k * step) * inner, inner);
            }
        }
        return Tensor.of(shape, out);
    }

    @Test
    void addingSliceBlocksEqualsAddingTheScatteredTensors() {
        Rng rng = new Rng(10);
        // every axis, steps 1 and 2, an empty start, a contiguous first term and a transposed one
        for (int axis = 0; axis < 3; axis++) {
            for (int step = 1; step <= 2; step++) {
                for (int firstKind = 0; firstKind < 3; firstKind++) {
                    Shape shape = Shape.of(4, 6, 5);
                    int[] bd = shape.dims();
                    bd[axis] = 2;
                    Tensor b1 = Tensor.randn(rng, bd);
                    int[] b2d = shape.dims(); // a strided block: a transposed view
                    b2d[axis] = 1;
                    int last = b2d[2];
                    b2d[2] = b2d[1];
                    b2d[1] = last;
                    Tensor b2 = Tensor.randn(rng, b2d).transpose(1, 2);
                    Tensor first = firstKind == 0 ? null
                            : firstKind == 1 ? Tensor.randn(rng, 4, 6, 5) : Tensor.randn(rng, 4, 5, 6).transpose(1, 2);
                    TensorAccumulator acc = first == null ? new TensorAccumulator(shape) : new TensorAccumulator(first);
                    acc.addSlice(axis, 1, step, b1);
                    acc.addSlice(axis, 0, step, b2);
                    Tensor full = Tensor.randn(rng, 4, 6, 5);
                    acc.add(full);
                    Tensor expected = (first == null ? Tensor.zeros(shape) : first)
                            .add(scatter(shape, axis, 1, step, b1)).add(scatter(shape, axis, 0, step, b2)).add(full);
                    assertThat(acc.sum().toArray()).as("axis %d step %d first %d", axis, step, firstKind)
                            .isEqualTo(expected.toArray());
                }
            }
        }
        // an empty sum is zeros; a full term after an empty start is kept as the first term
        assertThat(new TensorAccumulator(Shape.of(2, 2)).sum().toArray()).containsExactly(0, 0, 0, 0);
        Tensor t = Tensor.randn(rng, 2, 2);
        TensorAccumulator one = new TensorAccumulator(Shape.of(2, 2));
        one.add(t);
        assertThat(one.sum()).isSameAs(t);
    }

    @Test
    void refusesBlocksThatDoNotFit() {
        TensorAccumulator acc = new TensorAccumulator(Shape.of(4, 3));
        assertThatThrownBy(() -> acc.addSlice(0, 3, 1, Tensor.zeros(2, 3)))
                .hasMessage("TensorAccumulator.addSlice: block of shape [2, 3] at positions 3, 3 + 1, … of axis 0"
                        + " does not fit a sum of shape [4, 3]");
        assertThatThrownBy(() -> acc.addSlice(1, 0, 1, Tensor.zeros(3, 3))).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> acc.addSlice(2, 0, 1, Tensor.zeros(4, 3))).hasMessageContaining("does not fit");
    }

    @Test
    void productsAreSummedAsOneProductOfTheConcatenatedMatrices() {
        Rng rng = new Rng(11);
        // s = a0 b0 + a1 b1 + a2 b2 (an empty start), then a full term; and with a transposed first term
        for (int kind = 0; kind < 3; kind++) {
            Tensor a0 = Tensor.randn(rng, 7, 3);
            Tensor b0 = Tensor.randn(rng, 3, 9);
            Tensor a1 = Tensor.randn(rng, 5, 7).transpose(); // strided operands are read in place
            Tensor b1 = Tensor.randn(rng, 5, 9);
            Tensor a2 = Tensor.randn(rng, 7, 40);
            Tensor b2 = Tensor.randn(rng, 9, 40).transpose();
            Tensor first = kind == 0 ? null : kind == 1 ? Tensor.randn(rng, 7, 9) : Tensor.randn(rng, 9, 7).transpose();
            TensorAccumulator acc = first == null ? new TensorAccumulator(Shape.of(7, 9)) : new TensorAccumulator(first);
            acc.addProduct(a0, b0);
            acc.addProduct(a1, b1);
            acc.addProduct(a2, b2);
            Tensor s = acc.sum();
            // the textbook sum over the concatenated inner index, starting from the first term (or +0)
            double[] expected = new double[7 * 9];
            Tensor[] as = {a0, a1, a2};
            Tensor[] bs = {b0, b1, b2};
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 9; j++) {
                    double v = first == null ? 0.0 : first.get(i, j);
                    for (int t = 0; t < 3; t++) {
                        for (int p = 0; p < as[t].dim(1); p++) {
                            v += as[t].get(i, p) * bs[t].get(p, j);
                        }
                    }
                    expected[i * 9 + j] = v;
                }
            }
            double[] actual = s.toArray();
            if (kind == 2) { // kept in the transposed layout: the sums are those of sᵀ += bᵀaᵀ, the same products
                for (int e = 0; e < expected.length; e++) {
                    assertThat(actual[e]).isCloseTo(expected[e], org.assertj.core.data.Offset.offset(1e-12));
                }
            } else {
                assertThat(actual).as("kind %d", kind).isEqualTo(expected);
            }
        }
        TensorAccumulator acc = new TensorAccumulator(Shape.of(2, 3));
        assertThatThrownBy(() -> acc.addProduct(Tensor.zeros(2, 4), Tensor.zeros(5, 3)))
                .hasMessage("TensorAccumulator.addProduct: product [2, 4] @ [5, 3] does not fit a sum of shape [2, 3]");
    }
}
