package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.activation.Tanh;
import org.nabla.data.Csv;
import org.nabla.data.Idx;
import org.nabla.io.ModelState;
import org.nabla.io.Npy;
import org.nabla.io.Npz;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The reliability fuzz suite: seeded mutations — bit flips, truncations and header token fuzz — of
 * every file format Nabla reads (.npy, .npz stored and compressed, IDX plain and gzipped, CSV plain
 * and gzipped, checkpoints as {@link ModelState#save} writes them). Each outcome must be an exact
 * load — what an independent decoder in this test reads from the mutated bytes, or for checksummed
 * formats the original arrays bit for bit — or an {@link IOException} whose message names the file;
 * never another exception, never a hang (every case runs under a timeout).
 * {@code -Dnabla.fuzz.trials=…} and {@code -Dnabla.fuzz.seed=…} run a longer or another hunt.
 */
class FileFuzzTest {
    private static final int TRIALS = Integer.getInteger("nabla.fuzz.trials", 250);
    private static final long SEED = Long.getLong("nabla.fuzz.seed", 2026);
    private static final Duration CASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** A reader of one format: returns what it loaded (for comparison) or throws. */
    interface Reader {
        Object read(Path p) throws IOException;
    }

    /**
     * What a mutated file must give: null when it must fail, else the exact result — which for a
     * checksummed format ({@link #anyDamage}) is the original, and a refusal is then allowed too.
     */
    interface Oracle {
        Object expected(byte[] mutated);
    }

    /** The oracle of a checksummed format: the original or a refusal. */
    private static Oracle anyDamage(Object original) {
        return new Oracle() {
            @Override
            public Object expected(byte[] mutated) {
                return original;
            }

            @Override
            public String toString() {
                return "checksummed";
            }
        };
    }

    private int loads;
    private int errors;

    private void check(String label, byte[] bytes, Reader reader, Oracle oracle) throws IOException {
        Path p = dir.resolve(label);
        Files.write(p, bytes);
        Object want = oracle.expected(bytes);
        Object got;
        try {
            got = assertTimeoutPreemptively(CASE, () -> {
                try {
                    return reader.read(p);
                } catch (IOException e) {
                    return e;
                }
            }, label);
        } catch (Throwable t) {
            fail(label + ": expected a load or an IOException naming the file, got " + t, t);
            return;
        }
        if (got instanceof IOException e) {
            assertThat(e.getMessage()).as(label + ": the message names the file").contains(p.toString());
            if (!"checksummed".equals(oracle.toString())) {
                assertThat(want).as(label + ": refused (" + e.getMessage() + ") what the oracle reads").isNull();
            }
            errors++;
        } else {
            assertThat(want).as(label + ": loaded what the oracle refuses: " + got).isNotNull();
            assertThat(got).as(label).isEqualTo(want);
            loads++;
        }
        Files.delete(p);
    }

    /** Bit flips, truncations and token substitutions of {@code base}, each checked. */
    private void fuzz(String name, byte[] base, Reader reader, Oracle oracle, List<String> tokens) throws IOException {
        Random rng = new Random(SEED ^ name.hashCode());
        check(name + "-original", base, reader, oracle);
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] m = base.clone();
            int flips = 1 + rng.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = rng.nextBoolean() ? rng.nextInt(Math.min(m.length, 160)) : rng.nextInt(m.length);
                m[at] ^= (byte) (1 << rng.nextInt(8));
            }
            check(name + "-flip" + trial, m, reader, oracle);
        }
        for (int trial = 0; trial < TRIALS / 5; trial++) {
            int cut = trial < 16 ? trial : rng.nextInt(base.length);
            check(name + "-cut" + cut, java.util.Arrays.copyOf(base, cut), reader, oracle);
        }
        if (tokens.isEmpty()) {
            return;
        }
        String text = new String(base, StandardCharsets.ISO_8859_1);
        Matcher tok = Pattern.compile("-?\\d+|'[^']*'|True|False|[(),:{}]").matcher(text.substring(0,
                Math.min(text.length(), 200)));
        List<int[]> spans = new ArrayList<>();
        while (tok.find()) {
            spans.add(new int[] {tok.start(), tok.end()});
        }
        for (int trial = 0; trial < TRIALS / 2 && !spans.isEmpty(); trial++) {
            int[] s = spans.get(rng.nextInt(spans.size()));
            String t = tokens.get(rng.nextInt(tokens.size()));
            String mutated = text.substring(0, s[0]) + t + text.substring(s[1]);
            check(name + "-token" + trial, mutated.getBytes(StandardCharsets.ISO_8859_1), reader, oracle);
        }
    }

    private static final List<String> HEADER_TOKENS = List.of("0", "1", "-1", "6", "65537", "2147483647",
            "2147483648", "4294967297", "99999999999999999999", "'<f8'", "'f8'", "'>i2'", "'<u8'", "'|b1'", "'<c16'",
            "'|O'", "'<U3'", "True", "False", "None", "(6)", "(6,)", "()", "(0, 65537, 65537)", "[('a', '<f8')]",
            "lambda: 0", "'shape'", "'descr'", ",", "", "{", "}", "'", "\u0000", "1e3", "3.5");

    // ------------------------------------------------------------------ .npy

    /** An .npy file (version 1.0) with this header dict and data. */
    private static byte[] npy(String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) h.length).put(h).put(data).array();
    }

    private static final Pattern NPY_HEADER = Pattern.compile("\\{'descr': '([<>|=]?)([fiub])([1248])', "
            + "'fortran_order': (True|False), 'shape': \\(((?:\\d{1,9}, )*\\d{1,9},?|)\\), \\} *\n");

    /**
     * An independent .npy decoder for the headers this suite writes (one fixed layout): the tensor, or
     * null where the reader must refuse.
     */
    static Tensor decodeNpy(byte[] b) {
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || !new String(b, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")
                || b[6] != 1 || b[7] != 0) {
            return null;
        }
        int hl = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        if (10 + hl > b.length) {
            return null;
        }
        Matcher m = NPY_HEADER.matcher(new String(b, 10, hl, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            return null;
        }
        char order = m.group(1).isEmpty() ? '=' : m.group(1).charAt(0);
        char kind = m.group(2).charAt(0);
        int size = Integer.parseInt(m.group(3));
        boolean valid = (kind == 'f' && size >= 4) || kind == 'i' || kind == 'u' || (kind == 'b' && size == 1);
        if (!valid) {
            return null;
        }
        String shape = m.group(5).trim();
        if (!shape.isEmpty() && !shape.contains(",")) {
            return null; // (6) is not a tuple
        }
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        long span = 1;
        for (String d : shape.split(",")) {
            if (!d.isBlank()) {
                long v = Long.parseLong(d.trim());
                count *= v;
                span *= Math.max(v, 1);
                if (span > Integer.MAX_VALUE - 8) {
                    return null;
                }
                dims.add((int) v);
            }
        }
        if (count * size != b.length - 10 - hl) {
            return null;
        }
        ByteBuffer data = ByteBuffer.wrap(b, 10 + hl, b.length - 10 - hl).slice()
                .order(order == '>' ? ByteOrder.BIG_ENDIAN : order == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder());
        double[] v = new double[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (kind) {
                case 'f' -> size == 8 ? data.getDouble(8 * i) : data.getFloat(4 * i);
                case 'b' -> data.get(i) != 0 ? 1 : 0;
                case 'i' -> size == 1 ? data.get(i) : size == 2 ? data.getShort(2 * i) : size == 4 ? data.getInt(4 * i)
                        : (double) data.getLong(8 * i);
                default -> size == 1 ? data.get(i) & 0xFF : size == 2 ? data.getShort(2 * i) & 0xFFFF
                        : size == 4 ? data.getInt(4 * i) & 0xFFFFFFFFL
                        : new java.math.BigInteger(Long.toUnsignedString(data.getLong(8 * i))).doubleValue();
            };
        }
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        boolean fortran = m.group(4).equals("True");
        if (!fortran || d.length < 2) {
            return Tensor.of(Shape.of(d), v);
        }
        int[] rev = new int[d.length];
        int[] perm = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            rev[k] = d[d.length - 1 - k];
            perm[k] = d.length - 1 - k;
        }
        return Tensor.of(Shape.of(rev), v).permute(perm).contiguous();
    }

    /** Bitwise comparison (NaN payloads included): a tensor's shape and raw bits. */
    record Bits(List<Integer> shape, List<Long> bits) {
        static Bits of(Tensor t) {
            List<Long> b = new ArrayList<>();
            for (double v : t.toArray()) {
                b.add(Double.doubleToRawLongBits(v));
            }
            List<Integer> s = new ArrayList<>();
            for (int d : t.shape().dims()) {
                s.add(d);
            }
            return new Bits(s, b);
        }
    }

    @Test
    void npy() throws IOException {
        Rng rng = new Rng(SEED);
        Tensor t = Tensor.randn(rng, 2, 3);
        byte[] u8 = new byte[8 * 4];
        new Random(SEED).nextBytes(u8);
        byte[] i2 = new byte[2 * 6];
        new Random(SEED + 1).nextBytes(i2);
        Map<String, byte[]> bases = new LinkedHashMap<>();
        bases.put("f8.npy", Npy.toBytes(t));
        bases.put("u8.npy", npy("{'descr': '<u8', 'fortran_order': False, 'shape': (4,), }", u8));
        bases.put("i2_fortran.npy", npy("{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }", i2));
        bases.put("b1.npy", npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, 1, 0}));
        for (var e : bases.entrySet()) {
            fuzz(e.getKey(), e.getValue(), p -> Bits.of(Npy.read(p)), b -> {
                Tensor x = decodeNpy(b);
                return x == null ? null : Bits.of(x);
            }, HEADER_TOKENS);
        }
        report("npy");
    }

    // ------------------------------------------------------------------ .npz and checkpoints

    private static Map<String, Bits> bits(Map<String, Tensor> m) {
        Map<String, Bits> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Bits.of(v)));
        return out;
    }

    @Test
    void npz() throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        Rng rng = new Rng(SEED);
        arrays.put("layer.0.weight", Tensor.randn(rng, 3, 2));
        arrays.put("layer.0.bias", Tensor.randn(rng, 3));
        arrays.put("scalar", Tensor.scalar(7));
        Path stored = dir.resolve("base.npz");
        Npz.write(stored, arrays);
        Path compressed = dir.resolve("base-compressed.npz");
        Npz.writeCompressed(compressed, arrays);
        Map<String, Bits> original = bits(arrays);
        // the CRC-32 covers the data and the local/central comparison the names: a load is the original
        for (Path base : List.of(stored, compressed)) {
            fuzz(base.getFileName().toString(), Files.readAllBytes(base), p -> bits(Npz.read(p)), anyDamage(original), List.of());
        }
        report("npz");
    }

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng));
    }

    private static Map<String, Bits> parameters(Module m) {
        Map<String, Bits> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> out.put(k, Bits.of(v.value())));
        return out;
    }

    @Test
    void checkpoints() throws IOException {
        Sequential saved = model(1);
        Path base = dir.resolve("base-checkpoint.npz");
        ModelState.save(base, saved);
        Map<String, Bits> original = parameters(saved);
        fuzz("checkpoint.npz", Files.readAllBytes(base), p -> {
            Sequential fresh = model(2);
            Map<String, Bits> before = parameters(fresh);
            try {
                ModelState.load(p, fresh);
            } catch (IOException e) {
                assertThat(parameters(fresh)).as("a failed load changes nothing").isEqualTo(before);
                throw e;
            }
            return parameters(fresh);
        }, anyDamage(original), List.of());
        report("checkpoint");
    }

    // ------------------------------------------------------------------ IDX

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** An independent IDX decoder: the tensor, or null where the reader must refuse. */
    static Tensor decodeIdx(byte[] b) {
        if (b.length < 4 || b[0] != 0 || b[1] != 0) {
            return null;
        }
        int type = b[2] & 0xFF;
        int rank = b[3] & 0xFF;
        int item = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
        if (item == 0 || rank == 0 || b.length < 4 + 4L * rank) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        long span = 1;
        for (int k = 0; k < rank; k++) {
            dims[k] = bb.getInt(4 + 4 * k);
            if (dims[k] < 0) {
                return null;
            }
            count *= dims[k];
            span *= Math.max(1, dims[k]);
            if (span > Idx.MAX_VALUES) {
                return null;
            }
        }
        int start = 4 + 4 * rank;
        if (count * item != b.length - start) {
            return null;
        }
        double[] v = new double[(int) count];
        for (int i = 0; i < v.length; i++) {
            int at = start + item * i;
            v[i] = switch (type) {
                case 0x08 -> b[at] & 0xFF;
                case 0x09 -> b[at];
                case 0x0B -> bb.getShort(at);
                case 0x0C -> bb.getInt(at);
                case 0x0D -> bb.getFloat(at);
                default -> bb.getDouble(at);
            };
        }
        return Tensor.of(Shape.of(dims), v);
    }

    @Test
    void idx() throws IOException {
        byte[] images = new byte[4 + 12 + 2 * 3 * 3];
        ByteBuffer bb = ByteBuffer.wrap(images).order(ByteOrder.BIG_ENDIAN).putInt(Idx.IMAGES_MAGIC).putInt(2).putInt(3)
                .putInt(3);
        new Random(SEED).ints(18, 0, 256).forEach(v -> bb.put((byte) v));
        byte[] doubles = ByteBuffer.allocate(4 + 8 + 8 * 6).order(ByteOrder.BIG_ENDIAN).putInt(0x00000E02).putInt(2)
                .putInt(3).putDouble(1.5).putDouble(-2).putDouble(1e300).putDouble(0).putDouble(Math.PI).putDouble(-0.0)
                .array();
        for (byte[] base : List.of(images, doubles)) {
            String name = base == images ? "images.idx" : "doubles.idx";
            fuzz(name, base, p -> Bits.of(Idx.read(p)), b -> {
                Tensor t = decodeIdx(b);
                return t == null ? null : Bits.of(t);
            }, List.of());
            // gzipped: the CRC-32 of the gzip trailer covers the data, so a load is the original
            Bits original = Bits.of(decodeIdx(base));
            fuzz(name + ".gz", gzip(base), p -> Bits.of(Idx.read(p)), anyDamage(original), List.of());
        }
        report("idx");
    }

    // ------------------------------------------------------------------ CSV

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    /** An independent reader of the CSV subset Csv documents (header line, ',' delimiter). */
    static Tensor decodeCsv(byte[] b) {
        String text = new String(b, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        int columns = -1;
        boolean header = true;
        List<Double> values = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (header) {
                header = false;
                columns = fields.length;
                continue;
            }
            if (fields.length != columns) {
                return null;
            }
            for (String f : fields) {
                String s = f.strip();
                if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                    s = s.substring(1, s.length() - 1).strip();
                }
                if (!NUMBER.matcher(s).matches()) {
                    return null;
                }
                values.add(Double.parseDouble(s));
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        return Tensor.of(Shape.of(values.size() / columns, columns), values.stream().mapToDouble(Double::doubleValue)
                .toArray());
    }

    @Test
    void csv() throws IOException {
        byte[] base = "a,b,label\n1.5,-2e3,0\n\"3\", 4 ,1\n0.25,NaN,2\n".getBytes(StandardCharsets.UTF_8);
        List<String> tokens = List.of("\u0000", "", ",", "\"", "\n", "\r", "NaN", "-Infinity", "1e999", "0x10", "1f",
                "1d", "\u00A0", "\t", "1.", ".5", "+7", "--1", "1e", "é", "\uFEFF", "9".repeat(400));
        Csv format = Csv.format().header(true);
        fuzz("table.csv", base, p -> Bits.of(format.readTable(p)), b -> {
            Tensor t = decodeCsv(b);
            return t == null ? null : Bits.of(t);
        }, tokens);
        Bits original = Bits.of(decodeCsv(base));
        fuzz("table.csv.gz", gzip(base), p -> Bits.of(format.readTable(p)), anyDamage(original), List.of());
        report("csv");
    }

    private void report(String format) {
        System.out.println("fuzz " + format + ": " + loads + " exact loads, " + errors + " clear errors");
        assertThat(loads).isPositive();
        assertThat(errors).isPositive();
    }
}
