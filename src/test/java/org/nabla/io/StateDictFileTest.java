package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Variable;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.BatchNorm2d;
import org.nabla.module.Buffer;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.ConvTranspose2d;
import org.nabla.layer.Embedding;
import org.nabla.layer.GRU;
import org.nabla.layer.LSTM;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.RNN;
import org.nabla.layer.Sequential;
import org.nabla.layer.TransformerEncoder;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Model files: round trips of every module's state dict, buffers included; strictness; integrity. */
class StateDictFileTest {
    @TempDir
    Path dir;

    /** One instance of every module with parameters or buffers; the same seed gives the same weights. */
    private static List<Module> everyModule(long seed) {
        Rng rng = new Rng(seed);
        TransformerEncoderLayer.Builder layer = TransformerEncoderLayer.builder(4, 2).feedForward(8).rng(rng);
        return List.of(new Linear(3, 2, rng), new Conv1d(2, 3, 3, rng), new Conv2d(2, 3, 3, rng),
                new ConvTranspose2d(2, 3, 3, 2, 1, 1, true, rng), new BatchNorm1d(3), new BatchNorm2d(2),
                new LayerNorm(4), new Embedding(5, 3, rng), new RNN(3, 4, 2, rng),
                new LSTM(3, 4, 2, true, false, true, rng), new GRU(3, 4, 1, true, true, true, rng),
                new MultiHeadAttention(4, 2, rng), layer.build(),
                new TransformerEncoder(List.of(layer.build(), layer.build()), new LayerNorm(4)),
                new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new ReLU(), new Sequential(new Linear(4, 2, rng))));
    }

    /** Gives every buffer values of its own (counts whole numbers) so that a lost buffer shows. */
    private static void perturbBuffers(Module m, Rng rng) {
        for (Buffer b : m.buffers()) {
            Tensor r = Tensor.uniform(rng, 0.5, 2, b.shape().dims());
            b.set(b.isInteger() ? Tensor.scalar(1 + Math.floor(10 * r.item())) : r);
        }
    }

    private static Map<String, long[]> bits(Module m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, Arrays.stream(v.toArray()).mapToLong(Double::doubleToRawLongBits).toArray()));
        return out;
    }

    private static void assertSameBits(Module actual, Module expected) {
        Map<String, long[]> a = bits(actual);
        Map<String, long[]> e = bits(expected);
        assertThat(a.keySet()).containsExactlyElementsOf(e.keySet());
        e.forEach((k, v) -> assertThat(a.get(k)).as(k).containsExactly(v));
    }

    @Test
    void everyModuleRoundTripsBitForBitIncludingBuffers() throws IOException {
        List<Module> saved = everyModule(1);
        List<Module> fresh = everyModule(2);
        Rng rng = new Rng(3);
        for (int i = 0; i < saved.size(); i++) {
            Module a = saved.get(i);
            perturbBuffers(a, rng);
            a.parameters().forEach(p -> p.set(Tensor.randn(rng, p.shape().dims())));
            Path file = dir.resolve("m" + i + ".npz");
            ModelState.save(file, a);
            assertThat(Npz.read(file).keySet()).as(a.getClass().getSimpleName()).containsExactlyElementsOf(a.stateDict().keySet());
            Module b = fresh.get(i);
            assertThat(bits(b).values().iterator().next()).isNotEqualTo(bits(a).values().iterator().next());
            ModelState.load(file, b);
            assertSameBits(b, a);
        }
    }

    @Test
    void batchNormEvaluationIsIdenticalAfterARoundTrip() throws IOException {
        // the data-loss bug: running statistics were not saved, so a loaded model evaluated with mean 0, variance 1
        Rng rng = new Rng(4);
        Sequential trained = new Sequential(new Linear(3, 3, rng), new BatchNorm1d(3));
        for (int step = 0; step < 4; step++) {
            trained.forward(Variable.constant(Tensor.randn(rng, 8, 3).add(1.5)));
        }
        trained.eval();
        Path file = dir.resolve("bn.npz");
        ModelState.save(file, trained);
        Sequential loaded = new Sequential(new Linear(3, 3, new Rng(5)), new BatchNorm1d(3));
        ModelState.load(file, loaded);
        loaded.eval();
        BatchNorm1d bn = (BatchNorm1d) loaded.get(1);
        assertThat(bn.runningMean()).isEqualTo(((BatchNorm1d) trained.get(1)).runningMean());
        assertThat(bn.runningMean().abs().max().item()).isGreaterThan(0.1);
        assertThat(bn.batchesTracked()).isEqualTo(4);
        Tensor x = Tensor.randn(rng, 5, 3);
        assertThat(loaded.forward(x)).isEqualTo(trained.forward(x));
    }

    @Test
    void countsAreWrittenAsInt64AndFloat32IsAnOption() throws IOException {
        Sequential m = new Sequential(new Linear(2, 2, new Rng(6)), new BatchNorm1d(2));
        m.forward(Variable.constant(Tensor.randn(new Rng(7), 4, 2)));
        Path f64 = dir.resolve("f64.npz");
        Path f32 = dir.resolve("f32.npz");
        ModelState.save(f64, m);
        ModelState.save(f32, m, ModelState.Precision.FLOAT32);
        assertThat(descr(f64, "0.weight")).isEqualTo("<f8");
        assertThat(descr(f64, "1.num_batches_tracked")).isEqualTo("<i8");
        assertThat(descr(f32, "1.running_var")).isEqualTo("<f4");
        assertThat(descr(f32, "1.num_batches_tracked")).isEqualTo("<i8");
        assertThat(Files.size(f32)).isLessThan(Files.size(f64));
        Sequential back = new Sequential(new Linear(2, 2, new Rng(8)), new BatchNorm1d(2));
        ModelState.load(f32, back);
        Map<String, Tensor> expected = m.stateDict();
        back.stateDict().forEach((k, v) -> {
            double[] e = expected.get(k).toArray();
            double[] a = v.toArray();
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as(k).isEqualTo((double) (float) e[i]);
            }
        });
    }

    /** The dtype code in the .npy header of one member. */
    private static String descr(Path file, String key) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] head = zip.getInputStream(zip.getEntry(key + ".npy")).readNBytes(64);
            String h = new String(head, StandardCharsets.ISO_8859_1);
            int at = h.indexOf("'descr': '") + 10;
            return h.substring(at, at + 3);
        }
    }

    @Test
    void strictLoadingListsEveryProblemAndChangesNothing() throws IOException {
        Rng rng = new Rng(9);
        Path file = dir.resolve("s.npz");
        ModelState.save(file, new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new Linear(4, 2, rng)));
        Sequential other = new Sequential(new Linear(3, 4, false, rng), new BatchNorm1d(5), new Linear(4, 2, rng),
                new Linear(2, 2, rng));
        perturbBuffers(other, rng);
        Map<String, long[]> before = bits(other);
        assertThatThrownBy(() -> ModelState.load(file, other))
                .isInstanceOf(StateMismatchException.class)
                .hasMessage("ModelState.load: " + file + " does not match the module Sequential (nothing was loaded):"
                        + " missing from the file [3.weight, 3.bias]; unexpected in the file [0.bias];"
                        + " shape mismatches [1.weight: file [4] vs module [5], 1.bias: file [4] vs module [5],"
                        + " 1.running_mean: file [4] vs module [5], 1.running_var: file [4] vs module [5]]")
                .satisfies(e -> {
                    StateMismatchException s = (StateMismatchException) e;
                    assertThat(s.missing()).containsExactly("3.weight", "3.bias");
                    assertThat(s.unexpected()).containsExactly("0.bias");
                    assertThat(s.shapeMismatches()).hasSize(4);
                });
        Map<String, long[]> after = bits(other);
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
    }

    @Test
    void nonStrictLoadingReportsWhatItSkipped() throws IOException {
        Rng rng = new Rng(10);
        Sequential source = new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new Linear(4, 2, rng));
        Path file = dir.resolve("n.npz");
        ModelState.save(file, source);
        Sequential target = new Sequential(new Linear(3, 4, false, rng), new BatchNorm1d(4), new Linear(4, 3, rng),
                new Linear(3, 1, rng));
        Tensor keep = target.namedParameters().get("2.weight").value();
        LoadReport r = ModelState.load(file, target, false);
        assertThat(r.loaded()).containsExactly("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked");
        assertThat(r.missing()).containsExactly("3.weight", "3.bias");
        assertThat(r.unexpected()).containsExactly("0.bias");
        assertThat(r.mismatched()).containsExactly("2.weight: file [2, 4] vs module [3, 4]", "2.bias: file [2] vs module [3]");
        assertThat(r.isExactMatch()).isFalse();
        assertThat(target.namedParameters().get("0.weight").value()).isEqualTo(source.namedParameters().get("0.weight").value());
        assertThat(target.namedParameters().get("2.weight").value()).isSameAs(keep);
        assertThat(ModelState.load(file, source, false).isExactMatch()).isTrue();
    }

    @Test
    void aFractionalBatchCountIsAMismatch() throws IOException {
        Path file = dir.resolve("f.npz");
        BatchNorm1d bn = new BatchNorm1d(2);
        LinkedHashMap<String, Tensor> state = bn.stateDict();
        state.put("num_batches_tracked", Tensor.scalar(2.5));
        Npz.write(file, state);
        assertThatThrownBy(() -> ModelState.load(file, bn))
                .isInstanceOf(StateMismatchException.class)
                .hasMessageEndingWith("shape mismatches [num_batches_tracked: file holds value 2.5 at flat index 0"
                        + " (expected whole numbers: an int64 buffer)]");
        assertThat(bn.batchesTracked()).isZero();
    }

    private Path smallFile() throws IOException {
        Sequential m = new Sequential(new Linear(2, 1, new Rng(11)), new BatchNorm1d(1));
        Path file = dir.resolve("small.npz");
        ModelState.save(file, m);
        return file;
    }

    private static Sequential smallModel() {
        return new Sequential(new Linear(2, 1, new Rng(12)), new BatchNorm1d(1));
    }

    private static void assertRefused(Path file, String what) {
        Sequential target = smallModel();
        Map<String, long[]> before = bits(target);
        assertThatThrownBy(() -> ModelState.load(file, target)).as(what)
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining(file.toString());
        Map<String, long[]> after = bits(target);
        before.forEach((k, v) -> assertThat(after.get(k)).as(what + " " + k).containsExactly(v));
    }

    @Test
    void aTruncatedFileIsRefusedAtTenOffsets() throws IOException {
        Path file = smallFile();
        byte[] b = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.npz");
        for (int length : new int[] {0, 1, 30, 100, b.length / 3, b.length / 2, b.length - 100, b.length - 77,
            b.length - 64, b.length - 1}) {
            Files.write(cut, Arrays.copyOf(b, length));
            assertRefused(cut, "truncated to " + length + " of " + b.length + " bytes");
        }
    }

    @Test
    void singleByteChangesAnywhereAreRefused() throws IOException {
        // every byte of the first local header and of the end (central directory end record and the
        // comment), and every 7th byte in between (a run over every byte passes too, in about 14 s)
        Path file = smallFile();
        byte[] b = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.npz");
        for (int i = 0; i < b.length; i += i < 64 || i >= b.length - 120 ? 1 : 7) {
            byte[] c = b.clone();
            c[i] ^= (byte) (i % 7 == 0 ? 0x80 : 0x01);
            Files.write(bad, c);
            assertRefused(bad, "byte " + i + " of " + b.length + " changed");
        }
    }

    @Test
    void aChangedNameIsCaughtWithAMessageNamingTheFile() throws IOException {
        Path file = smallFile();
        byte[] b = Files.readAllBytes(file);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        // "1.running_mean.npy" appears in a local header and in the central directory; rename one copy each
        for (int at : new int[] {s.indexOf("running_mean.npy"), s.lastIndexOf("running_mean.npy")}) {
            byte[] c = b.clone();
            c[at] = 'R';
            Path renamed = dir.resolve("renamed.npz");
            Files.write(renamed, c);
            assertThatThrownBy(() -> ModelState.load(renamed, smallModel()))
                    .isInstanceOf(NpyFormatException.class)
                    .hasMessageStartingWith(renamed + ": ModelState.load: digest mismatch");
        }
    }

    @Test
    void filesOfTheOlderFormatStillLoad() throws IOException {
        // what ModelState.save wrote before the digest moved to the archive comment: the arrays plus an
        // entry __nabla_sha256__ holding the SHA-256 of names, shapes and values as 32 numbers
        Sequential a = smallModel();
        perturbBuffers(a, new Rng(13));
        LinkedHashMap<String, Tensor> old = new LinkedHashMap<>(a.stateDict());
        old.put(Checkpoints.CHECKSUM_KEY, ModelStateTest.digestTensor(Checkpoints.sha256(old)));
        Path file = dir.resolve("old.npz");
        Npz.write(file, old);
        Sequential b = new Sequential(new Linear(2, 1, new Rng(14)), new BatchNorm1d(1));
        ModelState.load(file, b);
        assertSameBits(b, a);
        assertThat(ModelState.read(file).keySet()).doesNotContain(Checkpoints.CHECKSUM_KEY);
    }

    @Test
    void theCommittedOldFormatFixtureLoads() throws IOException {
        Path file = PyTorchExchangeTest.exchange("old_format_mlp.npz");
        assertThat(Npz.read(file).keySet()).contains(Checkpoints.CHECKSUM_KEY);
        Sequential m = new Sequential(new Linear(3, 4, new Rng(0)), new ReLU(), new Linear(4, 2, new Rng(0)));
        ModelState.load(file, m);
        assertThat(new ArrayList<>(m.stateDict().keySet())).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        // the fixture's values were written by the old code from new Rng(42)
        Rng rng = new Rng(42);
        Sequential expected = new Sequential(new Linear(3, 4, rng), new ReLU(), new Linear(4, 2, rng));
        assertSameBits(m, expected);
    }
}
