package org.nabla.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nabla.tensor.Tensor;

/**
 * NumPy's .npz format: a zip archive of named .npy files, one per array, as written by
 * {@code np.savez} (entries stored) and {@code np.savez_compressed} (entries deflated) and read by
 * {@code np.load}. The array named {@code key} is the entry {@code key.npy}; names may contain dots
 * ({@code encoder.layers.0.weight}), the convention for a model's parameters.
 *
 * <p><b>Reading</b> returns the arrays in the archive's order. Nothing in the zip headers is
 * trusted alone: each entry's data must be exactly what its .npy header declares (checked while
 * reading, never reading past it), its CRC-32 must match, each name in the central directory must
 * be the name in the entry's local header (the CRC does not cover names), and the memory filled is
 * bounded by a budget: by default {@link #defaultBudget(long)} of the archive's length (at most
 * 1 GiB of doubles beyond 8 bytes per byte of the file), or what the caller passes to
 * {@link #read(Path, long)}. Each .npy header is checked against the remaining budget before its
 * array is allocated, and each entry is cut off while inflating once it passes the budget, so a zip
 * bomb fails with a message after inflating at most the budget, whatever the heap. Failures are
 * {@link NpyFormatException}s naming the archive, the entry ({@code archive.npz!/name.npy}) and the
 * offset within the entry.
 *
 * <p><b>Writing</b> is atomic ({@link AtomicFiles}): a failure leaves any previous file untouched.
 * Entries carry a fixed timestamp (1980-01-01), so the same arrays always give the same bytes.
 */
