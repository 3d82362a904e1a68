package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Tensor;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private void assertOnlyFiles(String... names) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }

    /** A map of two arrays whose iteration fails after the first: a failure in the middle of writing. */
    private static Map<String, Tensor> failingAfterFirst() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, Tensor>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, Tensor>> iterator() {
                        return new Iterator<>() {
                            int i;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Entry<String, Tensor> next() {
                                if (i++ == 0) {
                                    return Map.entry("first", Tensor.ones(100, 100));
                                }
                                throw new IllegalStateException("simulated failure while writing the second array");
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 2;
                    }
                };
            }
        };
    }

    @Test
    void failureInTheMiddleOfAnNpzLeavesTheOldFileIntact() throws IOException {
        Path p = dir.resolve("model.npz");
        Npz.write(p, Map.of("w", Tensor.of(1, 2, 3)));
        byte[] before = Files.readAllBytes(p);
        assertThatThrownBy(() -> Npz.write(p, failingAfterFirst())).isInstanceOf(IllegalStateException.class)
                .hasMessage("simulated failure while writing the second array");
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertThat(Npz.read(p).get("w")).isEqualTo(Tensor.of(1, 2, 3));
        assertOnlyFiles("model.npz");
        assertThatThrownBy(() -> Npz.writeCompressed(p, failingAfterFirst())).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertOnlyFiles("model.npz");
    }

    @Test
    void failingStreamLeavesNoFileAndNoTemporary() throws IOException {
        Path p = dir.resolve("new.npy");
        IOException disk = new IOException("simulated: no space left on device");
        assertThatThrownBy(() -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]);
            throw disk;
        })).hasMessage("cannot write " + p + ": simulated: no space left on device")
                .satisfies(e -> assertThat(e.getCause()).isSameAs(disk));
        assertOnlyFiles();
        Path q = dir.resolve("old.npy");
        Npy.write(q, Tensor.of(7));
        assertThatThrownBy(() -> AtomicFiles.write(q, out -> {
            out.write(1);
            throw disk;
        })).hasMessage("cannot write " + q + ": simulated: no space left on device (the previous file is unchanged)")
                .satisfies(e -> assertThat(e.getCause()).isSameAs(disk));
        assertThat(Npy.read(q)).isEqualTo(Tensor.of(7));
        assertOnlyFiles("old.npy");
    }

    @Test
    void missingDirectoryIsExplained() {
        Path p = dir.resolve("no/such/dir/x.npy");
        assertThatThrownBy(() -> Npy.write(p, Tensor.of(1))).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + p + ": the directory " + p.getParent() + " does not exist");
    }

    @Test
    void newFilesGetTheUsualPermissions() throws IOException {
        Path plain = dir.resolve("plain");
        Files.write(plain, new byte[1]);
        Path atomic = dir.resolve("atomic.npy");
        Npy.write(atomic, Tensor.of(1));
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)))
                    .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
        } catch (UnsupportedOperationException notPosix) {
            // permissions are a POSIX notion
        }
    }
}
