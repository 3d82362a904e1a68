package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Files written by NumPy 2.4 (src/test/resources/io, made by generate.py) read exactly. */
class NumpyInteropTest {
    private static Tensor arange6by7() {
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            v[i] = i / 7.0;
        }
        return Tensor.of(Shape.of(2, 3), v);
    }

    private static void assertBitwise(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(Double.doubleToRawLongBits(a[i])).as("element " + i).isEqualTo(Double.doubleToRawLongBits(e[i]));
        }
    }

    @Test
    void float64FilesReadBitForBit() throws IOException {
        assertBitwise(Npy.read(Resources.io("f8_2x3.npy")), arange6by7());
        assertBitwise(Npy.read(Resources.io("f8_special.npy")), Tensor.of(0.0, -0.0, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI));
        Tensor scalar = Npy.read(Resources.io("f8_scalar.npy"));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.item()).isEqualTo(3.5);
        assertThat(Npy.read(Resources.io("f8_empty.npy")).dims()).containsExactly(0, 3);
        assertThat(Npy.read(Resources.io("f8_big_endian.npy"))).isEqualTo(Tensor.of(1.5, -2.25, 1e300));
        assertThat(Npy.read(Resources.io("f8_v2.npy"))).isEqualTo(Tensor.of(-1.5, -0.5, 0.5, 1.5));
    }

    @Test
    void fortranOrderIsReturnedInCOrder() throws IOException {
        assertThat(Npy.read(Resources.io("f8_fortran.npy"))).isEqualTo(Tensor.arange(24).reshape(2, 3, 4));
    }

    @Test
    void otherSimpleDtypesAreConvertedToDouble() throws IOException {
        assertThat(Npy.read(Resources.io("f4.npy"))).isEqualTo(Tensor.of(0.1f, -2.5f, 3e38f));
        assertThat(Npy.read(Resources.io("i8.npy"))).isEqualTo(Tensor.of(Shape.of(3, 2), -9007199254740992.0, -1, 0, 1,
                9007199254740992.0, 9007199254740992.0)); // 2⁵³ + 1 rounds to 2⁵³
        assertThat(Npy.read(Resources.io("i4.npy"))).isEqualTo(Tensor.of(new double[][] {{-2147483648.0, 2147483647},
            {0, -7}}));
        assertThat(Npy.read(Resources.io("u1.npy"))).isEqualTo(Tensor.of(0, 1, 128, 255));
        assertThat(Npy.read(Resources.io("b1.npy"))).isEqualTo(Tensor.of(new double[][] {{1, 0}, {0, 1}}));
    }

    @Test
    void unsupportedDtypesAreRefusedWithAHint() {
        String help = ", expected one of '<f8' (float64), '<f4', '<i8', '<i4', '<i2', '|i1', '<u8', '<u4', '<u2', '|u1',"
                + " '|b1' (or big-endian '>…'); convert in NumPy with a.astype(np.float64) before saving";
        for (String[] c : List.of(new String[] {"c16.npy", "<c16"}, new String[] {"f2.npy", "<f2"},
                new String[] {"u3.npy", "<U3"})) {
            var f = Resources.io(c[0]);
            assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(NpyFormatException.class)
                    .hasMessage(f + ": byte 10: dtype '" + c[1] + "' is not supported" + help);
        }
        var obj = Resources.io("object.npy");
        assertThatThrownBy(() -> Npy.read(obj)).isInstanceOf(NpyFormatException.class)
                .hasMessage(obj + ": byte 10: dtype '|O' holds pickled Python objects, which Nabla never reads (they can"
                        + " run code)" + help);
        var st = Resources.io("structured.npy");
        assertThatThrownBy(() -> Npy.read(st)).isInstanceOf(NpyFormatException.class)
                .hasMessage(st + ": byte 10: 'descr' is [a list], expected a dtype string such as '<f8' (structured"
                        + " arrays are not supported: save each field as its own array)");
    }

    @Test
    void writtenBytesEqualNumpysBytes() throws IOException {
        assertThat(Npy.toBytes(arange6by7())).isEqualTo(Files.readAllBytes(Resources.io("f8_2x3.npy")));
        assertThat(Npy.toBytes(Tensor.scalar(3.5))).isEqualTo(Files.readAllBytes(Resources.io("f8_scalar.npy")));
        assertThat(Npy.toBytes(Tensor.zeros(0, 3))).isEqualTo(Files.readAllBytes(Resources.io("f8_empty.npy")));
        // a transposed view is written in C order
        Tensor t = Tensor.arange(6).reshape(3, 2).t().div(7);
        assertThat(Npy.fromBytes(Npy.toBytes(t), "t")).isEqualTo(t.contiguous());
    }

    @Test
    void npzArchivesFromSavezAndSavezCompressed() throws IOException {
        for (String name : List.of("arrays.npz", "arrays_compressed.npz")) {
            Map<String, Tensor> m = Npz.read(Resources.io(name));
            assertThat(m.keySet()).containsExactly("a", "b", "layer.0.weight");
            assertThat(m.get("a")).isEqualTo(Tensor.of(0, 1, 2));
            assertThat(m.get("b")).isEqualTo(Tensor.eye(2));
            assertThat(m.get("layer.0.weight")).isEqualTo(Tensor.of(new double[][] {{-1.0, -0.6, -0.19999999999999996},
                {0.20000000000000018, 0.6000000000000001, 1.0}}));
        }
        Map<String, Tensor> p = Npz.read(Resources.io("positional.npz"));
        assertThat(p.keySet()).containsExactly("arr_0", "arr_1");
        assertThat(p.get("arr_1")).isEqualTo(Tensor.of(new double[][] {{3}}));
    }
}
