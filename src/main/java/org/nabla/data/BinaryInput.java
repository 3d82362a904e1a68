package org.nabla.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A byte stream that knows its position, reads exactly what it is asked for or fails naming the
 * file and the offset, and decompresses gzip transparently (detected by the magic bytes 1f 8b).
 * Offsets in a gzipped file are offsets in the decompressed data.
 */
final class BinaryInput implements Closeable {
    /**
     * Deflate can compress at most about 1032:1 (each 258-byte match costs at least 2 bits), so a
     * gzip file of c bytes cannot decompress to more than about 1032·c bytes. Used to refuse absurd
     * headers before reading.
     */
    static final long MAX_DEFLATE_RATIO = 1032;

    private final InputStream in;
    private final String file;
    private final boolean gzip;
    private long position;

    private BinaryInput(InputStream in, String file, boolean gzip) {
        this.in = in;
        this.file = file;
        this.gzip = gzip;
    }

    /**
     * Opens a stream, detecting gzip. Closing the result releases the decompressor but leaves
     * {@code raw} open: its owner closes it.
     */
    static BinaryInput open(InputStream raw, String file) throws IOException {
        InputStream shielded = closeShield(raw);
        InputStream b = shielded.markSupported() ? shielded : new BufferedInputStream(shielded, 1 << 16);
        if (!isGzip(b)) {
            return new BinaryInput(b, file, false);
        }
        try {
            return new BinaryInput(new GZIPInputStream(b, 1 << 16), file, true);
        } catch (ZipException | EOFException e) {
            throw DataFileException.atOffset(file, 0, "the gzip header is corrupt or truncated ("
                    + DataFiles.reason(e) + "), expected a gzip stream (it starts with the gzip magic bytes 1f 8b)", e);
        }
    }

    /** True when the next two bytes are the gzip magic 1f 8b (the stream must support mark). */
    static boolean isGzip(InputStream b) throws IOException {
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /** A view of {@code in} whose close() does nothing (the owner of {@code in} closes it). */
    static InputStream closeShield(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // not ours to close
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    boolean isGzip() {
        return gzip;
    }

    long position() {
        return position;
    }

    String file() {
        return file;
    }

    private String data() {
        return gzip ? "decompressed data" : "file";
    }

    /** Reads between 1 and len bytes, or −1 at the end; wraps decompression errors. */
    private int read(byte[] buf, int off, int len) throws IOException {
        try {
            int r = in.read(buf, off, len);
            if (r > 0) {
                position += r;
            }
            return r;
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw DataFileException.atOffset(file, position, "the gzip stream is corrupt or truncated ("
                    + DataFiles.reason(e) + ")", e);
        }
    }

    /**
     * Fills {@code buf[0, len)} or fails: "the file ends after k of the len bytes of {what}".
     */
    void readFully(byte[] buf, int len, String what) throws IOException {
        long start = position;
        int got = 0;
        while (got < len) {
            int r = read(buf, got, len - got);
            if (r < 0) {
                throw DataFileException.atOffset(file, position, "unexpected end of " + data() + ": expected " + what
                        + " (" + len + " bytes from byte " + start + "), found only " + got);
            }
            got += r;
        }
    }

    /** A 4-byte big-endian signed integer. */
    int readIntBigEndian(String what) throws IOException {
        byte[] b = new byte[4];
        readFully(b, 4, what);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Fails unless the stream ends here (for gzip this also checks the CRC-32 trailer). */
    void expectEnd(String after) throws IOException {
        byte[] one = new byte[1];
        long at = position;
        int r = read(one, 0, 1);
        if (r > 0) {
            // count what follows, up to 1 MiB (a corrupt stream may go on for gigabytes)
            long extra = 1;
            byte[] skip = new byte[8192];
            int s;
            while (extra < (1 << 20) && (s = read(skip, 0, skip.length)) > 0) {
                extra += s;
            }
            String count = extra >= (1 << 20) ? "at least " + extra : String.valueOf(extra);
            throw DataFileException.atOffset(file, at, "found " + count + " more bytes after " + after
                    + ", expected the end of the " + data() + " (is the header's size wrong?)");
        }
    }
}
