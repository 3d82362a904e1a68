package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Mutation fuzzing of the .npy and .npz readers: every truncation and a few hundred seeded random byte
 * flips of small valid files must give an {@link NpyFormatException} naming the file, or a correct
 * result — never another exception (NPE, AIOOBE, NegativeArraySize, OOM, …) and never a hang.
 */
class NpyFuzzTest {
    @TempDir
    Path dir;

    /** Override with -Dnabla.fuzz.trials=… and -Dnabla.fuzz.seed=… for a longer hunt. */
    private static final int TRIALS = Integer.getInteger("nabla.fuzz.trials", 400);
    private static final Duration GUARD = Duration.ofSeconds(Math.max(60, TRIALS / 10));

    interface Read<T> {
        T run() throws IOException;
    }

    private static <T> T attempt(Read<T> r, String name) {
        try {
            T t = r.run();
            assertThat(t).isNotNull();
            return t;
        } catch (NpyFormatException e) {
            assertThat(e.getMessage()).startsWith(name);
            assertThat(e.file()).startsWith(name);
            return null;
        } catch (Throwable t) {
            return fail("expected an NpyFormatException or a result, got " + t, t);
        }
    }

    private Tensor readNpy(byte[] bytes, String label) throws IOException {
        Path p = dir.resolve(label + ".npy");
        Files.write(p, bytes);
        Tensor a = attempt(() -> Npy.read(p), p.toString());
        Tensor b = attempt(() -> Npy.read(new ByteArrayInputStream(bytes), "stream"), "stream");
        assertThat(b).as("file and stream readers agree on " + label).isEqualTo(a);
        Files.delete(p);
        return a;
    }

    private Map<String, Tensor> readNpz(byte[] bytes, String label) throws IOException {
        Path p = dir.resolve(label + ".npz");
        Files.write(p, bytes);
        Map<String, Tensor> m = attempt(() -> Npz.read(p), p.toString());
        Files.delete(p);
        return m;
    }

    private static byte[] resource(String name) throws IOException {
        return Files.readAllBytes(Resources.io(name));
    }

    @Test
    void everyTruncationOfAnNpyIsAClearError() {
        assertTimeoutPreemptively(GUARD, () -> {
            for (String name : List.of("f8_2x3.npy", "u1.npy", "f8_v2.npy", "f8_fortran.npy")) {
                byte[] full = resource(name);
                for (int cut = 0; cut < full.length; cut++) {
                    assertThat(readNpy(Arrays.copyOf(full, cut), name + "-" + cut)).as(name + " cut at " + cut).isNull();
                }
            }
        });
    }

    @Test
    void randomFlipsInAnNpyGiveAClearErrorOrAConsistentTensor() {
        Rng rng = new Rng(Long.getLong("nabla.fuzz.seed", 77));
        assertTimeoutPreemptively(GUARD, () -> {
            List<byte[]> bases = List.of(resource("f8_2x3.npy"), resource("i4.npy"), resource("f8_fortran.npy"),
                    resource("b1.npy"));
            int ok = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                byte[] m = bases.get(trial % bases.size()).clone();
                int flips = 1 + rng.nextInt(3);
                // half of the flips aim at the header, where the parser lives
                for (int f = 0; f < flips; f++) {
                    int at = rng.nextInt(2) == 0 ? rng.nextInt(Math.min(m.length, 128)) : rng.nextInt(m.length);
                    m[at] ^= (byte) (1 + rng.nextInt(255));
                }
                Tensor t = readNpy(m, "flip-" + trial);
                if (t != null) {
                    ok++;
                    assertThat((long) t.size()).isLessThanOrEqualTo(m.length);
                }
            }
            assertThat(ok).isPositive();
        });
    }

    @Test
    void everyTruncationOfAnNpzIsAClearError() {
        assertTimeoutPreemptively(GUARD, () -> {
            for (String name : List.of("arrays.npz", "arrays_compressed.npz")) {
                byte[] full = resource(name);
                for (int cut = 0; cut < full.length; cut++) {
                    assertThat(readNpz(Arrays.copyOf(full, cut), name + "-" + cut)).as(name + " cut at " + cut).isNull();
                }
            }
        });
    }

    @Test
    void randomFlipsInAnNpzGiveAClearErrorOrTheSameArrays() {
        Rng rng = new Rng(Long.getLong("nabla.fuzz.seed", 99));
        assertTimeoutPreemptively(GUARD, () -> {
            Map<String, byte[]> bases = new LinkedHashMap<>();
            bases.put("arrays.npz", resource("arrays.npz"));
            bases.put("arrays_compressed.npz", resource("arrays_compressed.npz"));
            Path nabla = dir.resolve("nabla.npz");
            Npz.writeCompressed(nabla, Npz.read(Resources.io("arrays.npz")));
            bases.put("nabla.npz", Files.readAllBytes(nabla));
            Map<String, List<Tensor>> expected = new LinkedHashMap<>();
            for (String k : bases.keySet()) {
                Path p = dir.resolve("base-" + k);
                Files.write(p, bases.get(k));
                expected.put(k, new ArrayList<>(Npz.read(p).values()));
            }
            List<String> keys = new ArrayList<>(bases.keySet());
            int ok = 0;
            for (int trial = 0; trial < TRIALS * 3 / 4; trial++) {
                String k = keys.get(trial % keys.size());
                byte[] m = bases.get(k).clone();
                int flips = 1 + rng.nextInt(2);
                for (int f = 0; f < flips; f++) {
                    m[rng.nextInt(m.length)] ^= (byte) (1 + rng.nextInt(255));
                }
                Map<String, Tensor> r = readNpz(m, "flip-" + trial);
                if (r != null) {
                    ok++;
                    // zip metadata outside the checksummed data (timestamps, local names, …) may change;
                    // the arrays read must then be exactly the original ones
                    assertThat(new ArrayList<>(r.values())).as("trial " + trial + " on " + k).isEqualTo(expected.get(k));
                }
            }
            assertThat(ok).isPositive();
        });
    }
}
