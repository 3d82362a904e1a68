package org.nabla.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipOutputStream;
import org.nabla.tensor.Tensor;

/**
 * The file format shared by {@link ModelState} and {@link OptimizerState}: a plain .npz archive (what
 * {@code np.savez} writes: one stored {@code name.npy} entry per array, nothing else), written
 * atomically, whose <b>archive comment</b> is {@value #COMMENT_PREFIX} followed by 64 hexadecimal
 * digits: the SHA-256 digest of every byte of the file before those 64 digits — the entries' local
 * headers, names and data in order, the central directory, and the end record including the first
 * 13 bytes of the comment. In Python: {@code b = open(f, 'rb').read();
 * hashlib.sha256(b[:-64]).hexdigest() == b[-64:].decode()}.
 *
 * <p>So the zip's own CRC-32 of each entry's data is checked (by {@link Npz#read}), and the digest
 * catches what a CRC does not: a changed name (in the central directory or a local header), a changed
 * size field, or data whose CRC was recomputed (an edited file). Every single-byte change of such a
 * file is refused: a change inside the comment either breaks the digest, its 64 digits, or the
 * prefix (a file whose comment length is 77 and ends in 64 digits is taken as carrying a digest).
 *
 * <p>Older files (before the digest moved to the comment) carry an extra array {@value #CHECKSUM_KEY}
 * of 32 numbers 0…255: the SHA-256 over, for each other array in file order, its name in UTF-8, a 0
 * byte, its rank and dimensions as 32-bit little-endian integers and its elements as little-endian
 * IEEE 754 doubles. They are still read and checked.
 *
 * <p>Members are written as float64 ({@code '<f8'}), float32 ({@code '<f4'}) or int64
 * ({@code '<i8'}), chosen per array by the caller; NumPy and PyTorch read them as such.
 */
final class Checkpoints {
    /** The name of the checksum entry of the older format. */
    static final String CHECKSUM_KEY = "__nabla_sha256__";
    /** The start of the archive comment that carries the digest. */
    static final String COMMENT_PREFIX = "nabla-sha256:";
    private static final int HEX = 64;
    private static final int COMMENT_LENGTH = COMMENT_PREFIX.length() + HEX;

    /** The element type an array is written with. */
    enum Dtype {
        FLOAT64("<f8"), FLOAT32("<f4"), INT64("<i8");

        final String descr;

        Dtype(String descr) {
            this.descr = descr;
        }
    }

    private Checkpoints() {
    }

