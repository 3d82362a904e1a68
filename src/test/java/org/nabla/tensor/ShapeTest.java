package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeRankAndDims() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.dim(0)).isEqualTo(2);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.dims()).containsExactly(2, 3, 4);
        assertThat(s.contiguousStrides()).containsExactly(12, 4, 1);
        assertThat(s).hasToString("[2, 3, 4]");
    }

    @Test
    void scalarShape() {
        assertThat(Shape.of()).isSameAs(Shape.SCALAR);
        assertThat(Shape.SCALAR.rank()).isZero();
        assertThat(Shape.SCALAR.size()).isEqualTo(1);
        assertThat(Shape.SCALAR).hasToString("[]");
    }

    @Test
    void emptyShapeHasSizeZero() {
        assertThat(Shape.of(3, 0, 2).size()).isZero();
        assertThat(Shape.of(3, 0, 2).contiguousStrides()).containsExactly(2, 2, 1);
    }

    @Test
    void shapeIsAValueAndCopiesItsInput() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 7;
        assertThat(s.dim(0)).isEqualTo(2);
        s.dims()[1] = 9;
        assertThat(s.dim(1)).isEqualTo(3);
        assertThat(s).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
    }

    @Test
    void negativeSizeIsRejected() {
        assertThatThrownBy(() -> Shape.of(2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, -1]: size of axis 1 is negative (-1)");
    }

    @Test
    void tooManyElementsIsRejected() {
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [65536, 65536] has more than 2147483647 elements");
    }

    @Test
    void axisNormalizationAndItsError() {
        Shape s = Shape.of(2, 3);
        assertThat(s.axis(-1, "op")).isEqualTo(1);
        assertThat(s.axis(-2, "op")).isZero();
        assertThatThrownBy(() -> s.axis(2, "sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for a tensor of rank 2 and shape [2, 3] (expected -2 ≤ axis < 2)");
        assertThatThrownBy(() -> Shape.SCALAR.axis(0, "sum"))
                .hasMessage("sum: axis 0 is out of range for a tensor of rank 0 and shape [] (expected no axis)");
    }

    @Test
    void broadcastFollowsNumPy() {
        assertThat(Shape.broadcast(Shape.of(2, 1, 4), Shape.of(3, 1), "add")).isEqualTo(Shape.of(2, 3, 4));
        assertThat(Shape.broadcast(Shape.of(5), Shape.SCALAR, "add")).isEqualTo(Shape.of(5));
        assertThat(Shape.broadcast(Shape.of(1), Shape.of(0), "add")).isEqualTo(Shape.of(0));
        assertThat(Shape.broadcast(Shape.of(4, 1), Shape.of(1, 5), "add")).isEqualTo(Shape.of(4, 5));
    }

    @Test
    void broadcastFailureNamesTheAxis() {
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(2, 3, 4), Shape.of(5, 4), "add"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes [2, 3, 4] and [5, 4] cannot be broadcast: axis -2 has sizes 3 and 5"
                        + " (expected equal sizes or one of them 1)");
    }

    @Test
    void broadcastsTo() {
        assertThat(Shape.of(3, 1).broadcastsTo(Shape.of(2, 3, 4))).isTrue();
        assertThat(Shape.SCALAR.broadcastsTo(Shape.of(2))).isTrue();
        assertThat(Shape.of(3, 2).broadcastsTo(Shape.of(3, 4))).isFalse();
        assertThat(Shape.of(1, 3, 4).broadcastsTo(Shape.of(3, 4))).isFalse();
    }
}
