package org.nabla.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Reader of IDX files, the format of MNIST and Fashion-MNIST (LeCun, Cortes &amp; Burges, "The MNIST
 * database of handwritten digits", 1998, section "File formats").
 *
 * <p>An IDX file is a 4-byte magic number {@code 00 00 TT DD} — two zero bytes, a type code TT and
 * the number of dimensions DD — then DD sizes as 4-byte big-endian integers, then the values in
 * row-major order, big-endian. Type codes: 08 unsigned byte, 09 signed byte, 0B 2-byte integer,
 * 0C 4-byte integer, 0D 4-byte float, 0E 8-byte float. MNIST images have magic 0x00000803 (unsigned
 * bytes, 3 dimensions: images × rows × columns), labels 0x00000801 (unsigned bytes, 1 dimension).
 * Files may be gzipped (recognized by their first bytes 1f 8b, whatever their name).
 *
 * <p><b>Checks.</b> The magic number, the type and rank expected by the caller, every size (≥ 0,
 * product at most {@value #MAX_VALUES}) and the length: a file must hold exactly the values its
 * header declares. An uncompressed file's header is compared with the file's length before anything
 * is allocated, so a header claiming 10⁹ images fails at once; a gzipped file (or a stream) is read
 * incrementally, its buffer growing only as data actually arrives, and fails at the first missing
 * byte; a gzipped file declaring more than 1032 times its compressed size (deflate's maximum ratio)
 * is refused before reading. Every failure is a {@link DataFileException} naming the file, the byte
 * offset and what was expected there.
 */
public final class Idx {
    /** Type code of unsigned bytes (0..255), the type of MNIST pixels and labels. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** Type code of signed bytes. */
    public static final int SIGNED_BYTE = 0x09;
    /** Type code of 2-byte big-endian signed integers. */
    public static final int SHORT = 0x0B;
    /** Type code of 4-byte big-endian signed integers. */
    public static final int INT = 0x0C;
    /** Type code of 4-byte big-endian IEEE 754 floats. */
    public static final int FLOAT = 0x0D;
    /** Type code of 8-byte big-endian IEEE 754 doubles. */
    public static final int DOUBLE = 0x0E;
    /** Magic number of MNIST image files: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of MNIST label files: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The largest number of values a file may hold (the largest Java array). */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 16;

    private Idx() {
    }

    /** Reads any IDX file into a tensor of its shape, values converted to double unchanged. */
    public static Tensor read(Path file) throws IOException {
        return read(file, -1, 1.0);
    }

    /**
     * Reads an MNIST image file (magic 0x00000803) into a tensor of shape (images, rows, columns);
     * with {@code scale} every pixel p ∈ {0, …, 255} becomes p/255 ∈ [0, 1], else it stays p.
     */
    public static Tensor readImages(Path file, boolean scale) throws IOException {
        return read(file, IMAGES_MAGIC, scale ? 255.0 : 1.0);
    }

    /** Reads an MNIST label file (magic 0x00000801) into a tensor of shape (labels). */
    public static Tensor readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC, 1.0);
    }

    /** Reads any IDX data from a stream (gzipped or not); {@code name} is used in error messages. */
    public static Tensor read(InputStream in, String name) throws IOException {
        return parse(in, name, -1, -1, 1.0);
    }

    /** Reads MNIST images from a stream; see {@link #readImages(Path, boolean)}. */
    public static Tensor readImages(InputStream in, String name, boolean scale) throws IOException {
        return parse(in, name, -1, IMAGES_MAGIC, scale ? 255.0 : 1.0);
    }

    /** Reads MNIST labels from a stream; see {@link #readLabels(Path)}. */
    public static Tensor readLabels(InputStream in, String name) throws IOException {
        return parse(in, name, -1, LABELS_MAGIC, 1.0);
    }

    /**
     * Reads any IDX file, refusing (before allocating) one whose values would take more than
     * {@code maxBytes} bytes as doubles; the other readers use the default budget of 8 bytes per byte
     * of the file, or 1 GiB when that is more (a gzipped file may hold up to 1032 times its size).
     */
    public static Tensor read(Path file, long maxBytes) throws IOException {
        requireBudget(maxBytes);
        return read(file, -1, 1.0, maxBytes);
    }

    private static void requireBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("Idx.read: expected a budget of at least 0 bytes, got " + maxBytes);
        }
    }

    /** Reads any IDX data from a stream within a budget of {@code maxBytes} bytes of doubles. */
    public static Tensor read(InputStream in, String name, long maxBytes) throws IOException {
        requireBudget(maxBytes);
        return parse(in, name, -1, -1, 1.0, maxBytes);
    }

    private static Tensor read(Path file, int expectedMagic, double divisor) throws IOException {
        return read(file, expectedMagic, divisor, -1);
    }

    private static Tensor read(Path file, int expectedMagic, double divisor, long maxBytes) throws IOException {
        long length = DataFiles.length(file, "an IDX file");
        long budget = maxBytes >= 0 ? maxBytes : DataFiles.defaultBudget(length);
        try (InputStream in = new BufferedInputStream(DataFiles.open(file), CHUNK)) {
            return parse(in, file.toString(), length, expectedMagic, divisor, budget);
        } catch (IOException e) {
            throw DataFiles.failed(file, e);
        }
    }

    /** The size in bytes of one value of a type code, or 0 for an unknown code. */
    static int itemSize(int type) {
        switch (type) {
            case UNSIGNED_BYTE:
            case SIGNED_BYTE:
                return 1;
            case SHORT:
                return 2;
            case INT:
            case FLOAT:
                return 4;
            case DOUBLE:
                return 8;
            default:
                return 0;
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case UNSIGNED_BYTE:
                return "unsigned bytes";
            case SIGNED_BYTE:
                return "signed bytes";
            case SHORT:
                return "2-byte integers";
            case INT:
                return "4-byte integers";
            case FLOAT:
                return "4-byte floats";
            case DOUBLE:
                return "8-byte floats";
            default:
                return String.format("unknown type 0x%02X", type);
        }
    }

    private static String describe(int magic) {
        if ((magic >>> 16) != 0) {
            return "not an IDX file: IDX files start with two zero bytes";
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (magic == IMAGES_MAGIC) {
            return "MNIST images";
        }
        if (magic == LABELS_MAGIC) {
            return "MNIST labels";
        }
        return "IDX " + typeName(type) + ", " + rank + (rank == 1 ? " dimension" : " dimensions");
    }

    private static String hex(int magic) {
        return String.format("0x%08X", magic);
    }

    /**
     * @param rawLength the file's length when known (uncompressed or compressed), else −1
     * @param expectedMagic the required magic number, or −1 for any valid IDX magic
     * @param divisor every value is divided by it (255 to scale pixels to [0, 1])
     */
    private static Tensor parse(InputStream raw, String name, long rawLength, int expectedMagic, double divisor)
            throws IOException {
        return parse(raw, name, rawLength, expectedMagic, divisor, DataFiles.DEFAULT_MAX_BYTES);
    }

    private static Tensor parse(InputStream raw, String name, long rawLength, int expectedMagic, double divisor,
            long budget) throws IOException {
        try (BinaryInput in = BinaryInput.open(raw, name)) {
            return parse(in, name, rawLength, expectedMagic, divisor, budget);
        }
    }

    private static Tensor parse(BinaryInput in, String name, long rawLength, int expectedMagic, double divisor,
            long budget) throws IOException {
        int magic = in.readIntBigEndian("the 4-byte magic number");
        String expectation = expectedMagic >= 0
                ? "expected " + hex(expectedMagic) + " (" + describe(expectedMagic) + ")"
                : "expected 0x0000TTDD with TT a type code (08, 09, 0B, 0C, 0D or 0E) and DD ≥ 1 the number of dimensions";
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        boolean valid = (magic >>> 16) == 0 && itemSize(type) > 0 && rank >= 1;
        if (!valid || (expectedMagic >= 0 && magic != expectedMagic)) {
            throw DataFileException.atOffset(name, 0, "magic number " + hex(magic) + " (" + describe(magic) + "), "
                    + expectation);
        }
        int[] dims = new int[rank];
        long count = 1;
        long span = 1; // the product of the non-zero sizes: an empty (0, 65537, 65537) still needs int strides
        for (int k = 0; k < rank; k++) {
            long at = in.position();
            dims[k] = in.readIntBigEndian("the size of dimension " + k + " of " + rank);
            if (dims[k] < 0) {
                throw DataFileException.atOffset(name, at, "size of dimension " + k + " is " + dims[k]
                        + " (" + (dims[k] & 0xFFFFFFFFL) + " unsigned), expected a size between 0 and " + MAX_VALUES);
            }
            count *= dims[k];
            span *= Math.max(1, dims[k]);
            if (count > MAX_VALUES || span > MAX_VALUES) {
                throw DataFileException.atOffset(name, at, "the sizes " + sizes(dims, k + 1) + " declare more than "
                        + MAX_VALUES + (count > MAX_VALUES ? " values" : " values once the empty dimensions count as 1")
                        + ", expected at most that many (the largest array Java can hold)");
            }
        }
        int item = itemSize(type);
        long headerBytes = in.position();
        long dataBytes = count * item;
        String declared = sizes(dims, rank) + " " + typeName(type) + " (" + dataBytes + " bytes)";
        if (rawLength >= 0 && !in.isGzip() && rawLength - headerBytes != dataBytes) {
            long actual = rawLength - headerBytes;
            throw DataFileException.atOffset(name, Math.min(rawLength, headerBytes + dataBytes), "the header declares "
                    + declared + " after the " + headerBytes + "-byte header, so the file should be "
                    + (headerBytes + dataBytes) + " bytes long, but it is " + rawLength + " bytes long ("
                    + (actual < dataBytes ? "truncated, or the header is corrupt" : (actual - dataBytes)
                            + " bytes too many") + ")");
        }
        if (rawLength >= 0 && in.isGzip() && dataBytes > BinaryInput.MAX_DEFLATE_RATIO * rawLength + CHUNK) {
            throw DataFileException.atOffset(name, headerBytes, "the header declares " + declared
                    + ", but a gzip file of " + rawLength + " bytes cannot hold that much (deflate compresses at most "
                    + BinaryInput.MAX_DEFLATE_RATIO + ":1): the header is corrupt");
        }
        if (8 * count > budget) {
            throw DataFileException.atOffset(name, headerBytes, "the header declares " + declared + ", which need "
                    + 8 * count + " bytes as doubles, more than the budget of " + budget + " bytes (a corrupt header or "
                    + "a gzip bomb; pass a larger budget to read it)");
        }
        checkHeap(name, headerBytes, count, itemSize(type), declared);
        boolean trusted = rawLength >= 0 && !in.isGzip();
        Tensor values = readValues(in, Shape.of(dims), type, divisor, trusted, declared);
        in.expectEnd("the " + declared);
        return values;
    }

    private static void checkHeap(String name, long offset, long count, int item, String declared)
            throws DataFileException {
        long need = (8 + item) * count; // the raw bytes, and the doubles of the tensor
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && need > max) {
            throw DataFileException.atOffset(name, offset, "the header declares " + declared + ", which need "
                    + (need >> 20) + " MiB as bytes and doubles, but the JVM's maximum heap is " + (max >> 20)
                    + " MiB (expected a smaller file, or run Java with a larger -Xmx)");
        }
    }

    private static String sizes(int[] dims, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(k > 0 ? " × " : "").append(dims[k]);
        }
        return sb.toString();
    }

    /**
     * Reads {@code count} values: first their raw bytes (when the length was checked, {@code trusted},
     * the byte array is allocated at once; otherwise it grows, doubling, as bytes arrive, so that a
     * lying header cannot make us allocate more than twice what the stream really holds), then decodes
     * them straight into the tensor's own array ({@link Tensor#build}). At the peak the heap holds the
     * raw bytes and the doubles once: for 60,000 MNIST images 47 + 376 MB, where decoding into a growing
     * array of doubles and copying it into the tensor needed up to twice the doubles.
     */
    private static Tensor readValues(BinaryInput in, Shape shape, int type, double divisor, boolean trusted,
            String declared) throws IOException {
        int count = shape.size();
        int item = itemSize(type);
        long total = (long) count * item;
        if (total > Integer.MAX_VALUE - 16) { // more raw bytes than one array holds: decode as they come
            return Tensor.of(shape, readDoubles(in, count, type, divisor, declared));
        }
        byte[] raw = new byte[(int) (trusted ? total : Math.min(total, CHUNK))];
        byte[] chunk = new byte[CHUNK];
        long done = 0;
        while (done < total) {
            int n = (int) Math.min(CHUNK / item * item, total - done);
            in.readFully(chunk, n, "the values of the " + declared + ", of which " + done / item + " were read");
            if (done + n > raw.length) {
                raw = Arrays.copyOf(raw, (int) Math.min(total, Math.max(done + n, 2L * raw.length)));
            }
            System.arraycopy(chunk, 0, raw, (int) done, n);
            done += n;
        }
        byte[] bytes = raw;
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        return Tensor.build(shape, values -> {
            for (int at = 0; at < count; at += CHUNK / item) {
                int n = Math.min(CHUNK / item, count - at);
                System.arraycopy(bytes, at * item, chunk, 0, n * item);
                decode(bb, type, n, values, at, divisor);
            }
        });
    }

    /** Decodes the values chunk by chunk into an array of doubles (for inputs too large for one byte array). */
    private static double[] readDoubles(BinaryInput in, int count, int type, double divisor, String declared)
            throws IOException {
        int item = itemSize(type);
        double[] values = new double[count];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        for (int done = 0; done < count;) {
            int n = Math.min(CHUNK / item, count - done);
            in.readFully(chunk, n * item, "the values of the " + declared + ", of which " + done + " were read");
            decode(bb, type, n, values, done, divisor);
            done += n;
        }
        return values;
    }

    private static void decode(ByteBuffer bb, int type, int n, double[] out, int at, double divisor) {
        byte[] b = bb.array();
        switch (type) {
            case UNSIGNED_BYTE:
                for (int i = 0; i < n; i++) {
                    out[at + i] = (b[i] & 0xFF) / divisor;
                }
                break;
            case SIGNED_BYTE:
                for (int i = 0; i < n; i++) {
                    out[at + i] = b[i] / divisor;
                }
                break;
            case SHORT:
                for (int i = 0; i < n; i++) {
                    out[at + i] = bb.getShort(2 * i) / divisor;
                }
                break;
            case INT:
                for (int i = 0; i < n; i++) {
                    out[at + i] = bb.getInt(4 * i) / divisor;
                }
                break;
            case FLOAT:
                for (int i = 0; i < n; i++) {
                    out[at + i] = bb.getFloat(4 * i) / divisor;
                }
                break;
            case DOUBLE:
                for (int i = 0; i < n; i++) {
                    out[at + i] = bb.getDouble(8 * i) / divisor;
                }
                break;
            default:
                throw new IllegalStateException("Idx: unknown type code " + type);
        }
    }
}
