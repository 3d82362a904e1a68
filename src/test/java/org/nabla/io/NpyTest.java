package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class NpyTest {
    @TempDir
    Path dir;

    /** An .npy file (version 1.0) with a given header dict and data bytes. */
    static byte[] npy(String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void roundTripsAnyShapeExactly() throws IOException {
        Rng rng = new Rng(11);
        for (int[] shape : new int[][] {{}, {0}, {1}, {7}, {3, 4}, {2, 0, 5}, {2, 3, 4, 5}}) {
            Tensor t = Tensor.randn(rng, shape).mul(1e5);
            Path p = dir.resolve("t" + Arrays.toString(shape) + ".npy");
            Npy.write(p, t);
            Tensor back = Npy.read(p);
            assertThat(back).isEqualTo(t);
            assertThat(Files.size(p) % 64).as("data aligned to 64 bytes").isEqualTo(8L * t.size() % 64);
            assertThat(Npy.read(new ByteArrayInputStream(Files.readAllBytes(p)), "stream")).isEqualTo(t);
        }
        Tensor special = Tensor.of(Double.NaN, -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY);
        Npy.write(dir.resolve("special.npy"), special);
        double[] back = Npy.read(dir.resolve("special.npy")).toArray();
        assertThat(Double.doubleToRawLongBits(back[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back[0]).isNaN();
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path p = dir.resolve("w.npy");
        Npy.write(p, Tensor.of(1, 2));
        Npy.write(p, Tensor.of(3, 4, 5));
        assertThat(Npy.read(p)).isEqualTo(Tensor.of(3, 4, 5));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("w.npy");
        }
    }

    @Test
    void badMagicAndVersion() throws IOException {
        Path zip = write("zip.npy", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> Npy.read(zip)).isInstanceOf(NpyFormatException.class)
                .hasMessage(zip + ": byte 0: bad magic string 50 4B 03 04 00 00 (this is a zip archive: an .npz? read it"
                        + " with Npz.read), expected 93 4E 55 4D 50 59 (\\x93NUMPY, an .npy file)")
                .satisfies(e -> assertThat(((NpyFormatException) e).offset()).isZero());
        byte[] v = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        v[6] = 4;
        Path ver = write("ver.npy", v);
        assertThatThrownBy(() -> Npy.read(ver)).hasMessage(ver + ": byte 6: format version 4.0, expected 1.0, 2.0 or 3.0");
        Path tiny = write("tiny.npy", new byte[] {(byte) 0x93, 'N', 'U'});
        assertThatThrownBy(() -> Npy.read(tiny)).isInstanceOf(NpyFormatException.class)
                .hasMessage(tiny + ": byte 3: unexpected end of file: expected the magic string \\x93NUMPY (6 bytes from"
                        + " byte 0), found only 3");
    }

    @Test
    void absurdHeaderLengthFailsFast() throws IOException {
        byte[] b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).put(Npy.MAGIC).put((byte) 2).put((byte) 0)
                .putInt(-1).array();
        Path p = write("hdr.npy", b);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Npy.read(p))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(p + ": byte 8: header length 4294967295 is absurd, expected at most 100000 bytes (NumPy's"
                        + " headers are well under 10,000 bytes)"));
        byte[] c = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        c[8] = (byte) 0xF0; // header length 0x00F0 + … > file length
        Path q = write("hdr2.npy", c);
        assertThatThrownBy(() -> Npy.read(q)).hasMessageStartingWith(q + ": byte 8: header length ")
                .hasMessageContaining("runs past the end of the");
    }

    @Test
    void absurdShapeFailsBeforeAllocating() throws IOException {
        Path p = write("huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }",
                new byte[8]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Npy.read(p))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(p + ": byte 10: the shape [1000000000, 1000000000] has more than " + Npy.MAX_VALUES
                        + " values, expected at most that many (the largest array Java can hold)"));
        Path q = write("big.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000,), }", new byte[8]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Npy.read(q))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(q + ": byte 84: the header declares 100000000 values '<f8' of shape (100000000,), 800000000"
                        + " bytes after the 76-byte header, so the file should be 800000076 bytes long, but it is 84"
                        + " bytes long (truncated, or the header is corrupt)"));
        byte[] streamed = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (10000000,), }", new byte[8]);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> Npy.read(new ByteArrayInputStream(streamed), "stream"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("stream: byte 83: unexpected end of file: expected data: 10000000 values '<f8' of shape"
                        + " (10000000,), of which 0 were read (65536 bytes from byte 75), found only 8"));
        Path neg = write("neg.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -1), }", new byte[0]));
        assertThatThrownBy(() -> Npy.read(neg)).hasMessage(neg + ": byte 10: size -1 of axis 1 in the shape [2, -1],"
                + " expected a size between 0 and " + Npy.MAX_VALUES);
    }

    @Test
    void malformedHeadersAreExplained() throws IOException {
        Path a = write("a.npy", npy("{'descr': '<f8', 'fortran_order': False, }", new byte[0]));
        assertThatThrownBy(() -> Npy.read(a)).hasMessage(a + ": byte 10: the header has the keys [descr, fortran_order],"
                + " expected exactly [descr, fortran_order, shape]");
        Path b = write("b.npy", npy("{'descr': '<f8' 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(b)).hasMessage(b + ": byte 26: in the header {'descr': '<f8' 'fortran_order':"
                + " False, 'shape': (1,), }: expected ',' or '}' after the value of 'descr', found ''fortran_order': Fal…'");
        Path c = write("c.npy", npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(c)).hasMessageContaining("byte 44: in the header")
                .hasMessageEndingWith("expected a value of 'fortran_order': a 'string', True, False or a (tuple), found 'Maybe, 'shape': (1,)…'");
        Path d = write("d.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, x), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(d)).hasMessageContaining("expected a whole number in the shape, found 'x), }");
        Path e = write("e.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': 3, }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(e)).hasMessageEndingWith("expected a value of 'shape': a 'string', True, False or a"
                + " (tuple), found '3, }\\n'");
        Path f = write("f.npy", npy("{'descr': '<f8', 'fortran_order': 'no', 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(f)).hasMessage(f + ": byte 10: 'fortran_order' is 'no', expected True or False");
        Path g = write("g.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } junk", new byte[8]));
        assertThatThrownBy(() -> Npy.read(g)).hasMessageContaining("expected only spaces and a newline after the header"
                + " dict, found 'junk\\n'");
        Path h = write("h.npy", npy("{'descr': '<f8', 'descr': '<f8', 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(h)).hasMessageContaining("expected each key once, but 'descr' repeats");
        Path i = write("i.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 'y', }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(i)).hasMessage(i + ": byte 10: the header has the keys [descr, fortran_order,"
                + " shape, x], expected exactly [descr, fortran_order, shape]");
        Path j = write("j.npy", npy("{'descr': '|f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertThat(Npy.read(j).toArray()).containsExactly(0.0); // as numpy.dtype('|f8'): the machine's order
    }

    @Test
    void acceptsHeaderVariantsOfOtherWriters() throws IOException {
        // double quotes, no trailing comma, Python 2 long sizes, keys in another order, big-endian ints
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(-3).putInt(70000).array();
        Path p = write("v.npy", npy("{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \">i4\"}", data));
        assertThat(Npy.read(p)).isEqualTo(Tensor.of(-3, 70000));
        byte[] u8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
        Path q = write("u8.npy", npy("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", u8));
        assertThat(Npy.read(q).item()).isEqualTo(18446744073709551615.0);
    }

    @Test
    void truncatedAndSurplusDataNameTheOffset() throws IOException {
        byte[] full = Npy.toBytes(Tensor.of(1, 2, 3, 4, 5, 6));
        Path p = write("cut.npy", Arrays.copyOf(full, full.length - 8));
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(NpyFormatException.class)
                .hasMessage(p + ": byte 168: the header declares 6 values '<f8' of shape (6,), 48 bytes after the"
                        + " 128-byte header, so the file should be 176 bytes long, but it is 168 bytes long (truncated, or"
                        + " the header is corrupt)");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(full, full.length - 8)), "s"))
                .hasMessage("s: byte 168: unexpected end of file: expected data: 6 values '<f8' of shape (6,), of which 0"
                        + " were read (48 bytes from byte 128), found only 40");
        Path q = write("long.npy", Arrays.copyOf(full, full.length + 2));
        assertThatThrownBy(() -> Npy.read(q)).hasMessageEndingWith("but it is 178 bytes long (2 bytes too many)");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(full, full.length + 2)), "s"))
                .hasMessage("s: byte 176: found more bytes after the 6 values '<f8' of shape (6,), expected the end of the"
                        + " file (is the header's shape wrong?)");
    }
}
