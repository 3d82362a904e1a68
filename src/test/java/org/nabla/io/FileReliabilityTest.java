package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.SpecialFiles;
import org.nabla.activation.Tanh;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The cases of the second reliability round for .npy, .npz and checkpoints: exact integer
 * conversions, headers NumPy refuses or accepts, readers given what is not a regular file, writers
 * on a full disk, leftovers of killed saves, default memory budgets and names the CRC does not cover.
 */
class FileReliabilityTest {
    @TempDir
    Path dir;

    private static final Duration GUARD = Duration.ofSeconds(20);

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] longs(ByteOrder order, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    /** The unsigned value of v, correctly rounded to double (BigInteger rounds to nearest, ties to even). */
    private static double unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v)).doubleValue();
    }

    @Test
    void uint64IsRoundedOnceToTheNearestDouble() throws IOException {
        long[] v = new long[64];
        v[0] = Long.MIN_VALUE + 1024 + 1; // 2⁶³ + 2¹⁰ + 1: the case
        v[1] = Long.MIN_VALUE + 1024; // a tie: to even, 2⁶³
        v[2] = Long.MIN_VALUE + 3 * 1024; // a tie: to even, 2⁶³ + 4096
        v[3] = -1L; // 2⁶⁴ − 1 → 2⁶⁴
        v[4] = Long.MIN_VALUE;
        v[5] = (1L << 53) + 1;
        Rng rng = new Rng(23);
        for (int i = 6; i < v.length; i++) {
            v[i] = (long) (rng.uniform(0, 1) * (1L << 62)) * 4 + i % 4 | (i % 2 == 0 ? Long.MIN_VALUE : 0);
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String bo = order == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
            Tensor t = Npy.fromBytes(NpyTest.npy("{'descr': '" + bo + "u8', 'fortran_order': False, 'shape': (64,), }",
                    longs(order, v)), "u8.npy");
            for (int i = 0; i < v.length; i++) {
                assertThat(t.get(i)).as("element %d = %s", i, Long.toUnsignedString(v[i])).isEqualTo(unsigned(v[i]));
            }
            Tensor s = Npy.fromBytes(NpyTest.npy("{'descr': '" + bo + "i8', 'fortran_order': False, 'shape': (64,), }",
                    longs(order, v)), "i8.npy");
            for (int i = 0; i < v.length; i++) {
                assertThat(s.get(i)).isEqualTo(BigInteger.valueOf(v[i]).doubleValue());
            }
        }
        assertThat(Npy.fromBytes(NpyTest.npy("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }",
                longs(ByteOrder.LITTLE_ENDIAN, v[0])), "x").get(0)).isEqualTo(9223372036854777856.0);
    }

    @Test
    void everySmallerIntegerTypeIsExactAtItsExtremes() throws IOException {
        record Case(String descr, byte[] bytes, double[] expected) {
        }
        ByteBuffer i2 = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) -32768).putShort((short) -1);
        ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(-1);
        for (Case c : new Case[] {
            new Case("|i1", new byte[] {-128, 127}, new double[] {-128, 127}),
            new Case("|u1", new byte[] {-128, -1}, new double[] {128, 255}),
            new Case("|b1", new byte[] {0, 7}, new double[] {0, 1}),
            new Case(">i2", i2.array(), new double[] {-32768, -1}),
            new Case(">u2", i2.array(), new double[] {32768, 65535}),
            new Case("<i4", i4.array(), new double[] {-2147483648.0, -1}),
            new Case("<u4", i4.array(), new double[] {2147483648.0, 4294967295.0})}) {
            Tensor t = Npy.fromBytes(NpyTest.npy("{'descr': '" + c.descr() + "', 'fortran_order': False, 'shape': (2,), }",
                    c.bytes()), c.descr());
            assertThat(t.toArray()).as(c.descr()).containsExactly(c.expected());
        }
    }

    private static Tensor header(String dict, byte[] data) throws IOException {
        return Npy.fromBytes(NpyTest.npy(dict, data), "h.npy");
    }

    @Test
    void headersAreReadAsNumPyReadsThem() throws IOException {
        byte[] six = longs(ByteOrder.nativeOrder(), 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> header("{'descr': '<f8', 'fortran_order': False, 'shape': (6), }", six))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("h.npy: byte ")
                .hasMessageContaining("expected a tuple such as (6,) for the shape (in Python (6) is a number, not a tuple)");
        assertThat(header("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", six).shape().dims())
                .containsExactly(6);
        assertThat(header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", six).shape().dims())
                .containsExactly(2, 3);
        byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putDouble(2.5).array();
        for (String descr : new String[] {"f8", "float64", "d", "=f8", "|f8", "float"}) {
            assertThat(header("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (), }", one).item())
                    .as(descr).isEqualTo(2.5);
        }
        assertThat(header("{'descr': 'u1', 'fortran_order': False, 'shape': (1,), }", new byte[] {-1}).get(0))
                .isEqualTo(255.0);
        assertThatThrownBy(() -> header("{'descr': lambda: 0, 'fortran_order': False, 'shape': (), }", one))
                .hasMessageContaining("expected a value of 'descr': a 'string', True, False or a (tuple), found 'lambda: 0")
                .hasMessageNotContaining("in the shape");
        assertThatThrownBy(() -> header("{'descr': (lambda), 'fortran_order': False, 'shape': (), }", one))
                .hasMessageContaining("expected a whole number in the tuple given as 'descr'");
        assertThatThrownBy(() -> header("{'descr': 'O', 'fortran_order': False, 'shape': (), }", one))
                .hasMessageContaining("holds pickled Python objects");
        // sizes are Python literals, as ast.literal_eval (which NumPy uses) reads them
        for (String size : new String[] {"+1", "0x1", "0o1", "0b1", "1L", "0x_1", " 1"}) {
            assertThat(header("{'descr': '<f8', 'fortran_order': False, 'shape': (" + size + ",), }", one).size())
                    .as(size).isEqualTo(1);
        }
        assertThat(header("{'descr': '|u1', 'fortran_order': False, 'shape': (1_0,), }", new byte[10]).size())
                .isEqualTo(10);
        for (String size : new String[] {"01", "0_0_1", "1__0", "1_", "_1", "0x", "True", "1.0", "1e1", "- 1"}) {
            assertThatThrownBy(() -> header("{'descr': '<f8', 'fortran_order': False, 'shape': (" + size + ",), }",
                    one)).as(size).isInstanceOf(NpyFormatException.class).hasMessageContaining(" in the shape");
        }
    }

    @Test
    void emptyArraysWhoseStridesWouldOverflowAreRefused() {
        assertThatThrownBy(() -> header("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 65537, 65537), }",
                new byte[0])).isInstanceOf(NpyFormatException.class).hasMessageStartingWith("h.npy: byte 10: the shape")
                .hasMessageContaining("once its empty axes count as size 1");
        assertThatThrownBy(() -> header("{'descr': '<f8', 'fortran_order': False, 'shape': (65537, 65537, 0), }",
                new byte[0])).isInstanceOf(NpyFormatException.class);
    }

    private Path checkpoint() throws IOException {
        Path p = dir.resolve("model.npz");
        ModelState.save(p, mlp(1));
        return p;
    }

    private static Sequential mlp(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng));
    }

    interface Reader {
        void read(Path p) throws IOException;
    }

    private static final Map<String, Reader> READERS = Map.of("Npy.read", Npy::read, "Npz.read", Npz::read,
            "ModelState.read", ModelState::read, "ModelState.load", p -> ModelState.load(p, mlp(2)));

    @Test
    void aDirectoryIsRefusedNamingIt() throws IOException {
        Path d = Files.createDirectory(dir.resolve("weights.npy"));
        READERS.forEach((name, r) -> assertThatThrownBy(() -> r.read(d)).as(name)
                .isInstanceOf(FileSystemException.class).hasMessageStartingWith(d + ": is a directory, expected an"));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.npz");
        SpecialFiles.fifo(fifo);
        assertTimeoutPreemptively(GUARD, () -> READERS.forEach((name, r) -> assertThatThrownBy(() -> r.read(fifo))
                .as(name).isInstanceOf(FileSystemException.class)
                .hasMessageStartingWith(fifo + ": is not a regular file (a FIFO, socket or device), expected an")));
    }

    @Test
    void anUnreadableFileIsRefusedNamingIt() throws IOException {
        Path p = checkpoint();
        SpecialFiles.whileUnreadable(p, () -> READERS.forEach((name, r) -> assertThatThrownBy(() -> r.read(p)).as(name)
                    .isInstanceOf(java.nio.file.AccessDeniedException.class).hasMessage(p + ": permission denied")));
    }

    /** A stream on a disk that fills up after {@code room} bytes. */
    private static UnaryOperator<OutputStream> fullDiskAfter(long room) {
        return out -> new FilterOutputStream(out) {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > room) {
                    throw new IOException("No space left on device");
                }
                written += len;
                out.write(b, off, len);
            }
        };
    }

    private void assertOnlyFiles(String... names) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }

    @Test
    void aFullDiskIsReportedNamingTheFileAndLeavesTheOldOne() throws IOException {
        Path npy = dir.resolve("a.npy");
        Npy.write(npy, Tensor.of(1, 2));
        byte[] before = Files.readAllBytes(npy);
        Tensor big = Tensor.ones(10_000);
        for (long room : new long[] {0, 100, 70_000}) {
            assertThatThrownBy(() -> AtomicFiles.write(npy, out -> Npy.write(out, big), fullDiskAfter(room)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot write " + npy + ": No space left on device (the previous file is unchanged)")
                    .hasRootCauseMessage("No space left on device");
            assertThat(Files.readAllBytes(npy)).isEqualTo(before);
        }
        Path fresh = dir.resolve("fresh.npz");
        assertThatThrownBy(() -> ModelState.save(fresh, mlp(1), fullDiskAfter(200)))
                .hasMessage("cannot write " + fresh + ": No space left on device");
        Path model = checkpoint();
        byte[] saved = Files.readAllBytes(model);
        assertThatThrownBy(() -> ModelState.save(model, mlp(5), fullDiskAfter(300)))
                .hasMessage("cannot write " + model + ": No space left on device (the previous file is unchanged)");
        assertThat(Files.readAllBytes(model)).isEqualTo(saved);
        assertOnlyFiles("a.npy", "model.npz");
    }

    @Test
    void theNextSaveRemovesWhatAKilledSaveLeftButNotWhatIsBeingWritten() throws IOException {
        Path model = checkpoint();
        Path killed = write(".model.npz.1f2e3d4c5b6a7980.tmp", new byte[1 << 20]);
        Path otherName = write(".other.npz.1f2e3d4c5b6a7980.tmp", new byte[10]);
        Path notOurs = write(".model.npz.backup.tmp", new byte[10]);
        Path busy = dir.resolve(".model.npz.00000000000000aa.tmp");
        try (FileChannel ch = FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            ModelState.load(model, mlp(3)); // a load ignores them
            ModelState.save(model, mlp(4));
            assertThat(killed).doesNotExist();
            assertThat(busy).exists();
        }
        assertThat(otherName).exists();
        assertThat(notOurs).exists();
        Npy.write(dir.resolve("model.npz"), Tensor.of(1)); // the lock is gone: the next save removes it
        assertThat(busy).doesNotExist();
    }

    /** An .npz whose entries are written as given (name, bytes, compress). */
    private Path zip(String file, Object... entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (int k = 0; k < entries.length; k += 3) {
                byte[] data = (byte[]) entries[k + 1];
                ZipEntry e = new ZipEntry((String) entries[k]);
                if ((Boolean) entries[k + 2]) {
                    e.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(data.length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        return write(file, b.toByteArray());
    }

    @Test
    void aZipBombIsRefusedByTheDefaultBudgetWhateverTheHeap() throws IOException {
        // 2²⁹ float64 values (4 GiB) declared, 16 MiB of zeros inflating behind them, and a 4 MiB stored
        // array that makes the archive large enough for the deflate bound alone to allow 4 GiB
        byte[] head = NpyTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (536870912,), }", new byte[0]);
        byte[] bomb = new byte[head.length + (16 << 20)];
        System.arraycopy(head, 0, bomb, 0, head.length);
        byte[] pad = new byte[4 << 20];
        new java.util.Random(5).nextBytes(pad);
        Path p = zip("bomb.npz", "x.npy", bomb, true, "pad.npy",
                NpyTest.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + pad.length + ",), }", pad), false);
        long length = Files.size(p);
        assertThat(Npz.MAX_DEFLATE_RATIO * length).isGreaterThan(4L << 30);
        assertThat(Npz.defaultBudget(length)).isEqualTo(Npy.DEFAULT_MAX_BYTES);
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> Npz.read(p))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(p + "!/x.npy: byte 76: the header declares 536870912 values '<f8' of shape "
                        + "(536870912,), which need 4294967296 bytes as doubles, more than the budget of 1073741824 bytes"));
        // a caller's budget counts every array: the 4 MiB of bytes become 32 MiB of doubles
        Path padOnly = zip("pad.npz", "pad.npy",
                NpyTest.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + pad.length + ",), }", pad), false);
        assertThat(Npz.read(padOnly).get("pad").size()).isEqualTo(pad.length);
        assertThatThrownBy(() -> Npz.read(padOnly, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Npz.read: expected a budget of at least 0 bytes, got -1");
        assertThatThrownBy(() -> Npz.read(padOnly, 8L * pad.length - 1)).hasMessageContaining("more than the budget of "
                + (8L * pad.length - 1) + " bytes");
    }

    @Test
    void aCorruptNameIsCaughtInTheCentralDirectoryAndInTheLocalHeader() throws IOException {
        Path p = dir.resolve("plain.npz");
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("weight", Tensor.of(1, 2, 3));
        arrays.put("bias", Tensor.of(4));
        Npz.write(p, arrays);
        byte[] good = Files.readAllBytes(p);
        byte[] name = "weight.npy".getBytes(StandardCharsets.US_ASCII);
        int local = indexOf(good, name, 0);
        int central = indexOf(good, name, local + 1);
        assertThat(local).isGreaterThanOrEqualTo(0);
        assertThat(central).isGreaterThan(local);
        for (int at : new int[] {local, central}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01; // 'w' → 'v'
            Path q = write("renamed" + at + ".npz", bad);
            String entry = at == central ? "veight.npy" : "weight.npy";
            String other = at == central ? "weight.npy" : "veight.npy";
            assertThatThrownBy(() -> Npz.read(q)).isInstanceOf(NpyFormatException.class)
                    .hasMessage(q + "!/" + entry + ": the central directory names this entry '" + entry
                            + "' but its local header (byte 0) names it '" + other
                            + "': a corrupt archive (zip names are not covered by the CRC-32)");
        }
    }

    @Test
    void anArchiveAfterAStubIsReadAsZipFileReadsIt() throws IOException {
        Path p = dir.resolve("plain.npz");
        Npz.write(p, Map.of("w", Tensor.of(1, 2)));
        byte[] zip = Files.readAllBytes(p);
        byte[] stub = new byte[100 + zip.length];
        System.arraycopy(zip, 0, stub, 100, zip.length);
        assertThat(Npz.read(write("stub.npz", stub)).get("w")).isEqualTo(Tensor.of(1, 2));
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
