package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class NpzTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, Tensor> arrays() {
        Rng rng = new Rng(3);
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        m.put("layers.0.weight", Tensor.randn(rng, 4, 3));
        m.put("layers.0.bias", Tensor.randn(rng, 4));
        m.put("step", Tensor.scalar(17));
        m.put("empty", Tensor.zeros(0, 2));
        return m;
    }

    /** Writes a zip archive with stored entries of the given names and bytes. */
    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            z.setMethod(ZipOutputStream.STORED);
            for (var e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                ze.setSize(e.getValue().length);
                ze.setCompressedSize(e.getValue().length);
                ze.setCrc(crc.getValue());
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void roundTripsStoredAndCompressedInOrder() throws IOException {
        LinkedHashMap<String, Tensor> m = arrays();
        Path stored = dir.resolve("m.npz");
        Path deflated = dir.resolve("mc.npz");
        Npz.write(stored, m);
        Npz.writeCompressed(deflated, m);
        for (Path p : new Path[] {stored, deflated}) {
            LinkedHashMap<String, Tensor> back = Npz.read(p);
            assertThat(back.keySet()).containsExactlyElementsOf(m.keySet());
            assertThat(back).isEqualTo(m);
        }
        // the same arrays always give the same bytes (fixed timestamps)
        Path again = dir.resolve("again.npz");
        Npz.write(again, m);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(stored));
    }

    @Test
    void highlyCompressibleArraysAreNotMistakenForBombs() throws IOException {
        Path p = dir.resolve("zeros.npz");
        Npz.writeCompressed(p, Map.of("z", Tensor.zeros(1_000_000)));
        assertThat(Files.size(p)).isLessThan(20_000);
        assertThat(Npz.read(p).get("z").size()).isEqualTo(1_000_000);
    }

    @Test
    void budgetCapsTheUncompressedSize() throws IOException {
        Path p = dir.resolve("zeros.npz");
        Npz.writeCompressed(p, Map.of("z", Tensor.zeros(1_000_000)));
        assertThatThrownBy(() -> Npz.read(p, 1_000_000)).isInstanceOf(NpyFormatException.class)
                .hasMessage(p + "!/z.npy: byte 128: the header declares 1000000 values '<f8' of shape (1000000,), which need"
                        + " 8000000 bytes as doubles, more than the budget of 1000000 bytes (a corrupt header or a zip bomb;"
                        + " pass a larger budget to read it)");
    }

    @Test
    void headerDeclaringMoreThanTheArchiveCanHoldFailsFast() throws IOException {
        byte[] lying = NpyTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (200000000,), }", new byte[8]);
        Path p = zip("bomb.npz", Map.of("x.npy", lying));
        long cap = 8 * (Npz.MAX_DEFLATE_RATIO * Files.size(p) + 65536);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Npz.read(p))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(p + "!/x.npy: byte 76: the header declares 200000000 values '<f8' of shape (200000000,),"
                        + " which need 1600000000 bytes as doubles, more than the budget of " + cap + " bytes (a corrupt"
                        + " header or a zip bomb; pass a larger budget to read it)"));
    }

    @Test
    void entriesMustHoldExactlyWhatTheirHeaderDeclares() throws IOException {
        byte[] three = Npy.toBytes(Tensor.of(1, 2, 3));
        byte[] extra = java.util.Arrays.copyOf(three, three.length + 8);
        Path p = zip("extra.npz", Map.of("x.npy", extra));
        assertThatThrownBy(() -> Npz.read(p)).isInstanceOf(NpyFormatException.class)
                .hasMessage(p + "!/x.npy: byte 152: found more bytes after the 3 values '<f8' of shape (3,), expected the"
                        + " end of the file (is the header's shape wrong?)");
        Path q = zip("short.npz", Map.of("x.npy", java.util.Arrays.copyOf(three, three.length - 1)));
        assertThatThrownBy(() -> Npz.read(q)).isInstanceOf(NpyFormatException.class)
                .hasMessage(q + "!/x.npy: byte 151: unexpected end of file: expected data: 3 values '<f8' of shape (3,),"
                        + " of which 0 were read (24 bytes from byte 128), found only 23");
    }

    @Test
    void corruptArchivesAreExplained() throws IOException {
        Path notZip = dir.resolve("not.npz");
        Files.write(notZip, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> Npz.read(notZip)).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(notZip + ": is not a valid zip archive (")
                .hasMessageEndingWith("), expected an .npz archive as written by np.savez or Npz.write");
        Path txt = zip("txt.npz", Map.of("readme.txt", new byte[] {'h', 'i'}));
        assertThatThrownBy(() -> Npz.read(txt)).isInstanceOf(NpyFormatException.class)
                .hasMessage(txt + "!/readme.txt: is not an .npy file, expected only entries named <array>.npy");
        // a flipped data byte in a stored entry: the CRC-32 catches it
        Path p = dir.resolve("crc.npz");
        Npz.write(p, Map.of("a", Tensor.of(1, 2, 3)));
        byte[] b = Files.readAllBytes(p);
        int at = indexOf(b, Npy.toBytes(Tensor.of(1, 2, 3))) + 130;
        b[at] ^= 0x40;
        Files.write(p, b);
        assertThatThrownBy(() -> Npz.read(p)).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(p + "!/a.npy: CRC-32 of the data is ")
                .hasMessageEndingWith("as the archive records (corrupt data)");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void badNamesAreRefused() {
        Path p = dir.resolve("bad.npz");
        assertThatThrownBy(() -> Npz.write(p, Map.of("", Tensor.of(1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Npz.write: array name '' is not allowed, expected a non-empty name without NUL characters");
        assertThat(p).doesNotExist();
    }
}
