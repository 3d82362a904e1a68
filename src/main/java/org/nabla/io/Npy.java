package org.nabla.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * NumPy's .npy format: one n-dimensional array per file (NumPy Enhancement Proposal 1, "A simple
 * file format for NumPy arrays", and {@code numpy.lib.format}).
 *
 * <p>A file is the magic string {@code \x93NUMPY}, a version (major, minor byte), the header length
 * (2 bytes little-endian in version 1.0; 4 bytes in 2.0 and 3.0), then the header — a Python dict
 * literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with
 * spaces and a newline so that the data starts at a multiple of 64 — then the raw values.
 *
 * <p><b>Writing</b> always produces version 1.0, dtype {@code '<f8'} (little-endian float64),
 * C order: exactly the bytes {@code np.save} writes for a float64 array, so NumPy reads Nabla's
 * files with {@code np.load} and vice versa. Files are written atomically ({@link AtomicFiles}).
 *
 * <p><b>Reading</b> accepts versions 1.0, 2.0 and 3.0, byte order {@code <}, {@code >} or
 * {@code |}, and the dtypes float64 {@code f8}, float32 {@code f4}, signed integers {@code i1 i2 i4
 * i8}, unsigned integers {@code u1 u2 u4 u8} and booleans {@code b1} (true → 1), all converted to
 * double (64-bit integers beyond 2⁵³ are rounded to the nearest double). Fortran-order arrays
 * ({@code 'fortran_order': True}, what {@code np.save} writes for a transposed array) are read and
 * returned in C order with the same shape and values. Anything else — complex, float16, strings,
 * datetimes, structured or object dtypes (pickles) — is refused with a message saying how to convert
 * it in NumPy. The header is checked before anything is allocated: its length is capped at
 * {@value #MAX_HEADER_LENGTH} bytes, and the data length it implies must match the file's length
 * exactly. Every failure is an {@link NpyFormatException} naming the file and the byte offset.
 */
public final class Npy {
    /** The largest header accepted (NumPy itself refuses headers over 10,000 bytes by default). */
    public static final int MAX_HEADER_LENGTH = 100_000;
    /** The largest number of values an array may hold (the largest Java array). */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    /**
     * The default budget of a reader whose input has no length to bound it (a stream, a compressed
     * archive entry): 1 GiB of doubles in memory, 2²⁷ = 134,217,728 values. Readers take a larger
     * budget as an argument.
     */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;
    private static final int ALIGN = 64;

    private Npy() {
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a .npy file. The file's length bounds what is allocated: the data must fill the file
     * exactly, so at most 8 bytes of doubles per byte of the file.
     *
     * @throws java.nio.file.FileSystemException naming the file when it is a directory, a FIFO or
     *     another non-regular file, or cannot be read (never blocking on a FIFO)
     */
    public static Tensor read(Path file) throws IOException {
        long length = ReadableFile.length(file, "an .npy file");
        try (InputStream in = new BufferedInputStream(ReadableFile.open(file), CHUNK)) {
            return read(in, file.toString(), length, 8 * length + 8);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw ReadableFile.failed(file, e);
        }
    }

    /**
     * Reads .npy data from a stream up to its end; {@code name} is used in error messages. At most
     * {@link #DEFAULT_MAX_BYTES} bytes of doubles are allocated (see {@link #read(InputStream, String, long)}).
     */
    public static Tensor read(InputStream in, String name) throws IOException {
        return read(in, name, -1, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads .npy data from a stream, refusing (before allocating) an array that would take more than
     * {@code maxBytes} bytes as doubles (8 bytes per value, whatever the dtype in the stream).
     */
    public static Tensor read(InputStream in, String name, long maxBytes) throws IOException {
        requireBudget("Npy.read", maxBytes);
        return read(in, name, -1, maxBytes);
    }

    static void requireBudget(String op, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException(op + ": expected a budget of at least 0 bytes, got " + maxBytes);
        }
    }

    /** Reads .npy data held in memory. */
    public static Tensor fromBytes(byte[] bytes, String name) throws IOException {
        return read(new ByteArrayInputStream(bytes), name, bytes.length, 8L * bytes.length + 8);
    }

    /**
     * The parsed header of an .npy file.
     *
     * @param dtype the dtype
     * @param fortranOrder whether the data are in column-major order
     * @param dims the shape
     * @param headerEnd the offset of the first data byte
     */
    record Header(Dtype dtype, boolean fortranOrder, int[] dims, long count, long headerEnd) {
        long dataBytes() {
            return count * dtype.size();
        }

        String describe() {
            return count + " values '" + dtype.descr() + "' of shape " + tuple(dims);
        }
    }

    /**
     * Reads an .npy stream.
     *
     * @param length the stream's exact length when known, else −1
     * @param maxBytes the most bytes of doubles (8 per value) the caller allows
     */
    static Tensor read(InputStream raw, String name, long length, long maxBytes) throws IOException {
        ByteInput in = new ByteInput(raw, name);
        Header h = readHeader(in, length);
        long dataBytes = h.dataBytes();
        if (length >= 0 && length - h.headerEnd() != dataBytes) {
            long actual = length - h.headerEnd();
            throw NpyFormatException.at(name, Math.min(length, h.headerEnd() + dataBytes), "the header declares "
                    + h.describe() + ", " + dataBytes + " bytes after the " + h.headerEnd()
                    + "-byte header, so the file should be " + (h.headerEnd() + dataBytes) + " bytes long, but it is "
                    + length + " bytes long (" + (actual < dataBytes ? "truncated, or the header is corrupt"
                            : (actual - dataBytes) + " bytes too many") + ")");
        }
        long need = 8 * h.count();
        if (need > maxBytes) {
            throw NpyFormatException.at(name, h.headerEnd(), "the header declares " + h.describe() + ", which need "
                    + need + " bytes as doubles, more than the budget of " + maxBytes + " bytes (a corrupt header or "
                    + "a zip bomb; pass a larger budget to read it)");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && 2 * need > heap) {
            throw NpyFormatException.at(name, h.headerEnd(), "the header declares " + h.describe() + ", which need "
                    + (need >> 20) + " MiB as doubles (twice that while loading), but the JVM's maximum heap is "
                    + (heap >> 20) + " MiB (expected a smaller array, or run Java with a larger -Xmx)");
        }
        double[] values = readValues(in, h, length >= 0);
        in.expectEnd("the " + h.describe());
        int[] dims = h.dims();
        if (!h.fortranOrder() || dims.length < 2) {
            return Tensor.of(Shape.of(dims), values);
        }
        // column-major data of shape (d0, …, dk) is row-major data of shape (dk, …, d0), transposed
        int r = dims.length;
        int[] reversed = new int[r];
        int[] perm = new int[r];
        for (int k = 0; k < r; k++) {
            reversed[k] = dims[r - 1 - k];
            perm[k] = r - 1 - k;
        }
        return Tensor.of(Shape.of(reversed), values).permute(perm).contiguous();
    }

    static Header readHeader(ByteInput in, long length) throws IOException {
        String name = in.file();
        byte[] pre = new byte[6];
        in.readFully(pre, 6, "the magic string \\x93NUMPY");
        if (!Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            String hint = pre[0] == 'P' && pre[1] == 'K' ? " (this is a zip archive: an .npz? read it with Npz.read)" : "";
            throw NpyFormatException.at(name, 0, "bad magic string " + hexBytes(pre, 6) + hint
                    + ", expected 93 4E 55 4D 50 59 (\\x93NUMPY, an .npy file)");
        }
        byte[] ver = new byte[2];
        in.readFully(ver, 2, "the format version (2 bytes)");
        int major = ver[0] & 0xFF;
        int minor = ver[1] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw NpyFormatException.at(name, 6, "format version " + major + "." + minor
                    + ", expected 1.0, 2.0 or 3.0");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = new byte[4];
        in.readFully(lb, lenBytes, "the header length (" + lenBytes + " bytes, little-endian)");
        long headerLength = major == 1 ? (lb[0] & 0xFF) | (lb[1] & 0xFF) << 8
                : (lb[0] & 0xFFL) | (lb[1] & 0xFFL) << 8 | (lb[2] & 0xFFL) << 16 | (lb[3] & 0xFFL) << 24;
        long headerStart = 8 + lenBytes;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw NpyFormatException.at(name, 8, "header length " + headerLength + " is absurd, expected at most "
                    + MAX_HEADER_LENGTH + " bytes (NumPy's headers are well under 10,000 bytes)");
        }
        if (length >= 0 && headerStart + headerLength > length) {
            throw NpyFormatException.at(name, 8, "header length " + headerLength + " runs past the end of the "
                    + length + "-byte file, expected at most " + (length - headerStart) + " (truncated file?)");
        }
        byte[] hb = new byte[(int) headerLength];
        in.readFully(hb, hb.length, "the header");
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new NpyHeaderParser(text, name, headerStart).parse();
        return interpret(dict, name, headerStart, headerStart + headerLength);
    }

    private static Header interpret(Map<String, Object> dict, String name, long at, long headerEnd)
            throws NpyFormatException {
        List<String> keys = List.of("descr", "fortran_order", "shape");
        if (!dict.keySet().equals(new java.util.HashSet<>(keys))) {
            throw NpyFormatException.at(name, at, "the header has the keys " + dict.keySet()
                    + ", expected exactly " + keys);
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw NpyFormatException.at(name, at, "'descr' is " + show(descr) + ", expected a dtype string such as '<f8'"
                    + (descr instanceof List ? " (structured arrays are not supported: save each field as its own array)"
                            : ""));
        }
        Dtype dtype = Dtype.parse((String) descr, name, at);
        Object fo = dict.get("fortran_order");
        if (!(fo instanceof Boolean)) {
            throw NpyFormatException.at(name, at, "'fortran_order' is " + show(fo) + ", expected True or False");
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof long[])) {
            throw NpyFormatException.at(name, at, "'shape' is " + show(shape) + ", expected a tuple of sizes such as (2, 3)");
        }
        long[] s = (long[]) shape;
        int[] dims = new int[s.length];
        long count = 1;
        long span = 1; // the product of the non-zero sizes: an empty (0, 10⁵, 10⁵) still needs int strides
        for (int k = 0; k < s.length; k++) {
            if (s[k] < 0 || s[k] > MAX_VALUES) {
                throw NpyFormatException.at(name, at, "size " + s[k] + " of axis " + k + " in the shape "
                        + Arrays.toString(s) + ", expected a size between 0 and " + MAX_VALUES);
            }
            dims[k] = (int) s[k];
            count *= s[k];
            span *= Math.max(1, s[k]);
            if (count > MAX_VALUES || span > MAX_VALUES) {
                throw NpyFormatException.at(name, at, "the shape " + Arrays.toString(s) + " has more than "
                        + MAX_VALUES + (count > MAX_VALUES ? " values" : " values once its empty axes count as size 1")
                        + ", expected at most that many (the largest array Java can hold)");
            }
        }
        return new Header(dtype, (Boolean) fo, dims, count, headerEnd);
    }

    private static String show(Object o) {
        if (o instanceof String) {
            return "'" + o + "'";
        }
        if (o instanceof long[]) {
            return Arrays.toString((long[]) o);
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? "True" : "False";
        }
        return String.valueOf(o);
    }

    static String hexBytes(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }

    private static double[] readValues(ByteInput in, Header h, boolean trusted) throws IOException {
        int count = (int) h.count();
        Dtype dt = h.dtype();
        int item = dt.size();
        double[] values = new double[trusted ? count : Math.min(count, CHUNK)];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(dt.order());
        int done = 0;
        while (done < count) {
            int n = Math.min(CHUNK / item, count - done);
            in.readFully(chunk, n * item, "data: " + h.describe() + ", of which " + done + " were read");
            if (done + n > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, Math.max((long) done + n, 2L * values.length)));
            }
            dt.decode(bb, n, values, done);
            done += n;
        }
        return values;
    }

    // ------------------------------------------------------------------ writing

    /** Writes a tensor to a .npy file (version 1.0, '&lt;f8', C order), atomically. */
    public static void write(Path file, Tensor t) throws IOException {
        AtomicFiles.write(file, out -> write(out, t));
    }

    /** Writes a tensor as .npy bytes (version 1.0, '&lt;f8', C order) to a stream, leaving it open. */
    public static void write(OutputStream out, Tensor t) throws IOException {
        out.write(header(t.shape()));
        double[] v = t.dataView();
        byte[] chunk = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; ) {
            int n = Math.min(CHUNK / 8, v.length - i);
            for (int j = 0; j < n; j++) {
                bb.putLong(8 * j, Double.doubleToRawLongBits(v[i + j]));
            }
            out.write(chunk, 0, 8 * n);
            i += n;
        }
    }

    /** The .npy bytes of a tensor (what {@link #write(OutputStream, Tensor)} writes). */
    public static byte[] toBytes(Tensor t) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128 + 8 * t.size());
        try {
            write(b, t);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return b.toByteArray();
    }

    /** The number of bytes of the .npy file of a tensor of this shape. */
    static long fileSize(Shape shape) {
        return header(shape).length + 8L * shape.size();
    }

    /** Magic, version 1.0, length and the header dict padded with spaces and '\n' to a multiple of 64 bytes. */
    static byte[] header(Shape shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + tuple(shape.dims()) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (ALIGN - unpadded % ALIGN) % ALIGN;
        String h = dict + " ".repeat(pad) + "\n";
        boolean v2 = h.length() > 0xFFFF;
        if (v2) {
            int unpadded2 = MAGIC.length + 2 + 4 + dict.length() + 1;
            h = dict + " ".repeat((ALIGN - unpadded2 % ALIGN) % ALIGN) + "\n";
        }
        byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + (v2 ? 4 : 2) + hb.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            out.putInt(hb.length);
        } else {
            out.putShort((short) hb.length);
        }
        out.put(hb);
        return out.array();
    }

    /** A Python tuple literal: (), (3,), (2, 3). */
    static String tuple(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < dims.length; k++) {
            sb.append(k > 0 ? ", " : "").append(dims[k]);
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------ dtypes

    /** A supported dtype: byte order, kind and size. */
    record Dtype(String descr, char kind, int size, ByteOrder order) {
        /** NumPy's other names of the supported dtypes (numpy.dtype accepts them in a header). */
        private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("float64", "=f8"),
                Map.entry("float32", "=f4"), Map.entry("double", "=f8"), Map.entry("d", "=f8"), Map.entry("f", "=f4"),
                Map.entry("int8", "|i1"), Map.entry("int16", "=i2"), Map.entry("int32", "=i4"),
                Map.entry("int64", "=i8"), Map.entry("uint8", "|u1"), Map.entry("uint16", "=u2"),
                Map.entry("uint32", "=u4"), Map.entry("uint64", "=u8"), Map.entry("bool", "|b1"),
                Map.entry("?", "|b1"), Map.entry("b", "|i1"), Map.entry("B", "|u1"), Map.entry("h", "=i2"),
                Map.entry("H", "=u2"), Map.entry("i", "=i4"), Map.entry("I", "=u4"), Map.entry("q", "=i8"),
                Map.entry("Q", "=u8"), Map.entry("l", "=i8"), Map.entry("L", "=u8"), Map.entry("int", "=i8"),
                Map.entry("float", "=f8"));

        static Dtype parse(String descr, String name, long at) throws NpyFormatException {
            String d = descr;
            String help = ", expected one of '<f8' (float64), '<f4', '<i8', '<i4', '<i2', '|i1', '<u8', '<u4', '<u2', '|u1', "
                    + "'|b1' (or big-endian '>…'); convert in NumPy with a.astype(np.float64) before saving";
            if (d.equals("O") || d.equals("object") || (d.length() >= 2 && d.charAt(1) == 'O')) {
                throw NpyFormatException.at(name, at, "dtype '" + d + "' holds pickled Python objects, which Nabla never "
                        + "reads (they can run code)" + help);
            }
            String alias = ALIASES.get(d);
            if (alias != null) {
                d = alias;
            } else if (d.length() >= 2 && Character.isLetter(d.charAt(0))) {
                d = "=" + d; // no byte order: native, as numpy.dtype('f8') reads it
            }
            if (d.length() < 3) {
                throw NpyFormatException.at(name, at, "dtype '" + descr + "' is not supported" + help);
            }
            char bo = d.charAt(0);
            char kind = d.charAt(1);
            String sz = d.substring(2);
            int size;
            try {
                size = Integer.parseInt(sz);
            } catch (NumberFormatException e) {
                size = -1;
            }
            boolean supportedKind = (kind == 'f' && (size == 4 || size == 8))
                    || ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8))
                    || (kind == 'b' && size == 1);
            if (!supportedKind || "<>|=".indexOf(bo) < 0) {
                throw NpyFormatException.at(name, at, "dtype '" + descr + "' is not supported" + help);
            }
            // '=' and '|' (not applicable) mean the machine's order, as numpy.dtype('|f8') reads them
            ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN : bo == '<' ? ByteOrder.LITTLE_ENDIAN
                    : ByteOrder.nativeOrder();
            return new Dtype(descr, kind, size, order);
        }

        void decode(ByteBuffer bb, int n, double[] out, int at) {
            byte[] b = bb.array();
            switch (kind) {
                case 'f':
                    if (size == 8) {
                        for (int i = 0; i < n; i++) {
                            out[at + i] = bb.getDouble(8 * i);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            out[at + i] = bb.getFloat(4 * i);
                        }
                    }
                    break;
                case 'b':
                    for (int i = 0; i < n; i++) {
                        out[at + i] = b[i] != 0 ? 1.0 : 0.0;
                    }
                    break;
                case 'i':
                    for (int i = 0; i < n; i++) {
                        out[at + i] = signed(bb, i);
                    }
                    break;
                case 'u':
                    for (int i = 0; i < n; i++) {
                        out[at + i] = unsigned(bb, i);
                    }
                    break;
                default:
                    throw new IllegalStateException("Npy: unexpected kind " + kind);
            }
        }

        private double signed(ByteBuffer bb, int i) {
            switch (size) {
                case 1:
                    return bb.get(i);
                case 2:
                    return bb.getShort(2 * i);
                case 4:
                    return bb.getInt(4 * i);
                default:
                    return bb.getLong(8 * i);
            }
        }

        private double unsigned(ByteBuffer bb, int i) {
            switch (size) {
                case 1:
                    return bb.get(i) & 0xFF;
                case 2:
                    return bb.getShort(2 * i) & 0xFFFF;
                case 4:
                    return bb.getInt(4 * i) & 0xFFFFFFFFL;
                default:
                    long v = bb.getLong(8 * i);
                    // v ≥ 2⁶³ as unsigned: halve it keeping the lost bit as a sticky bit, so that the one
                    // rounding to double (53 bits) of the 63-bit half is the rounding of v itself
                    return v >= 0 ? v : (double) ((v >>> 1) | (v & 1)) * 2.0;
            }
        }
    }
}
