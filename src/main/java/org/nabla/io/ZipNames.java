package org.nabla.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A zip archive records each entry's name twice: in the central directory (what {@link java.util.zip.ZipFile}
 * reads) and in the entry's local header. Neither is covered by the CRC-32, which covers the data
 * only, so one corrupt byte of a name would rename an array silently. This check reads both and
 * requires them to agree (PKWARE APPNOTE 6.3, sections 4.3.7, 4.3.12, 4.3.16 and 4.5.3 for ZIP64).
 */
final class ZipNames {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private ZipNames() {
    }

    /** Fails naming the entry when a central-directory name and its local header's name differ. */
    static void check(Path file) throws IOException {
        String archive = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 0xFFFF);
            ByteBuffer t = read(ch, size - tail, tail, archive);
            int eocd = -1;
            for (int p = tail - 22; p >= 0; p--) {
                if (t.getInt(p) == EOCD) {
                    eocd = p;
                    break;
                }
            }
            if (eocd < 0) {
                throw NpyFormatException.inFile(archive, "is a corrupt zip archive (no end of central directory record)",
                        null);
            }
            long entries = t.getShort(eocd + 10) & 0xFFFF;
            long cdSize = t.getInt(eocd + 12) & 0xFFFFFFFFL;
            long cdOffset = t.getInt(eocd + 16) & 0xFFFFFFFFL;
            long eocdAt = size - tail + eocd;
            // bytes before the archive (a self-extracting stub) shift every offset, as ZipFile allows
            long shift = Math.max(0, eocdAt - cdSize - cdOffset);
            if ((entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) && eocdAt >= 20) {
                ByteBuffer loc = read(ch, eocdAt - 20, 20, archive);
                if (loc.getInt(0) == ZIP64_LOCATOR) {
                    ByteBuffer z = read(ch, checkedOffset(loc.getLong(8), 56, size, archive), 56, archive);
                    if (z.getInt(0) == ZIP64_EOCD) {
                        entries = z.getLong(32);
                        cdSize = z.getLong(40);
                        cdOffset = z.getLong(48);
                        shift = 0;
                    }
                }
            }
            cdOffset += shift;
            if (cdSize > size || cdOffset < 0 || cdOffset > size - cdSize || cdSize > Integer.MAX_VALUE) {
                throw NpyFormatException.inFile(archive, "is a corrupt zip archive (its central directory of " + cdSize
                        + " bytes at byte " + cdOffset + " lies outside the " + size + "-byte file)", null);
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize, archive);
            int p = 0;
            for (long k = 0; k < entries && p + 46 <= cdSize && cd.getInt(p) == CENTRAL; k++) {
                int nameLen = cd.getShort(p + 28) & 0xFFFF;
                int extraLen = cd.getShort(p + 30) & 0xFFFF;
                int commentLen = cd.getShort(p + 32) & 0xFFFF;
                if (p + 46L + nameLen + extraLen + commentLen > cdSize) {
                    break; // ZipFile reports a truncated directory itself
                }
                byte[] central = new byte[nameLen];
                cd.get(p + 46, central);
                long local = localOffset(cd, p, nameLen, extraLen) + shift;
                ByteBuffer lh = read(ch, checkedOffset(local, 30, size, archive), 30, archive);
                int localLen = lh.getShort(26) & 0xFFFF;
                byte[] localName = lh.getInt(0) == LOCAL && local + 30 + localLen <= size
                        ? read(ch, local + 30, localLen, archive).array() : null;
                if (localName == null || !Arrays.equals(central, localName)) {
                    String c = new String(central, StandardCharsets.UTF_8);
                    throw NpyFormatException.inFile(archive + "!/" + c, "the central directory names this entry '" + c
                            + "' but its local header (byte " + local + ") "
                            + (localName == null ? "is missing" : "names it '"
                                    + new String(localName, StandardCharsets.UTF_8) + "'")
                            + ": a corrupt archive (zip names are not covered by the CRC-32)", null);
                }
                p += 46 + nameLen + extraLen + commentLen;
            }
        }
    }

    /** The local header's offset, from the ZIP64 extra field (id 1) when the 32-bit field is 0xFFFFFFFF. */
    private static long localOffset(ByteBuffer cd, int p, int nameLen, int extraLen) {
        long offset = cd.getInt(p + 42) & 0xFFFFFFFFL;
        if (offset != 0xFFFFFFFFL) {
            return offset;
        }
        boolean size = (cd.getInt(p + 24) & 0xFFFFFFFFL) == 0xFFFFFFFFL;
        boolean compressed = (cd.getInt(p + 20) & 0xFFFFFFFFL) == 0xFFFFFFFFL;
        int e = p + 46 + nameLen;
        int end = e + extraLen;
        while (e + 4 <= end) {
            int id = cd.getShort(e) & 0xFFFF;
            int len = cd.getShort(e + 2) & 0xFFFF;
            if (id == 1) {
                int at = e + 4 + (size ? 8 : 0) + (compressed ? 8 : 0);
                return at + 8 <= Math.min(end, e + 4 + len) ? cd.getLong(at) : -1;
            }
            e += 4 + len;
        }
        return -1;
    }

    private static long checkedOffset(long offset, int need, long size, String archive) throws NpyFormatException {
        if (offset < 0 || offset > size - need) {
            throw NpyFormatException.inFile(archive, "is a corrupt zip archive (a record at byte " + offset
                    + " would end past the end of the " + size + "-byte file)", null);
        }
        return offset;
    }

    private static ByteBuffer read(FileChannel ch, long at, int len, String archive) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw NpyFormatException.inFile(archive, "is a corrupt zip archive (it ends inside a record at byte "
                        + at + ")", null);
            }
        }
        return b;
    }
}
