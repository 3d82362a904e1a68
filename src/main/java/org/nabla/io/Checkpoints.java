package org.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nabla.tensor.Tensor;

/**
 * The file format shared by {@link ModelState} and {@link OptimizerState}: an .npz archive (readable
 * by {@code np.load}) of named float64 arrays plus one extra array {@value #CHECKSUM_KEY} holding the
 * SHA-256 digest of the other arrays as 32 numbers 0…255, written atomically.
 *
 * <p>The digest covers, for each array in file order: its name in UTF-8, a 0 byte, its rank and
 * dimensions as 32-bit little-endian integers, and its elements (row-major) as little-endian IEEE 754
 * doubles. So a changed name, shape or single bit of a value is caught even when the zip entry's own
 * CRC-32 was recomputed (an edited file).
 */
final class Checkpoints {
    /** The name of the checksum entry. */
    static final String CHECKSUM_KEY = "__nabla_sha256__";

    private Checkpoints() {
    }

    /**
     * Writes the arrays and their checksum atomically.
     *
     * @param wrap wraps the stream the archive is written to (identity, except in tests that simulate a
     *     crash in the middle of a write); the wrapper must not close the stream it wraps
     */
    static void write(String operation, Path file, Map<String, Tensor> arrays, UnaryOperator<OutputStream> wrap)
            throws IOException {
        if (arrays.containsKey(CHECKSUM_KEY)) {
            throw new IllegalArgumentException(operation + ": the name '" + CHECKSUM_KEY
                    + "' is reserved for the checksum entry; rename that parameter");
        }
        LinkedHashMap<String, Tensor> all = new LinkedHashMap<>(arrays);
        all.put(CHECKSUM_KEY, digestTensor(sha256(arrays)));
        AtomicFiles.write(file, out -> {
            OutputStream o = wrap.apply(out);
            Npz.write(o, all, false);
            o.flush();
        });
    }

    /**
     * Reads the arrays of a checkpoint and verifies the checksum; returns them (without the checksum
     * entry) in file order.
     *
     * @throws NpyFormatException when the file is not a valid .npz archive, has no checksum entry, or
     *     its contents do not match the checksum
     */
    static LinkedHashMap<String, Tensor> read(String operation, Path file) throws IOException {
        LinkedHashMap<String, Tensor> arrays = Npz.read(file);
        Tensor stored = arrays.remove(CHECKSUM_KEY);
        if (stored == null) {
            throw NpyFormatException.inFile(file.toString(), operation + ": no '" + CHECKSUM_KEY
                    + "' entry, expected a checkpoint written by ModelState.save or OptimizerState.save "
                    + "(for a plain .npz archive use Npz.read)", null);
        }
        byte[] expected = digestBytes(stored, file);
        byte[] actual = sha256(arrays);
        if (!MessageDigest.isEqual(expected, actual)) {
            HexFormat hex = HexFormat.of();
            throw NpyFormatException.inFile(file.toString(), operation + ": checksum mismatch: the arrays hash to SHA-256 "
                    + hex.formatHex(actual) + " but the file records " + hex.formatHex(expected)
                    + " (the file is corrupt or was edited after saving)", null);
        }
        return arrays;
    }

    /** The SHA-256 digest of arrays as defined in the class comment. */
    static byte[] sha256(Map<String, Tensor> arrays) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            Tensor t = e.getValue();
            ByteBuffer head = ByteBuffer.allocate(4 * (1 + t.rank())).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(t.rank());
            for (int d : t.dims()) {
                head.putInt(d);
            }
            md.update(head.array());
            double[] v = t.dataView();
            ByteBuffer body = ByteBuffer.allocate(8 * Math.min(v.length, 8192)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                body.putLong(Double.doubleToRawLongBits(v[i]));
                if (!body.hasRemaining()) {
                    md.update(body.array(), 0, body.position());
                    body.clear();
                }
            }
            md.update(body.array(), 0, body.position());
        }
        return md.digest();
    }

    private static Tensor digestTensor(byte[] digest) {
        double[] v = new double[digest.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = digest[i] & 0xff;
        }
        return Tensor.of(v);
    }

    private static byte[] digestBytes(Tensor stored, Path file) throws NpyFormatException {
        double[] v = stored.toArray();
        if (stored.rank() != 1 || v.length != 32) {
            throw NpyFormatException.inFile(file.toString(), "the checksum entry '" + CHECKSUM_KEY + "' has shape "
                    + stored.shape() + ", expected [32] (the 32 bytes of a SHA-256 digest)", null);
        }
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            if (!(v[i] >= 0 && v[i] <= 255 && v[i] == Math.rint(v[i]))) {
                throw NpyFormatException.inFile(file.toString(), "the checksum entry '" + CHECKSUM_KEY + "' holds "
                        + v[i] + " at position " + i + ", expected whole numbers 0…255", null);
            }
            b[i] = (byte) (int) v[i];
        }
        return b;
    }
}
