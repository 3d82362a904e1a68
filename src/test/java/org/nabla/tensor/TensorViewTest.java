package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Movement operations are views: they share storage (no copy) and never change the original. */
class TensorViewTest {
    private static final Tensor X = Tensor.arange(24).reshape(2, 3, 4);
    private static final double[] X_VALUES = Tensor.arange(24).toArray();

    private static void assertSharesStorage(Tensor view, Tensor original) {
        assertThat(view.data).as("a view shares the storage of its source").isSameAs(original.data);
    }

    private static void assertOriginalUnchanged() {
        assertThat(X.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(X.toArray()).isEqualTo(X_VALUES);
    }

    /** Element (i, j, k) of X is 12i + 4j + k. */
    private static double x(int i, int j, int k) {
        return 12 * i + 4 * j + k;
    }

    @Test
    void reshape() {
        Tensor r = X.reshape(4, 6);
        assertSharesStorage(r, X);
        assertThat(r.get(1, 0)).isEqualTo(6.0);
        assertThat(X.reshape(-1, 4).shape()).isEqualTo(Shape.of(6, 4));
        assertThat(X.reshape(2, -1).shape()).isEqualTo(Shape.of(2, 12));
        assertThat(X.flatten().toArray()).isEqualTo(X_VALUES);
        assertThat(X.reshape(Shape.of(24)).shape()).isEqualTo(Shape.of(24));
        assertThat(Tensor.of(5).reshape().shape()).isEqualTo(Shape.SCALAR);
        assertThat(Tensor.scalar(3).reshape(1, 1).get(0, 0)).isEqualTo(3.0);
        assertOriginalUnchanged();
    }

    @Test
    void reshapeOfANonContiguousViewCopiesInRowMajorOrder() {
        Tensor t = X.transpose(0, 2); // (4, 3, 2)
        Tensor r = t.reshape(4, 6);
        assertThat(r.get(1, 3)).isEqualTo(t.get(1, 1, 1)).isEqualTo(x(1, 1, 1));
        assertThat(r.isContiguous()).isTrue();
        assertOriginalUnchanged();
    }

    @Test
    void contiguousCopiesOfLargeTransposedViewsKeepRowMajorOrder() {
        // large enough for the tiled copy, with sizes that are not multiples of the tile
        Rng rng = new Rng(5);
        Tensor a = Tensor.randn(rng, 70, 45);
        Tensor t = a.transpose();
        double[] flat = t.toArray();
        for (int i = 0; i < 45; i++) {
            for (int j = 0; j < 70; j++) {
                assertThat(flat[i * 70 + j]).isEqualTo(a.get(j, i));
            }
        }
        Tensor b = Tensor.randn(rng, 3, 2, 40, 33).permute(1, 0, 3, 2); // (2, 3, 33, 40)
        double[] g = b.contiguous().toArray();
        int k = 0;
        for (int i0 = 0; i0 < 2; i0++) {
            for (int i1 = 0; i1 < 3; i1++) {
                for (int i2 = 0; i2 < 33; i2++) {
                    for (int i3 = 0; i3 < 40; i3++) {
                        assertThat(g[k++]).isEqualTo(b.get(i0, i1, i2, i3));
                    }
                }
            }
        }
        Tensor sliced = Tensor.randn(rng, 50, 60).slice(0, 3, 47).slice(1, 5, 55).transpose(); // offset and strides
        double[] c = sliced.toArray();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 44; j++) {
                assertThat(c[i * 44 + j]).isEqualTo(sliced.get(i, j));
            }
        }
    }

    @Test
    void reshapeErrors() {
        assertThatThrownBy(() -> X.reshape(5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reshape: cannot reshape [2, 3, 4] (24 elements) into [5, 5] (25 elements)");
        assertThatThrownBy(() -> X.reshape(-1, 5))
                .hasMessage("reshape: cannot reshape [2, 3, 4] (24 elements) into [-1, 5]");
        assertThatThrownBy(() -> X.reshape(-1, -1))
                .hasMessage("reshape: only one size may be -1, got [-1, -1]");
        assertThatThrownBy(() -> X.reshape(-2, 12))
                .hasMessage("reshape: invalid size -2 in [-2, 12]");
    }

    @Test
    void transposeAndPermute() {
        Tensor t = X.transpose(0, 2);
        assertSharesStorage(t, X);
        assertThat(t.shape()).isEqualTo(Shape.of(4, 3, 2));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(t.get(k, j, i)).isEqualTo(x(i, j, k));
                }
            }
        }
        Tensor p = X.permute(1, 2, 0);
        assertSharesStorage(p, X);
        assertThat(p.shape()).isEqualTo(Shape.of(3, 4, 2));
        assertThat(p.get(2, 3, 1)).isEqualTo(x(1, 2, 3));
        assertThat(X.permute(-1, 0, 1).shape()).isEqualTo(Shape.of(4, 2, 3));
        // a view of a view
        Tensor back = p.permute(2, 0, 1);
        assertThat(back).isEqualTo(X);
        assertThat(X.transpose().shape()).isEqualTo(Shape.of(2, 4, 3));
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(m.t().toArray2d()).isDeepEqualTo(new double[][] {{1, 4}, {2, 5}, {3, 6}});
        assertThat(m.t().t()).isEqualTo(m);
        assertOriginalUnchanged();
    }

    @Test
    void transposeAndPermuteErrors() {
        assertThatThrownBy(() -> Tensor.of(1, 2).transpose())
                .hasMessage("transpose: expected at least 2 axes, got shape [2]");
        assertThatThrownBy(() -> X.transpose(0, 3))
                .hasMessage("transpose: axis 3 is out of range for a tensor of rank 3 and shape [2, 3, 4]"
                        + " (expected -3 ≤ axis < 3)");
        assertThatThrownBy(() -> X.permute(0, 1))
                .hasMessage("permute: expected a permutation of 3 axes for shape [2, 3, 4], got [0, 1]");
        assertThatThrownBy(() -> X.permute(0, 1, 1))
                .hasMessage("permute: [0, 1, 1] is not a permutation (axis 1 repeated) for shape [2, 3, 4]");
    }

    @Test
    void slice() {
        Tensor s = X.slice(2, 1, 3);
        assertSharesStorage(s, X);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(s.get(1, 2, 0)).isEqualTo(x(1, 2, 1));
        // steps
        Tensor st = X.slice(2, 0, 4, 2);
        assertThat(st.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(st.get(0, 0, 1)).isEqualTo(x(0, 0, 2));
        assertThat(Tensor.arange(10).slice(0, 1, 10, 3).toArray()).containsExactly(1, 4, 7);
        // negative indices count from the end; out-of-range bounds are clamped as in Python
        assertThat(Tensor.arange(10).slice(0, -3, -1).toArray()).containsExactly(7, 8);
        assertThat(Tensor.arange(10).slice(0, -100, 2).toArray()).containsExactly(0, 1);
        assertThat(Tensor.arange(10).slice(0, 8, 100).toArray()).containsExactly(8, 9);
        assertThat(Tensor.arange(10).slice(0, 5, 2).size()).isZero();
        assertThat(X.slice(-1, -1, 4).shape()).isEqualTo(Shape.of(2, 3, 1));
        // a slice of a slice of a transpose
        Tensor v = X.transpose(0, 2).slice(0, 1, 4, 2).slice(1, 1, 3);
        assertThat(v.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(v.get(1, 0, 1)).isEqualTo(x(1, 1, 3));
        assertThat(v.get(0, 1, 0)).isEqualTo(x(0, 2, 1));
        assertSharesStorage(v, X);
        assertThat(v.contiguous().toArray()).containsExactly(
                x(0, 1, 1), x(1, 1, 1), x(0, 2, 1), x(1, 2, 1), x(0, 1, 3), x(1, 1, 3), x(0, 2, 3), x(1, 2, 3));
        assertThatThrownBy(() -> X.slice(0, 0, 1, 0)).hasMessage("slice: step must be positive, got 0");
        assertThatThrownBy(() -> X.slice(3, 0, 1)).hasMessageStartingWith("slice: axis 3 is out of range");
        assertOriginalUnchanged();
    }

    @Test
    void selectAndGet() {
        Tensor s = X.select(1, 2);
        assertSharesStorage(s, X);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 4));
        assertThat(s.get(1, 3)).isEqualTo(x(1, 2, 3));
        assertThat(X.select(-1, -1).get(1, 1)).isEqualTo(x(1, 1, 3));
        assertThat(X.select(0, 1).select(0, 2).select(0, 3).item()).isEqualTo(x(1, 2, 3));
        assertThatThrownBy(() -> X.select(1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("select: index 3 is out of range for axis 1 of size 3 (shape [2, 3, 4])");
        assertThatThrownBy(() -> X.select(0, -3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("select: index -3 is out of range for axis 0 of size 2 (shape [2, 3, 4])");
        assertThatThrownBy(() -> X.get(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("get: expected 3 indices for shape [2, 3, 4], got 1");
        assertOriginalUnchanged();
    }

    @Test
    void broadcastTo() {
        Tensor row = Tensor.of(1, 2, 3);
        Tensor b = row.broadcastTo(2, 3);
        assertSharesStorage(b, row);
        assertThat(b.toArray2d()).isDeepEqualTo(new double[][] {{1, 2, 3}, {1, 2, 3}});
        Tensor col = Tensor.of(Shape.of(2, 1), 5, 6);
        assertThat(col.expand(2, 3).toArray2d()).isDeepEqualTo(new double[][] {{5, 5, 5}, {6, 6, 6}});
        assertThat(Tensor.scalar(4).broadcastTo(Shape.of(2, 2)).toArray()).containsExactly(4, 4, 4, 4);
        assertThat(row.broadcastTo(Shape.of(3))).isSameAs(row);
        Tensor x = X.slice(1, 0, 1).broadcastTo(2, 3, 4); // broadcast of a slice
        assertThat(x.get(1, 2, 3)).isEqualTo(x(1, 0, 3));
        assertThatThrownBy(() -> row.broadcastTo(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broadcastTo: shape [3] cannot be broadcast to [3, 2]");
        assertOriginalUnchanged();
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor t = X.slice(1, 1, 2); // (2, 1, 4)
        Tensor s = t.squeeze();
        assertSharesStorage(s, X);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 4));
        assertThat(s.get(1, 2)).isEqualTo(x(1, 1, 2));
        assertThat(t.squeeze(1).shape()).isEqualTo(Shape.of(2, 4));
        assertThat(t.squeeze(-2).get(0, 3)).isEqualTo(x(0, 1, 3));
        assertThatThrownBy(() -> t.squeeze(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("squeeze: axis 0 has size 2 (expected 1) in shape [2, 1, 4]");
        Tensor u = X.unsqueeze(1);
        assertSharesStorage(u, X);
        assertThat(u.shape()).isEqualTo(Shape.of(2, 1, 3, 4));
        assertThat(u.get(1, 0, 2, 3)).isEqualTo(x(1, 2, 3));
        assertThat(X.unsqueeze(-1).shape()).isEqualTo(Shape.of(2, 3, 4, 1));
        assertThat(X.unsqueeze(0).shape()).isEqualTo(Shape.of(1, 2, 3, 4));
        assertThat(X.unsqueeze(3).isContiguous()).isTrue();
        assertThat(Tensor.scalar(1).unsqueeze(0).shape()).isEqualTo(Shape.of(1));
        assertThat(X.unsqueeze(2).squeeze(2)).isEqualTo(X);
        // unsqueeze of a transposed view keeps the elements
        assertThat(X.transpose(0, 2).unsqueeze(1).get(3, 0, 2, 1)).isEqualTo(x(1, 2, 3));
        assertThatThrownBy(() -> X.unsqueeze(4))
                .hasMessage("unsqueeze: axis 4 is out of range for inserting into shape [2, 3, 4] (expected -4 ≤ axis < 4)");
        assertOriginalUnchanged();
    }

    @Test
    void splitAndChunkAreViews() {
        List<Tensor> parts = X.split(2, 1, 3);
        assertThat(parts).hasSize(2);
        assertSharesStorage(parts.get(1), X);
        assertThat(parts.get(0).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(parts.get(1).get(1, 2, 2)).isEqualTo(x(1, 2, 3));
        assertThat(Tensor.concat(2, parts)).isEqualTo(X);
        List<Tensor> chunks = X.chunk(1, 3);
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2).squeeze(1)).isEqualTo(X.select(1, 2));
        assertThat(X.split(0, 0, 2).get(0).shape()).isEqualTo(Shape.of(0, 3, 4));
        assertThatThrownBy(() -> X.split(2, 1, 2))
                .hasMessage("split: sizes [1, 2] add up to 3 but axis 2 of shape [2, 3, 4] has size 4");
        assertThatThrownBy(() -> X.split(2, 5, -1)).hasMessage("split: negative size -1 in [5, -1]");
        assertThatThrownBy(() -> X.chunk(2, 3))
                .hasMessage("chunk: axis 2 of size 4 (shape [2, 3, 4]) does not split into 3 equal pieces");
        assertThatThrownBy(() -> X.chunk(2, 0))
                .hasMessage("chunk: axis 2 of size 4 (shape [2, 3, 4]) does not split into 0 equal pieces");
        assertOriginalUnchanged();
    }

    @Test
    void operationsOnViewsReadTheViewNotTheStorage() {
        Tensor v = X.transpose(0, 2).slice(1, 1, 3); // (4, 2, 2), non-contiguous
        Tensor c = v.contiguous();
        assertThat(v.add(1.0)).isEqualTo(c.add(1.0));
        assertThat(v.exp()).isEqualTo(c.exp());
        assertThat(v.sum(1)).isEqualTo(c.sum(1));
        assertThat(v.sum().item()).isEqualTo(c.sum().item());
        assertThat(v.mul(v)).isEqualTo(c.mul(c));
        assertThat(v.max(new int[] {0, 2}, true)).isEqualTo(c.max(new int[] {0, 2}, true));
        assertThat(v.hashCode()).isEqualTo(c.hashCode());
        assertThat(v.toString()).isEqualTo(c.toString());
        assertOriginalUnchanged();
    }
}
