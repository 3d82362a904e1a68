package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Tensor;

class IdxTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsImagesRawAndScaled() throws IOException {
        Path f = write("img", IdxFiles.images(3, 4, 5));
        Tensor raw = Idx.readImages(f, false);
        assertThat(raw.dims()).containsExactly(3, 4, 5);
        double[] v = raw.toArray();
        for (int k = 0; k < v.length; k++) {
            assertThat(v[k]).isEqualTo(k * 37 % 256);
        }
        Tensor scaled = Idx.readImages(f, true);
        double[] s = scaled.toArray();
        for (int k = 0; k < s.length; k++) {
            assertThat(s[k]).isEqualTo((k * 37 % 256) / 255.0);
        }
        assertThat(scaled.max().item()).isLessThanOrEqualTo(1.0);
        assertThat(scaled.min().item()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void readsLabelsPlainGzippedAndFromStreams() throws IOException {
        byte[] raw = IdxFiles.labels(25);
        double[] e = new double[25];
        for (int i = 0; i < 25; i++) {
            e[i] = i % 10;
        }
        Tensor expected = Tensor.of(e);
        assertThat(Idx.readLabels(write("lab", raw))).isEqualTo(expected);
        assertThat(Idx.readLabels(write("lab.gz", IdxFiles.gzip(raw)))).isEqualTo(expected);
        // gzip is detected by its magic bytes, not by the name
        assertThat(Idx.readLabels(write("lab-no-suffix", IdxFiles.gzip(raw)))).isEqualTo(expected);
        assertThat(Idx.readLabels(new ByteArrayInputStream(raw), "stream")).isEqualTo(expected);
        assertThat(Idx.readLabels(new ByteArrayInputStream(IdxFiles.gzip(raw)), "stream.gz")).isEqualTo(expected);
        assertThat(Idx.read(write("any", raw))).isEqualTo(expected);
    }

    @Test
    void readsEveryIdxTypeBigEndian() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * 3);
        b.putShort((short) -2).putShort((short) 300);
        assertThat(Idx.read(write("s", IdxFiles.idx(0x00000B01, new int[] {2}, Arrays.copyOf(b.array(), 4)))))
                .isEqualTo(Tensor.of(-2, 300));
        b.clear();
        b.putInt(-70000).putInt(5);
        assertThat(Idx.read(write("i", IdxFiles.idx(0x00000C02, new int[] {1, 2}, Arrays.copyOf(b.array(), 8)))))
                .isEqualTo(Tensor.of(new double[][] {{-70000, 5}}));
        b.clear();
        b.putFloat(1.5f).putFloat(-0.25f);
        assertThat(Idx.read(write("f", IdxFiles.idx(0x00000D01, new int[] {2}, Arrays.copyOf(b.array(), 8)))))
                .isEqualTo(Tensor.of(1.5, -0.25));
        b.clear();
        b.putDouble(Math.PI).putDouble(-1e300);
        assertThat(Idx.read(write("d", IdxFiles.idx(0x00000E01, new int[] {2}, Arrays.copyOf(b.array(), 16)))))
                .isEqualTo(Tensor.of(Math.PI, -1e300));
        assertThat(Idx.read(write("sb", IdxFiles.idx(0x00000901, new int[] {2}, new byte[] {-128, 127}))))
                .isEqualTo(Tensor.of(-128, 127));
        assertThat(Idx.read(write("empty", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {0, 28, 28}, new byte[0]))).dims())
                .containsExactly(0, 28, 28);
    }

    @Test
    void badMagicNamesFileOffsetAndExpectation() throws IOException {
        Path f = write("bad-magic", IdxFiles.idx(0x01020803, new int[] {1, 1, 1}, new byte[1]));
        assertThatThrownBy(() -> Idx.readImages(f, true)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": byte 0: magic number 0x01020803 (not an IDX file: IDX files start with two zero bytes),"
                        + " expected 0x00000803 (MNIST images)")
                .satisfies(e -> {
                    assertThat(((DataFileException) e).offset()).isZero();
                    assertThat(((DataFileException) e).file()).isEqualTo(f.toString());
                });
        Path labels = write("labels", IdxFiles.labels(3));
        assertThatThrownBy(() -> Idx.readImages(labels, true)).isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": byte 0: magic number 0x00000801 (MNIST labels), expected 0x00000803 (MNIST images)");
        Path badType = write("bad-type", IdxFiles.idx(0x00000701, new int[] {1}, new byte[1]));
        assertThatThrownBy(() -> Idx.read(badType)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("byte 0: magic number 0x00000701 (IDX unknown type 0x07, 1 dimension), expected 0x0000TTDD");
        Path rank0 = write("rank0", IdxFiles.idx(0x00000800, new int[0], new byte[1]));
        assertThatThrownBy(() -> Idx.read(rank0)).hasMessageContaining("DD ≥ 1 the number of dimensions");
    }

    @Test
    void negativeSizeIsRefused() throws IOException {
        Path f = write("neg", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {2, -3, 4}, new byte[0]));
        assertThatThrownBy(() -> Idx.readImages(f, false)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": byte 8: size of dimension 1 is -3 (4294967293 unsigned), expected a size between 0 and "
                        + Idx.MAX_VALUES);
    }

    @Test
    void absurdHeaderFailsFastBeforeAllocating() throws IOException {
        // 10⁹ images of 28 × 28: more values than any array can hold
        Path huge = write("huge", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {1_000_000_000, 28, 28}, new byte[784]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> Idx.readImages(huge, true)).isInstanceOf(DataFileException.class)
                    .hasMessage(huge + ": byte 8: the sizes 1000000000 × 28 declare more than " + Idx.MAX_VALUES
                            + " values, expected at most that many (the largest array Java can hold)");
        });
        // 2 million images: representable, but the file is far too short; refused before reading
        Path big = write("big", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {2_000_000, 28, 28}, new byte[784]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> Idx.readImages(big, true)).isInstanceOf(DataFileException.class)
                    .hasMessage(big + ": byte 800: the header declares 2000000 × 28 × 28 unsigned bytes (1568000000 bytes)"
                            + " after the 16-byte header, so the file should be 1568000016 bytes long, but it is 800"
                            + " bytes long (truncated, or the header is corrupt)");
        });
        // the same header gzipped: a 1 KB gzip file cannot decompress to 1.5 GB
        Path bigGz = write("big.gz", IdxFiles.gzip(IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {2_000_000, 28, 28},
                new byte[784])));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> Idx.readImages(bigGz, true)).isInstanceOf(DataFileException.class)
                    .hasMessageContaining(bigGz + ": byte 16: the header declares 2000000 × 28 × 28 unsigned bytes")
                    .hasMessageContaining("cannot hold that much (deflate compresses at most 1032:1)");
        });
        // from a stream, where no length is known: fails at the first missing byte, having allocated
        // only what arrived
        byte[] streamed = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {100_000, 10, 10}, new byte[100]);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(streamed), "stream", Long.MAX_VALUE))
                    .isInstanceOf(DataFileException.class)
                    .hasMessage("stream: byte 116: unexpected end of file: expected the values of the 100000 × 10 × 10"
                            + " unsigned bytes (10000000 bytes), of which 0 were read (65536 bytes from byte 16),"
                            + " found only 100");
        });
    }

    @Test
    void headerNeedingMoreThanTheHeapIsRefusedWithAMessage() {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < (16L << 30), "needs a heap under 16 GiB");
        byte[] streamed = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {1_000_000, 1000, 2}, new byte[100]);
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(streamed), "stream", Long.MAX_VALUE))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("stream: byte 16: the header declares 1000000 × 1000 × 2 unsigned bytes"
                        + " (2000000000 bytes), which need 17166 MiB as bytes and doubles, but the JVM's maximum heap is")
                .hasMessageEndingWith("(expected a smaller file, or run Java with a larger -Xmx)");
    }

    @Test
    void truncatedFileNamesTheOffset() throws IOException {
        byte[] full = IdxFiles.images(2, 3, 3);
        Path f = write("trunc", Arrays.copyOf(full, 20));
        assertThatThrownBy(() -> Idx.readImages(f, false)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": byte 20: the header declares 2 × 3 × 3 unsigned bytes (18 bytes) after the 16-byte"
                        + " header, so the file should be 34 bytes long, but it is 20 bytes long (truncated, or the"
                        + " header is corrupt)");
        Path g = write("trunc.gz", IdxFiles.gzip(Arrays.copyOf(full, 20)));
        assertThatThrownBy(() -> Idx.readImages(g, false)).isInstanceOf(DataFileException.class)
                .hasMessage(g + ": byte 20: unexpected end of decompressed data: expected the values of the 2 × 3 × 3"
                        + " unsigned bytes (18 bytes), of which 0 were read (18 bytes from byte 16), found only 4");
        Path h = write("header-only", Arrays.copyOf(full, 6));
        assertThatThrownBy(() -> Idx.readImages(h, false)).isInstanceOf(DataFileException.class)
                .hasMessage(h + ": byte 6: unexpected end of file: expected the size of dimension 0 of 3 (4 bytes from"
                        + " byte 4), found only 2");
    }

    @Test
    void extraBytesAreRefused() throws IOException {
        byte[] full = IdxFiles.labels(4);
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        Path f = write("extra", longer);
        assertThatThrownBy(() -> Idx.readLabels(f)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("but it is 15 bytes long (3 bytes too many)");
        Path g = write("extra.gz", IdxFiles.gzip(longer));
        assertThatThrownBy(() -> Idx.readLabels(g)).isInstanceOf(DataFileException.class)
                .hasMessage(g + ": byte 12: found 3 more bytes after the 4 unsigned bytes (4 bytes), expected the end"
                        + " of the decompressed data (is the header's size wrong?)");
    }

    @Test
    void corruptGzipIsReportedAsSuch() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(2, 3, 3));
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x55; // inside the CRC-32 trailer
        Path f = write("badcrc.gz", badCrc);
        assertThatThrownBy(() -> Idx.readImages(f, false)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": byte 34: the gzip stream is corrupt or truncated (Corrupt GZIP trailer)");
        Path g = write("cut.gz", Arrays.copyOf(gz, 12));
        assertThatThrownBy(() -> Idx.readImages(g, false)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(g + ": byte ")
                .hasMessageEndingWith(": the gzip stream is corrupt or truncated (Unexpected end of ZLIB input stream)");
    }
}