    /**
     * Writes the arrays atomically as a plain .npz archive with the digest comment.
     *
     * @param dtypes the element type of each array (float64 when absent)
     * @param wrap wraps the stream the archive is written to (identity, except in tests that simulate a
     *     crash in the middle of a write); the wrapper must not close the stream it wraps
     */
    static void write(String operation, Path file, Map<String, Tensor> arrays, Map<String, Dtype> dtypes,
                      UnaryOperator<OutputStream> wrap) throws IOException {
        if (arrays.containsKey(CHECKSUM_KEY)) {
            throw new IllegalArgumentException(operation + ": the name '" + CHECKSUM_KEY
                    + "' is reserved (the checksum entry of older files); rename that parameter");
        }
        for (String key : arrays.keySet()) {
            if (key == null || key.isEmpty() || key.indexOf('\0') >= 0 || arrays.get(key) == null) {
                throw new IllegalArgumentException(operation + ": array name " + (key == null ? "null" : "'" + key + "'")
                        + " or its value is not allowed, expected a non-empty name without NUL characters and a tensor");
            }
        }
        AtomicFiles.write(file, out -> {
            OutputStream o = wrap.apply(out);
            DigestingTail digesting = new DigestingTail(o, HEX);
            ZipOutputStream zip = new ZipOutputStream(digesting, StandardCharsets.UTF_8);
            zip.setMethod(ZipOutputStream.STORED);
            zip.setComment(COMMENT_PREFIX + "0".repeat(HEX));
            for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
                Npz.putStored(zip, a.getKey(), npy(a.getValue(), dtypes.getOrDefault(a.getKey(), Dtype.FLOAT64)));
            }
            zip.finish();
            digesting.finish();
            o.flush();
        });
    }

    /** The .npy bytes of an array in the given element type. */
    static byte[] npy(Tensor t, Dtype dtype) {
        if (dtype == Dtype.FLOAT64) {
            return Npy.toBytes(t);
        }
        // a float64 header with the dtype code replaced: all codes have three characters, so the
        // header's length and padding stay the same
        byte[] header = Npy.header(t.shape());
        byte[] code = "'<f8'".getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(header, code);
        byte[] replacement = ("'" + dtype.descr + "'").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, header, at, replacement.length);
        double[] v = t.toArray();
        int size = dtype == Dtype.FLOAT32 ? 4 : 8;
        ByteBuffer bb = ByteBuffer.allocate(header.length + size * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(header);
        for (double x : v) {
            if (dtype == Dtype.FLOAT32) {
                bb.putFloat((float) x);
            } else {
                if (x != Math.rint(x) || Math.abs(x) >= 0x1p63) {
                    throw new IllegalArgumentException("Checkpoints: " + x + " cannot be written as int64 (expected a whole number)");
                }
                bb.putLong((long) x);
            }
        }
        return bb.array();
    }

    private static int indexOf(byte[] a, byte[] part) {
        for (int i = 0; i + part.length <= a.length; i++) {
            int j = 0;
            while (j < part.length && a[i + j] == part[j]) {
                j++;
            }
            if (j == part.length) {
                return i;
            }
        }
        throw new IllegalStateException("Checkpoints: the .npy header has no '<f8' code");
    }

    /**
     * Reads the arrays of an archive in file order, after checking the digest comment, or the checksum
     * entry of an older file (which is removed from the result).
     *
     * @param requireDigest refuse a plain archive that carries neither (true for optimizer states)
     * @throws NpyFormatException when the file is not a valid .npz archive, or fails its digest or
     *     checksum, or has neither while one is required
     */
    static LinkedHashMap<String, Tensor> read(String operation, Path file, boolean requireDigest) throws IOException {
        boolean digested = checkDigest(operation, file);
        LinkedHashMap<String, Tensor> arrays = Npz.read(file);
        Tensor stored = arrays.remove(CHECKSUM_KEY);
        if (stored != null) {
            byte[] expected = digestBytes(stored, file);
            byte[] actual = sha256(arrays);
            if (!MessageDigest.isEqual(expected, actual)) {
                HexFormat hex = HexFormat.of();
                throw NpyFormatException.inFile(file.toString(), operation + ": checksum mismatch: the arrays hash to SHA-256 "
                        + hex.formatHex(actual) + " but the file records " + hex.formatHex(expected)
                        + " (the file is corrupt or was edited after saving)", null);
            }
        } else if (!digested && requireDigest) {
            throw NpyFormatException.inFile(file.toString(), operation + ": no '" + COMMENT_PREFIX + "' archive comment "
                    + "and no '" + CHECKSUM_KEY + "' entry, expected a file written by ModelState.save or "
                    + "OptimizerState.save (for a plain .npz archive use Npz.read)", null);
        }
        return arrays;
    }

    /**
     * Checks the digest comment when the file carries one; returns whether it does.
     *
     * @throws NpyFormatException when the comment is damaged or the digest does not match
     */
    private static boolean checkDigest(String operation, Path file) throws IOException {
        ReadableFile.length(file, "an .npz archive"); // a directory or FIFO: refused, named
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < COMMENT_LENGTH + 2) {
                return false;
            }
            ByteBuffer tail = ByteBuffer.allocate(COMMENT_LENGTH + 2).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, length - tail.capacity());
            int commentLength = tail.getShort(0) & 0xFFFF;
            String comment = new String(tail.array(), 2, COMMENT_LENGTH, StandardCharsets.ISO_8859_1);
            boolean prefix = comment.startsWith(COMMENT_PREFIX);
            String digits = comment.substring(COMMENT_PREFIX.length());
            boolean hex = digits.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
            if (!prefix && !(commentLength == COMMENT_LENGTH && hex)) {
                return false; // a plain archive (np.savez writes no comment)
            }
            String where = file.toString();
            if (!prefix || !hex || commentLength != COMMENT_LENGTH) {
                throw NpyFormatException.inFile(where, operation + ": the archive comment is damaged: expected "
                        + COMMENT_LENGTH + " bytes '" + COMMENT_PREFIX + "' and 64 hexadecimal digits at the end of the "
                        + "file, found " + commentLength + " bytes ending in '" + comment + "' (the file is corrupt)", null);
            }
            MessageDigest md = sha256();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            long covered = length - HEX;
            for (long at = 0; at < covered; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), covered - at));
                readFully(ch, chunk, at);
                md.update(chunk.array(), 0, chunk.limit());
                at += chunk.limit();
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(digits)) {
                throw NpyFormatException.inFile(where, operation + ": digest mismatch: the first " + covered
                        + " bytes hash to SHA-256 " + actual + " but the archive comment records " + digits
                        + " (the file is corrupt or was edited after saving)", null);
            }
            return true;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw new IOException("unexpected end of file at offset " + pos);
            }
            pos += r;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The SHA-256 digest of arrays as the older format defines it (see the class comment). */
    static byte[] sha256(Map<String, Tensor> arrays) {
        MessageDigest md = sha256();
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

    /**
     * Passes bytes through while computing the SHA-256 of all but the last {@code hold} bytes written,
     * which it holds back; {@link #finish()} then writes the hexadecimal digest in their place.
     */
    private static final class DigestingTail extends FilterOutputStream {
        private final MessageDigest md = sha256();
        private final byte[] tail;
        private int held;

        DigestingTail(OutputStream out, int hold) {
            super(out);
            this.tail = new byte[hold];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int emit = held + len - tail.length;
            if (emit <= 0) {
                System.arraycopy(b, off, tail, held, len);
                held += len;
                return;
            }
            int fromTail = Math.min(emit, held);
            pass(tail, 0, fromTail);
            int fromB = emit - fromTail;
            pass(b, off, fromB);
            int keep = held - fromTail;
            System.arraycopy(tail, fromTail, tail, 0, keep);
            System.arraycopy(b, off + fromB, tail, keep, len - fromB);
            held = tail.length;
        }

        private void pass(byte[] b, int off, int len) throws IOException {
            md.update(b, off, len);
            out.write(b, off, len);
        }

        /** Writes the digest instead of the held-back placeholder. */
        void finish() throws IOException {
            if (held != tail.length || !new String(tail, StandardCharsets.ISO_8859_1).equals("0".repeat(tail.length))) {
                throw new IllegalStateException("Checkpoints: the archive does not end with the comment placeholder");
            }
            out.write(HexFormat.of().formatHex(md.digest()).getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() {
            // the stream belongs to AtomicFiles
        }
    }

    /** The keys of {@code arrays} that are written as int64. */
    static Map<String, Dtype> dtypes(Set<String> integerKeys, boolean float32, Set<String> keys) {
        Map<String, Dtype> r = new LinkedHashMap<>();
        for (String k : keys) {
            r.put(k, integerKeys.contains(k) ? Dtype.INT64 : float32 ? Dtype.FLOAT32 : Dtype.FLOAT64);
        }
        return r;
    }
}