public final class Npz {
    /** Deflate's maximum compression ratio, about 1032:1 (a 258-byte match costs at least 2 bits). */
    static final long MAX_DEFLATE_RATIO = 1032;
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * Reads every array of an .npz archive, by name (entry name without ".npy"), in archive order,
     * within the {@linkplain #defaultBudget(long) default budget} of memory.
     */
    public static LinkedHashMap<String, Tensor> read(Path file) throws IOException {
        return read(file, defaultBudget(ReadableFile.length(file, "an .npz archive")));
    }

    /**
     * The memory an archive of {@code length} bytes may fill by default, in bytes of doubles (8 per
     * value): 8 × length — enough for any archive of stored entries, since every value takes at least
     * one byte of the file — or, for compressed entries, up to {@link Npy#DEFAULT_MAX_BYTES} (1 GiB),
     * but never more than deflate's maximum ratio allows: 8 × (1032 × length + 65,536).
     */
    public static long defaultBudget(long length) {
        return Math.min(8 * (MAX_DEFLATE_RATIO * length + (1 << 16)), Math.max(8 * length, Npy.DEFAULT_MAX_BYTES));
    }

    /**
     * Reads every array of an .npz archive, refusing archives whose arrays would take more than
     * {@code maxBytes} bytes as doubles in all (8 bytes per value, whatever the stored dtype). Each
     * header is checked against the budget before its array is allocated, and each entry is stopped
     * while inflating as soon as it would pass the budget.
     */
    public static LinkedHashMap<String, Tensor> read(Path file, long maxBytes) throws IOException {
        Npy.requireBudget("Npz.read", maxBytes);
        long length = ReadableFile.length(file, "an .npz archive");
        long budget = Math.min(maxBytes, 8 * (MAX_DEFLATE_RATIO * length + (1 << 16)));
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        String archive = file.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            throw NpyFormatException.inFile(archive, "is not a valid zip archive (" + ReadableFile.reason(e)
                    + "), expected an .npz archive as written by np.savez or Npz.write", e);
        } catch (IOException e) {
            throw ReadableFile.failed(file, e);
        }
        try (zip) {
            ZipNames.check(file);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e;
                try {
                    e = entries.nextElement();
                } catch (IllegalArgumentException ex) {
                    // java.util.zip reports a malformed entry name (bad UTF-8) this way
                    throw NpyFormatException.inFile(archive, "is a corrupt zip archive (" + ReadableFile.reason(ex)
                            + " in the central directory)", ex);
                }
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                String where = archive + "!/" + name;
                if (!name.endsWith(".npy")) {
                    throw NpyFormatException.inFile(where, "is not an .npy file, expected only entries named <array>.npy",
                            null);
                }
                String key = name.substring(0, name.length() - 4);
                if (out.containsKey(key)) {
                    throw NpyFormatException.inFile(where, "a second entry for the array '" + key
                            + "', expected each name once", null);
                }
                Counting in;
                try {
                    // the budget's bytes of doubles bound the entry's bytes, plus its header and one byte
                    // past the end (which tells a surplus)
                    in = new Counting(zip.getInputStream(e), where, budget + Npy.MAX_HEADER_LENGTH + 16 + 1);
                } catch (ZipException | EOFException | IllegalArgumentException ex) {
                    throw NpyFormatException.inFile(where, "the entry is corrupt (" + ReadableFile.reason(ex) + ")", ex);
                }
                try (in) {
                    Tensor t;
                    try {
                        t = Npy.read(new BufferedInputStream(in, 1 << 16), where, -1, budget);
                    } catch (ZipException | EOFException ex) {
                        throw NpyFormatException.at(where, in.count, "the compressed data are corrupt ("
                                + ReadableFile.reason(ex) + ")", ex);
                    }
                    if (e.getCrc() != -1 && in.crc.getValue() != e.getCrc()) {
                        throw NpyFormatException.inFile(where, String.format(
                                "CRC-32 of the data is %08x, expected %08x as the archive records (corrupt data)",
                                in.crc.getValue(), e.getCrc()), null);
                    }
                    if (e.getSize() != -1 && in.count != e.getSize()) {
                        throw NpyFormatException.inFile(where, "the entry holds " + in.count
                                + " bytes but the archive records " + e.getSize() + " (corrupt archive)", null);
                    }
                    budget -= 8L * t.size();
                    out.put(key, t);
                }
            }
        } catch (ZipException | EOFException e) {
            throw NpyFormatException.inFile(archive, "is a corrupt zip archive (" + ReadableFile.reason(e) + ")", e);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw ReadableFile.failed(file, e);
        }
        return out;
    }

    /**
     * Counts and checksums the bytes read through it, and fails as soon as more than {@code limit}
     * bytes come out (while inflating, before they are stored anywhere).
     */
    private static final class Counting extends FilterInputStream {
        final CRC32 crc = new CRC32();
        final String where;
        final long limit;
        long count;

        Counting(InputStream in, String where, long limit) {
            super(in);
            this.where = where;
            this.limit = limit;
        }

        private void counted(int n) throws NpyFormatException {
            count += n;
            if (count > limit) {
                throw NpyFormatException.at(where, count, "the entry inflates past " + limit
                        + " bytes, more than the archive's budget allows (a corrupt header or a zip bomb)");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, (int) Math.min(len, Math.max(1, limit - count + 1)));
            if (r > 0) {
                crc.update(b, off, r);
                counted(r);
            }
            return r;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must pass through the checksum
        }
    }

    /** Writes arrays to an .npz archive with stored (uncompressed) entries, like {@code np.savez}; atomic. */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, false));
    }

    /** Writes arrays to an .npz archive with deflated entries, like {@code np.savez_compressed}; atomic. */
    public static void writeCompressed(Path file, Map<String, Tensor> arrays) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, true));
    }

    /**
     * Writes arrays as an .npz archive to a stream (which stays open), entries in the map's order.
     *
     * @throws IllegalArgumentException when a name is empty or contains a NUL character, or an array is null
     */
    public static void write(OutputStream out, Map<String, Tensor> arrays, boolean compress) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setMethod(compress ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
        for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
            String key = a.getKey();
            Tensor t = a.getValue();
            if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Npz.write: array name " + (key == null ? "null" : "'" + key + "'")
                        + " is not allowed, expected a non-empty name without NUL characters");
            }
            if (t == null) {
                throw new IllegalArgumentException("Npz.write: the array '" + key + "' is null");
            }
            if (compress) {
                ZipEntry e = new ZipEntry(key + ".npy");
                e.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(e);
                Npy.write(zip, t);
                zip.closeEntry();
            } else {
                putStored(zip, key, Npy.toBytes(t));
            }
        }
        zip.finish();
    }

    /**
     * Writes one uncompressed (STORED) member {@code key.npy} holding {@code bytes}, with its size
     * and CRC-32 in the local header and the fixed time stamp, so equal arrays give equal files.
     */
    static void putStored(ZipOutputStream zip, String key, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry e = new ZipEntry(key + ".npy");
        e.setTimeLocal(FIXED_TIME);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
