package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorConstructionTest {
    @Test
    void ofValuesCopiesTheArray() {
        double[] v = {1, 2, 3};
        Tensor t = Tensor.of(v);
        v[0] = 99;
        assertThat(t.toArray()).containsExactly(1, 2, 3);
        assertThat(t.shape()).isEqualTo(Shape.of(3));
        double[] w = {1, 2, 3, 4};
        Tensor s = Tensor.of(Shape.of(2, 2), w);
        w[3] = -1;
        assertThat(s.get(1, 1)).isEqualTo(4.0);
        Tensor u = Tensor.of(new int[] {2, 2}, w);
        assertThat(u.get(1, 1)).isEqualTo(-1.0);
    }

    @Test
    void ofRowsCopiesAndChecksLengths() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor t = Tensor.of(rows);
        rows[1][2] = 0;
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.get(1, 2)).isEqualTo(6.0);
        assertThat(t.toArray2d()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(Tensor.of(new double[0][]).shape()).isEqualTo(Shape.of(0, 0));
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor.of: row 1 has length 1 but row 0 has length 2 (expected rows of equal length)");
    }

    @Test
    void ofShapeChecksTheCount() {
        assertThatThrownBy(() -> Tensor.of(Shape.of(2, 3), 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor.of: shape [2, 3] needs 6 values, got 3");
    }

    @Test
    void toArrayReturnsACopy() {
        Tensor t = Tensor.of(1, 2, 3);
        double[] a = t.toArray();
        a[0] = 42;
        assertThat(t.select(0, 0).item()).isEqualTo(1.0);
        double[][] rows = Tensor.of(new double[][] {{1, 2}, {3, 4}}).toArray2d();
        rows[0][0] = 9;
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}}).get(0, 0)).isEqualTo(1.0);
        // toArray of a view copies as well
        Tensor m = Tensor.arange(6).reshape(2, 3);
        double[] b = m.reshape(3, 2).toArray();
        b[0] = 100;
        assertThat(m.get(0, 0)).isEqualTo(0.0);
    }

    @Test
    void scalars() {
        Tensor s = Tensor.scalar(2.5);
        assertThat(s.rank()).isZero();
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(2.5);
        assertThat(s.toDouble()).isEqualTo(2.5);
        assertThat(s.get()).isEqualTo(2.5);
        assertThatThrownBy(() -> Tensor.of(1, 2).item())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item: tensor of shape [2] has 2 elements (expected exactly 1)");
    }

    @Test
    void zerosOnesFull() {
        assertThat(Tensor.zeros(2, 3).toArray()).containsOnly(0.0).hasSize(6);
        assertThat(Tensor.ones(Shape.of(4)).toArray()).containsExactly(1, 1, 1, 1);
        assertThat(Tensor.ones(2, 2).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Tensor.zeros(Shape.of(0, 3)).size()).isZero();
        assertThat(Tensor.full(Shape.of(2), 7.5).toArray()).containsExactly(7.5, 7.5);
        assertThat(Tensor.zeros().shape()).isEqualTo(Shape.SCALAR);
        // −0.0 is a value of its own: full keeps its sign
        assertThat(1.0 / Tensor.full(Shape.of(1), -0.0).toArray()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> Tensor.zeros(2, -3))
                .hasMessage("shape [2, -3]: size of axis 1 is negative (-3)");
    }

    @Test
    void eye() {
        assertThat(Tensor.eye(3).toArray2d()).isDeepEqualTo(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(Tensor.eye(0).shape()).isEqualTo(Shape.of(0, 0));
    }

    @Test
    void arange() {
        assertThat(Tensor.arange(5).toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Tensor.arange(0).size()).isZero();
        assertThat(Tensor.arange(1, 2, 0.25).toArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.arange(5, 0, -2).toArray()).containsExactly(5, 3, 1);
        assertThat(Tensor.arange(3, 1, 1).size()).isZero();
        assertThat(Tensor.arange(0, 1, 0.1).size()).isEqualTo(10); // as numpy.arange
        assertThatThrownBy(() -> Tensor.arange(0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange: step must be non-zero, got 0.0");
    }

    @Test
    void linspace() {
        assertThat(Tensor.linspace(0, 1, 5).toArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Tensor.linspace(3, 3, 1).toArray()).containsExactly(3);
        assertThat(Tensor.linspace(0, 1, 0).size()).isZero();
        // the end points are exact
        double[] v = Tensor.linspace(0.1, 0.7, 7).toArray();
        assertThat(v[0]).isEqualTo(0.1);
        assertThat(v[6]).isEqualTo(0.7);
        assertThat(Tensor.linspace(-1, 1, 3).toArray()).containsExactly(-1, 0, 1);
        assertThatThrownBy(() -> Tensor.linspace(0, 1, -1)).hasMessage("linspace: n must be ≥ 0, got -1");
    }

    @Test
    void randomDrawsHaveTheRequestedShape() {
        Rng r = new Rng(1);
        assertThat(Tensor.randn(r, 2, 3, 4).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(Tensor.rand(r).shape()).isEqualTo(Shape.SCALAR);
        assertThat(Tensor.bernoulli(r, 0.5, 7).shape()).isEqualTo(Shape.of(7));
    }

    @Test
    void sameSeedSameBitsWhateverTheThreadCount() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            double[] one = Tensor.randn(new Rng(99), 300, 300).toArray();
            Parallelism.setThreads(2);
            double[] two = Tensor.randn(new Rng(99), 300, 300).toArray();
            assertThat(two).isEqualTo(one);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void oneHot() {
        Tensor t = Tensor.oneHot(new int[] {2, 0, 1}, 3);
        assertThat(t.toArray2d()).isDeepEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        assertThat(Tensor.oneHot(new int[0], 4).shape()).isEqualTo(Shape.of(0, 4));
        assertThatThrownBy(() -> Tensor.oneHot(new int[] {0, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oneHot: label 3 at position 1 is out of range (expected 0 ≤ label < 3)");
        assertThatThrownBy(() -> Tensor.oneHot(new int[] {-1}, 3))
                .hasMessage("oneHot: label -1 at position 0 is out of range (expected 0 ≤ label < 3)");
    }

    @Test
    void getChecksIndices() {
        Tensor t = Tensor.arange(6).reshape(2, 3);
        assertThat(t.get(1, 2)).isEqualTo(5.0);
        assertThat(t.get(-1, -3)).isEqualTo(3.0);
        assertThatThrownBy(() -> t.get(0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("get: index 3 is out of range for axis 1 of size 3 (shape [2, 3])");
        assertThatThrownBy(() -> t.get(-3, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("get: index -3 is out of range for axis 0 of size 2 (shape [2, 3])");
        assertThatThrownBy(() -> t.get(0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("get: expected 2 indices for shape [2, 3], got 3");
    }

    @Test
    void accessors() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.size()).isEqualTo(24);
        assertThat(t.dims()).containsExactly(2, 3, 4);
        assertThat(t.dim(-2)).isEqualTo(3);
        assertThat(t.isContiguous()).isTrue();
        assertThat(t.transpose(0, 2).isContiguous()).isFalse();
        assertThat(t.transpose(0, 2).contiguous().isContiguous()).isTrue();
        assertThat(t.contiguous()).isSameAs(t);
        assertThatThrownBy(() -> Tensor.zeros(3).toArray2d())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("toArray2d: expected a 2-d tensor, got shape [3]");
    }
}
