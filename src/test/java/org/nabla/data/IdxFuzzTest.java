package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Mutation fuzzing of the IDX reader: every truncation and a few hundred seeded random byte flips of
 * small valid files (plain and gzipped) must give either a {@link DataFileException} naming the file
 * or a tensor consistent with the file — never another exception, an error or a hang.
 */
class IdxFuzzTest {
    @TempDir
    Path dir;

    /** Override with -Dnabla.fuzz.trials=… and -Dnabla.fuzz.seed=… for a longer hunt. */
    private static final int TRIALS = Integer.getInteger("nabla.fuzz.trials", 400);
    private static final Duration GUARD = Duration.ofSeconds(Math.max(60, TRIALS / 10));

    /** Reads through the Path API and the stream API; returns the tensor or null after a clean exception. */
    private Tensor readBothWays(byte[] bytes, String label) throws IOException {
        Path p = dir.resolve("fuzz-" + label);
        Files.write(p, bytes);
        Tensor fromPath = attempt(() -> Idx.read(p), p.toString());
        Tensor fromStream = attempt(() -> Idx.read(new ByteArrayInputStream(bytes), "stream"), "stream");
        assertThat(fromStream).as("stream and file readers agree on " + label).isEqualTo(fromPath);
        return fromPath;
    }

    interface Read {
        Tensor run() throws IOException;
    }

    private static Tensor attempt(Read r, String name) {
        try {
            Tensor t = r.run();
            assertThat(t).isNotNull();
            return t;
        } catch (DataFileException e) {
            assertThat(e.getMessage()).startsWith(name + ": ");
            assertThat(e.file()).isEqualTo(name);
            return null;
        } catch (Throwable t) {
            return fail("expected a DataFileException or a tensor, got " + t, t);
        }
    }

    @Test
    void everyTruncationIsAClearError() {
        byte[] plain = IdxFiles.images(2, 3, 4);
        byte[] gz = IdxFiles.gzip(plain);
        assertTimeoutPreemptively(GUARD, () -> {
            for (int cut = 0; cut < plain.length; cut++) {
                assertThat(readBothWays(Arrays.copyOf(plain, cut), "plain-" + cut)).as("cut at " + cut).isNull();
            }
            for (int cut = 0; cut < gz.length; cut++) {
                assertThat(readBothWays(Arrays.copyOf(gz, cut), "gz-" + cut)).as("gz cut at " + cut).isNull();
            }
        });
    }

    @Test
    void randomByteFlipsGiveAClearErrorOrAConsistentTensor() {
        byte[] plain = IdxFiles.images(2, 3, 4);
        byte[] gz = IdxFiles.gzip(plain);
        byte[] labels = IdxFiles.labels(7);
        Rng rng = new Rng(Long.getLong("nabla.fuzz.seed", 20240611L));
        assertTimeoutPreemptively(GUARD, () -> {
            int ok = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                byte[] base = trial % 3 == 0 ? plain : trial % 3 == 1 ? gz : labels;
                byte[] m = base.clone();
                int flips = 1 + rng.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    m[rng.nextInt(m.length)] ^= (byte) (1 + rng.nextInt(255));
                }
                Tensor t = readBothWays(m, "flip-" + trial);
                if (t != null) {
                    ok++;
                    if (base != gz) {
                        // an uncompressed file read successfully holds exactly what its header declares
                        int item = Idx.itemSize((m[2] & 0xFF));
                        assertThat(4 + 4L * t.rank() + (long) item * t.size()).isEqualTo(m.length);
                    }
                }
            }
            assertThat(ok).as("some flips only change pixel values").isPositive();
        });
    }
}
