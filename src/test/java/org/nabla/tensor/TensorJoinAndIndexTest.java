package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorJoinAndIndexTest {
    private static final Tensor A = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private static final Tensor B = Tensor.of(new double[][] {{7, 8, 9}});

    @Test
    void concat() {
        Tensor c = Tensor.concat(0, A, B);
        assertThat(c.toArray2d()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        Tensor d = Tensor.concat(1, A, A.slice(1, 0, 1), A.t().t()); // views as parts
        assertThat(d.toArray2d()).isDeepEqualTo(new double[][] {{1, 2, 3, 1, 1, 2, 3}, {4, 5, 6, 4, 4, 5, 6}});
        assertThat(Tensor.concat(-1, List.of(A))).isEqualTo(A);
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor y = Tensor.concat(1, x, x.slice(1, 0, 0), x.slice(1, 2, 3));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 4, 4));
        assertThat(y.get(1, 3, 2)).isEqualTo(x.get(1, 2, 2));
        assertThat(Tensor.concat(0, Tensor.of(1, 2), Tensor.of(3)).toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void concatErrors() {
        assertThatThrownBy(() -> Tensor.concat(0, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concat: expected at least one tensor");
        assertThatThrownBy(() -> Tensor.concat(1, A, B))
                .hasMessage("concat: tensor 1 has shape [1, 3] but tensor 0 has shape [2, 3] (sizes differ on axis 0,"
                        + " only axis 1 may differ)");
        assertThatThrownBy(() -> Tensor.concat(0, A, Tensor.of(1, 2, 3)))
                .hasMessage("concat: tensor 1 has shape [3] but tensor 0 has shape [2, 3] (expected the same rank)");
        assertThatThrownBy(() -> Tensor.concat(2, A, A))
                .hasMessage("concat: axis 2 is out of range for a tensor of rank 2 and shape [2, 3] (expected -2 ≤ axis < 2)");
    }

    @Test
    void stack() {
        Tensor s = Tensor.stack(0, Tensor.of(1, 2), Tensor.of(3, 4), Tensor.of(5, 6));
        assertThat(s.toArray2d()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor s1 = Tensor.stack(1, Tensor.of(1, 2), Tensor.of(3, 4));
        assertThat(s1.toArray2d()).isDeepEqualTo(new double[][] {{1, 3}, {2, 4}});
        Tensor s2 = Tensor.stack(-1, A, A.mul(10));
        assertThat(s2.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(s2.get(1, 2, 1)).isEqualTo(60.0);
        assertThat(Tensor.stack(0, List.of(Tensor.scalar(1), Tensor.scalar(2))).toArray()).containsExactly(1, 2);
        assertThatThrownBy(() -> Tensor.stack(0, A, B))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stack: tensor 1 has shape [1, 3] but tensor 0 has shape [2, 3] (expected equal shapes)");
        assertThatThrownBy(() -> Tensor.stack(0, List.of())).hasMessage("stack: expected at least one tensor");
    }

    @Test
    void indexSelect() {
        Tensor r = A.indexSelect(1, 2, 0, 2);
        assertThat(r.toArray2d()).isDeepEqualTo(new double[][] {{3, 1, 3}, {6, 4, 6}});
        assertThat(A.indexSelect(0, 1).toArray2d()).isDeepEqualTo(new double[][] {{4, 5, 6}});
        assertThat(A.indexSelect(0).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(A.t().indexSelect(0, 1).toArray2d()).isDeepEqualTo(new double[][] {{2, 5}});
        assertThatThrownBy(() -> A.indexSelect(1, 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("indexSelect: index 3 at position 1 is out of range for axis 1 of size 3 (shape [2, 3])");
        assertThatThrownBy(() -> A.indexSelect(0, -1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("indexSelect: index -1 at position 0 is out of range for axis 0 of size 2 (shape [2, 3])");
    }

    @Test
    void gather() {
        // out[i][j] = A[i][index[i][j]] for axis 1
        Tensor idx = Tensor.of(new double[][] {{2, 0}, {1, 1}});
        assertThat(A.gather(1, idx).toArray2d()).isDeepEqualTo(new double[][] {{3, 1}, {5, 5}});
        // out[i][j] = A[index[i][j]][j] for axis 0
        Tensor idx0 = Tensor.of(new double[][] {{1, 0, 1}});
        assertThat(A.gather(0, idx0).toArray2d()).isDeepEqualTo(new double[][] {{4, 2, 6}});
        // the classic use: pick the score of each sample's class
        Tensor scores = Tensor.of(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}});
        Tensor labels = Tensor.of(Shape.of(3, 1), 1, 0, 1);
        assertThat(scores.gather(1, labels).toArray()).containsExactly(0.9, 0.8, 0.7);
        assertThat(A.t().gather(0, Tensor.of(new double[][] {{2, 0}})).toArray()).containsExactly(3, 4);
        assertThatThrownBy(() -> A.gather(1, Tensor.of(new double[][] {{3}})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("gather: index 3.0 is out of range for axis 1 of size 3 (shape [2, 3])");
        assertThatThrownBy(() -> A.gather(1, Tensor.of(new double[][] {{0.5}})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index 0.5 is not a whole number (axis 1 of shape [2, 3])");
        assertThatThrownBy(() -> A.gather(1, Tensor.of(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index has shape [2] but input has shape [2, 3] (expected the same rank)");
        assertThatThrownBy(() -> A.gather(1, Tensor.zeros(3, 1)))
                .hasMessage("gather: index shape [3, 1] exceeds input shape [2, 3] on axis 0");
    }

    @Test
    void oneHotAndGatherAgree() {
        int[] labels = {2, 0, 1, 1};
        Tensor oh = Tensor.oneHot(labels, 3);
        Tensor scores = Tensor.randn(new Rng(1), 4, 3);
        Tensor picked = scores.mul(oh).sum(1);
        Tensor idx = Tensor.of(Shape.of(4, 1), 2, 0, 1, 1);
        assertThat(picked.toArray()).isEqualTo(scores.gather(1, idx).reshape(4).toArray());
    }
}
