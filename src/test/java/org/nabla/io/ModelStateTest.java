package org.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.optim.Adam;
import org.nabla.optim.Optimizer;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class ModelStateTest {
    @TempDir
    Path dir;

    private static Sequential mlp(int in, int hidden, int out, long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(in, hidden, rng), new Tanh(), new Linear(hidden, out, rng));
    }

    private static long[] bits(Tensor t) {
        double[] v = t.toArray();
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static Map<String, long[]> bits(Module m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, bits(p.value())));
        return out;
    }

    /** An output stream that fails with an IOException once {@code limit} bytes have passed: a crash mid-write. */
    private static OutputStream failingAfter(OutputStream out, long limit) {
        return new FilterOutputStream(out) {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) {
                    throw new IOException("simulated crash after " + written + " bytes");
                }
                written += len;
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        };
    }

    private void assertOnlyFiles(String... names) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }

    @Test
    void roundTripIsBitwiseEqualIncludingSpecialValues() throws IOException {
        Sequential a = mlp(3, 5, 2, 1);
        Parameter b0 = a.namedParameters().get("0.bias");
        b0.set(Tensor.of(-0.0, Double.MIN_VALUE, Double.longBitsToDouble(0x7ff8_0000_0000_0123L),
                Double.POSITIVE_INFINITY, Math.nextUp(1.0)));
        Path file = dir.resolve("model.npz");
        ModelState.save(file, a);
        Sequential b = mlp(3, 5, 2, 99);
        assertThat(bits(b).get("0.weight")).isNotEqualTo(bits(a).get("0.weight"));
        ModelState.load(file, b);
        Map<String, long[]> expected = bits(a);
        Map<String, long[]> actual = bits(b);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(actual.get(k)).as(k).containsExactly(expected.get(k));
        }
        assertOnlyFiles("model.npz");
    }

    @Test
    void fileIsAPlainNpzOfExactlyTheStateDictWithTheDigestInTheComment() throws Exception {
        Sequential a = mlp(3, 4, 2, 1);
        Path file = dir.resolve("model.npz");
        ModelState.save(file, a);
        LinkedHashMap<String, Tensor> raw = Npz.read(file);
        assertThat(raw.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(raw.get("0.weight")).isEqualTo(a.namedParameters().get("0.weight").value());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertThat(zip.getComment()).matches("nabla-sha256:[0-9a-f]{64}");
        }
        byte[] b = Files.readAllBytes(file);
        String digest = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(java.util.Arrays.copyOf(b, b.length - 64)));
        assertThat(new String(b, b.length - 64, 64, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(digest);
        assertThat(ModelState.read(file).keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void checksumFollowsItsDocumentedDefinition() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new double[][] {{1.5, -2}}));
        ByteBuffer buf = ByteBuffer.allocate(2 + 12 + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 'w').put((byte) 0).putInt(2).putInt(1).putInt(2).putDouble(1.5).putDouble(-2);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(buf.array());
        assertThat(Checkpoints.sha256(m)).containsExactly(expected);
    }

    @Test
    void mismatchedShapesAreListedAndNothingIsLoaded() throws IOException {
        Path file = dir.resolve("m.npz");
        ModelState.save(file, mlp(3, 5, 2, 1));
        Sequential other = mlp(3, 4, 2, 2);
        Map<String, long[]> before = bits(other);
        assertThatThrownBy(() -> ModelState.load(file, other))
                .isInstanceOf(StateMismatchException.class)
                .hasMessage("ModelState.load: " + file + " does not match the module Sequential (nothing was loaded):"
                        + " shape mismatches [0.weight: file [5, 3] vs module [4, 3], 0.bias: file [5] vs module [4],"
                        + " 2.weight: file [2, 5] vs module [2, 4]]")
                .satisfies(e -> {
                    StateMismatchException s = (StateMismatchException) e;
                    assertThat(s.missing()).isEmpty();
                    assertThat(s.unexpected()).isEmpty();
                    assertThat(s.shapeMismatches()).hasSize(3);
                });
        Map<String, long[]> after = bits(other);
        for (String k : before.keySet()) {
            assertThat(after.get(k)).as(k).containsExactly(before.get(k));
        }
    }

    @Test
    void missingAndUnexpectedParametersAreNamed() throws IOException {
        Path file = dir.resolve("m.npz");
        Rng rng = new Rng(3);
        ModelState.save(file, new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng)));
        Sequential noBias = new Sequential(new Linear(3, 4, false, rng), new Tanh(), new Linear(4, 2, rng));
        assertThatThrownBy(() -> ModelState.load(file, noBias))
                .isInstanceOf(StateMismatchException.class)
                .hasMessageEndingWith("(nothing was loaded): unexpected in the file [0.bias]");
        Sequential deeper = new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng), new Tanh(),
                new Linear(2, 2, rng));
        assertThatThrownBy(() -> ModelState.load(file, deeper))
                .isInstanceOf(StateMismatchException.class)
                .hasMessageEndingWith("(nothing was loaded): missing from the file [4.weight, 4.bias]");
        Sequential both = new Sequential(new Linear(3, 4, false, rng), new Tanh(), new Linear(4, 3, rng), new Tanh(),
                new Linear(3, 2, rng));
        assertThatThrownBy(() -> ModelState.load(file, both))
                .hasMessageEndingWith("(nothing was loaded): missing from the file [4.weight, 4.bias];"
                        + " unexpected in the file [0.bias]; shape mismatches [2.weight: file [2, 4] vs module [3, 4],"
                        + " 2.bias: file [2] vs module [3]]");
    }

    @Test
    void anEditedFileFailsTheDigestEvenWithValidCrcs() throws Exception {
        Path file = dir.resolve("m.npz");
        ModelState.save(file, mlp(3, 4, 2, 1));
        byte[] b = Files.readAllBytes(file);
        // change the last data byte of the first entry and write its correct CRC-32 into both headers
        int at;
        byte[] crcBytes;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            var e = zip.getEntry("0.weight.npy");
            int local = 0; // the first entry starts the file
            int extra = (b[local + 28] & 0xff) | (b[local + 29] & 0xff) << 8;
            int dataStart = local + 30 + "0.weight.npy".length() + extra;
            at = dataStart + (int) e.getSize() - 1;
            b[at] ^= 1;
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b, dataStart, (int) e.getSize());
            crcBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array();
            long old = e.getCrc();
            byte[] oldBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) old).array();
            for (int i = 0; i + 4 <= b.length; i++) {
                if (b[i] == oldBytes[0] && b[i + 1] == oldBytes[1] && b[i + 2] == oldBytes[2] && b[i + 3] == oldBytes[3]) {
                    System.arraycopy(crcBytes, 0, b, i, 4);
                }
            }
        }
        Files.write(file, b);
        assertThat(Npz.read(file)).containsKey("0.weight"); // the zip itself is consistent
        Sequential target = mlp(3, 4, 2, 5);
        assertThatThrownBy(() -> ModelState.load(file, target))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file + ": ModelState.load: digest mismatch: the first " + (b.length - 64)
                        + " bytes hash to SHA-256 ")
                .hasMessageEndingWith("(the file is corrupt or was edited after saving)");
    }

    @Test
    void anEditedOldFormatFileFailsItsChecksum() throws IOException {
        Path file = dir.resolve("m.npz");
        LinkedHashMap<String, Tensor> raw = new LinkedHashMap<>(mlp(3, 4, 2, 1).stateDict());
        raw.put(Checkpoints.CHECKSUM_KEY, digestTensor(Checkpoints.sha256(raw)));
        Tensor b = raw.get("2.bias");
        raw.put("2.bias", Tensor.of(Math.nextUp(b.get(0)), b.get(1)));
        Npz.write(file, raw);
        assertThatThrownBy(() -> ModelState.load(file, mlp(3, 4, 2, 5)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file + ": ModelState.load: checksum mismatch: the arrays hash to SHA-256 ")
                .hasMessageEndingWith("(the file is corrupt or was edited after saving)");
    }

    /** The checksum entry of the older format: the 32 digest bytes as numbers 0…255. */
    static Tensor digestTensor(byte[] digest) {
        double[] v = new double[digest.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = digest[i] & 0xff;
        }
        return Tensor.of(v);
    }

    @Test
    void aPlainNpzLoadsIntoAModelButNotIntoAnOptimizer() throws IOException {
        Path file = dir.resolve("plain.npz");
        Sequential a = mlp(3, 4, 2, 1);
        Npz.write(file, a.stateDict());
        Sequential b = mlp(3, 4, 2, 2);
        ModelState.load(file, b);
        assertThat(bits(b).get("2.bias")).containsExactly(bits(a).get("2.bias"));
        assertThatThrownBy(() -> OptimizerState.load(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("OptimizerState.load: no 'nabla-sha256:' archive comment and no '__nabla_sha256__' "
                        + "entry, expected a file written by ModelState.save or OptimizerState.save");
        Npz.write(file, Map.of("__nabla_sha256__", Tensor.of(1, 2, 3)));
        assertThatThrownBy(() -> ModelState.read(file))
                .hasMessageContaining("has shape [3], expected [32]");
    }

    @Test
    void theChecksumNameIsReserved() {
        Module m = new Module() {
            {
                registerParameter("__nabla_sha256__", Tensor.zeros(2));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        };
        assertThatThrownBy(() -> ModelState.save(dir.resolve("x.npz"), m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ModelState.save: the name '__nabla_sha256__' is reserved");
    }

    @Test
    void aCrashInTheMiddleOfASaveLeavesTheOldCheckpointIntact() throws IOException {
        Path file = dir.resolve("ckpt.npz");
        Sequential old = mlp(8, 32, 4, 1);
        ModelState.save(file, old);
        byte[] oldBytes = Files.readAllBytes(file);
        Sequential newer = mlp(8, 32, 4, 2);
        for (long limit : new long[] {0, 100, 1000, oldBytes.length - 10}) {
            assertThatThrownBy(() -> ModelState.save(file, newer, out -> failingAfter(out, limit)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file + ": simulated crash");
            assertThat(Files.readAllBytes(file)).isEqualTo(oldBytes);
            assertOnlyFiles("ckpt.npz");
        }
        Sequential restored = mlp(8, 32, 4, 3);
        ModelState.load(file, restored);
        Map<String, long[]> expected = bits(old);
        Map<String, long[]> actual = bits(restored);
        for (String k : expected.keySet()) {
            assertThat(actual.get(k)).as(k).containsExactly(expected.get(k));
        }
        // without a crash the same save replaces the file
        ModelState.save(file, newer, out -> failingAfter(out, Long.MAX_VALUE));
        assertThat(Files.readAllBytes(file)).isNotEqualTo(oldBytes);
    }

    private static void steps(Optimizer<?> opt, Sequential model, int n, long seed) {
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            Variable x = Variable.constant(Tensor.randn(rng, 6, 3));
            opt.step(model.forward(x).square().mean().backward());
        }
    }

    @Test
    void optimizerStateRoundTripContinuesTrainingIdentically() throws IOException {
        List<Optimizer> kinds = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) {
            Sequential a = mlp(3, 4, 2, 1);
            Sequential b = mlp(3, 4, 2, 1);
            Optimizer<?> oa = kind == 0 ? Adam.builder(a.parameters()).learningRate(1e-2).build()
                    : SGD.builder(a.parameters()).learningRate(1e-2).momentum(0.9).build();
            Optimizer<?> ob = kind == 0 ? Adam.builder(b.parameters()).learningRate(1e-2).build()
                    : SGD.builder(b.parameters()).learningRate(1e-2).momentum(0.9).build();
            steps(oa, a, 3, 10);
            Path mf = dir.resolve("model" + kind + ".npz");
            Path of = dir.resolve("optim" + kind + ".npz");
            ModelState.save(mf, a);
            OptimizerState.save(of, oa.state());
            ModelState.load(mf, b);
            ob.loadState(OptimizerState.load(of));
            assertThat(ob.state()).isEqualTo(oa.state());
            steps(oa, a, 2, 11);
            steps(ob, b, 2, 11);
            Map<String, long[]> ea = bits(a);
            Map<String, long[]> eb = bits(b);
            for (String k : ea.keySet()) {
                assertThat(eb.get(k)).as(kind + " " + k).containsExactly(ea.get(k));
            }
            kinds.add(oa);
        }
        assertThat(kinds.get(0).state()).containsKey("0.step");
        assertThat(kinds.get(1).state()).containsKey("0.momentum_buffer");
    }

    @Test
    void optimizerStateCrashAndTamperingAreCaught() throws IOException {
        Sequential a = mlp(3, 4, 2, 1);
        Adam adam = Adam.builder(a.parameters()).build();
        steps(adam, a, 2, 4);
        Path file = dir.resolve("opt.npz");
        OptimizerState.save(file, adam.state());
        byte[] before = Files.readAllBytes(file);
        steps(adam, a, 1, 5);
        assertThatThrownBy(() -> OptimizerState.save(file, adam.state(), out -> failingAfter(out, 500)))
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        LinkedHashMap<String, Tensor> raw = Npz.read(file);
        raw.put("0.step", Tensor.scalar(7));
        Npz.write(file, raw);
        assertThatThrownBy(() -> OptimizerState.load(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("OptimizerState.load: no 'nabla-sha256:' archive comment");
    }
}
