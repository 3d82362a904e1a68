package org.nabla.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for the tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** Magic, big-endian sizes, then the raw value bytes. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** An MNIST-style image file of n images r × c with pixel value (i·r·c + j) mod 256 at flat index j of image i. */
    static byte[] images(int n, int r, int c) {
        byte[] data = new byte[n * r * c];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) (k * 37 % 256);
        }
        return idx(Idx.IMAGES_MAGIC, new int[] {n, r, c}, data);
    }

    /** An MNIST-style label file with labels i mod 10. */
    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int k = 0; k < n; k++) {
            data[k] = (byte) (k % 10);
        }
        return idx(Idx.LABELS_MAGIC, new int[] {n}, data);
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(b)) {
                g.write(raw);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
