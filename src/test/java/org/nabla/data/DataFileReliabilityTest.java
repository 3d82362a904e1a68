package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.SpecialFiles;

/**
 * The cases of the second reliability round for IDX, MNIST and CSV files: size computations that
 * overflowed, readers given what is not a regular file, default budgets, and fields that parsed
 * although they are not numbers.
 */
class DataFileReliabilityTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    interface Reader {
        void read(Path p) throws IOException;
    }

    private static final Map<String, Reader> READERS = Map.of("Idx.read", Idx::read,
            "Idx.readImages", p -> Idx.readImages(p, true), "Csv.readTable", p -> Csv.format().readTable(p),
            "Csv.read", p -> Csv.format().read(p), "Mnist.load", p -> Mnist.load(p, p));

    @Test
    void zeroImagesOfAHugeSizeAreRefusedNotWrapped() throws IOException {
        Path images = write("images", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {0, 65537, 65537}, new byte[0]));
        Path labels = write("labels", IdxFiles.labels(0));
        assertThatThrownBy(() -> Mnist.load(images, labels)).isInstanceOf(DataFileException.class)
                .hasMessage(images + ": byte 12: the sizes 0 × 65537 × 65537 declare more than 2147483639 values once the"
                        + " empty dimensions count as 1, expected at most that many (the largest array Java can hold)");
        for (int[] dims : new int[][] {{65537, 65537, 0}, {65537, 0, 65537}}) {
            Path p = write("e", IdxFiles.idx(Idx.IMAGES_MAGIC, dims, new byte[0]));
            assertThatThrownBy(() -> Idx.read(p)).isInstanceOf(DataFileException.class).hasMessageStartingWith(p + ":");
        }
        Path fine = write("fine", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {0, 28, 28}, new byte[0]));
        assertThat(Mnist.load(fine, labels).features().shape().dims()).containsExactly(0, 784);
    }

    @Test
    void aDirectoryIsRefusedNamingIt() throws IOException {
        Path d = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        READERS.forEach((name, r) -> assertThatThrownBy(() -> r.read(d)).as(name)
                .isInstanceOf(FileSystemException.class).hasMessageStartingWith(d + ": is a directory, expected a"));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        SpecialFiles.fifo(fifo);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> READERS.forEach((name, r) ->
                assertThatThrownBy(() -> r.read(fifo)).as(name).isInstanceOf(FileSystemException.class)
                        .hasMessageStartingWith(fifo + ": is not a regular file (a FIFO, socket or device), expected a")));
    }

    @Test
    void anUnreadableFileIsRefusedNamingIt() throws IOException {
        Path p = write("t.csv", "1,2\n".getBytes(StandardCharsets.US_ASCII));
        SpecialFiles.whileUnreadable(p, () -> READERS.forEach((name, r) -> assertThatThrownBy(() -> r.read(p)).as(name)
                    .isInstanceOf(AccessDeniedException.class).hasMessage(p + ": permission denied")));
    }

    @Test
    void aControlCharacterInANumberIsNotSkipped() throws IOException {
        for (String field : new String[] {"\u00004", "4\u0000", "\u00014.5", "1\u007F"}) {
            Path p = write("nul.csv", ("1," + field + "\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> Csv.format().readTable(p)).as("%s", field.chars().boxed().toList())
                    .isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(p + ": line 1, column 2: control character U+00");
        }
        assertThat(Csv.format().readTable(write("ok.csv", "1, 4 \n".getBytes(StandardCharsets.US_ASCII))).toArray())
                .containsExactly(1, 4);
    }

    @Test
    void gzipBombsAreRefusedByTheDefaultBudget() throws IOException {
        // 2²⁸ unsigned bytes declared (2 GiB as doubles) in a gzip file that may hold up to 1032× its size
        byte[] body = new byte[1 << 22];
        new java.util.Random(3).nextBytes(body); // incompressible, so that the gzip file is large enough
        byte[] zeros = IdxFiles.gzip(IdxFiles.idx(0x00000801, new int[] {1 << 28}, body));
        Path p = write("bomb.gz", zeros);
        assertThat(1032L * zeros.length).isGreaterThan(1L << 28);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> Idx.read(p))
                .isInstanceOf(DataFileException.class)
                .hasMessage(p + ": byte 8: the header declares 268435456 unsigned bytes (268435456 bytes), which need "
                        + "2147483648 bytes as doubles, more than the budget of 1073741824 bytes (a corrupt header or a "
                        + "gzip bomb; pass a larger budget to read it)"));
        byte[] ok = IdxFiles.idx(0x00000801, new int[] {1000}, new byte[1000]);
        assertThat(Idx.read(write("ok.gz", IdxFiles.gzip(ok))).size()).isEqualTo(1000);
        assertThatThrownBy(() -> Idx.read(p, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Idx.read: expected a budget of at least 0 bytes, got -1");
        assertThatThrownBy(() -> Csv.format().maxBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Csv.maxBytes: expected a budget of at least 0 bytes, got -1");
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(ok), "s", 7999)).hasMessageStartingWith("s: byte 8:")
                .hasMessageContaining("more than the budget of 7999 bytes");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            csv.append("1,2\n");
        }
        Path c = write("big.csv", csv.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(Csv.format().readTable(c).size()).isEqualTo(4000);
        assertThatThrownBy(() -> Csv.format().maxBytes(16_000).readTable(c)).isInstanceOf(DataFileException.class)
                .hasMessage(c + ": line 1001: the table's 2002 values need 16016 bytes as doubles, more than the budget"
                        + " of 16000 bytes (pass a larger budget with Csv.maxBytes to read it)");
    }

    @Test
    void anEndlessLineIsCutOffWhileReading() throws IOException {
        byte[] line = new byte[1 << 20];
        java.util.Arrays.fill(line, (byte) '7');
        Path p = write("long.csv.gz", IdxFiles.gzip(line));
        assertThatThrownBy(() -> Csv.format().maxBytes(1 << 18).readTable(p)).isInstanceOf(DataFileException.class)
                .hasMessage(p + ": line 1: the line is longer than 65536 characters, more than the budget allows (pass a"
                        + " larger budget with Csv.maxBytes to read it)");
        assertThat(Csv.format().readTable(p).item()).isEqualTo(Double.parseDouble(new String(line,
                StandardCharsets.US_ASCII)));
        assertThat(Csv.format().readTable(new ByteArrayInputStream("1,2\r3,4\r\n\n5,6".getBytes(StandardCharsets.US_ASCII)),
                "s").toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void messagesNeverSayNull() throws IOException {
        for (byte[] bytes : new byte[][] {{0x1f, (byte) 0x8b}, {0x1f, (byte) 0x8b, 8}, {0x1f, (byte) 0x8b, 8, 0, 0}}) {
            Path p = write("g", bytes);
            for (Reader r : READERS.values()) {
                assertThatThrownBy(() -> r.read(p)).isInstanceOf(DataFileException.class)
                        .hasMessageStartingWith(p + ":").hasMessageNotContaining("null");
            }
        }
    }
}
