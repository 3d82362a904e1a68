package org.nabla.io;

import java.io.IOException;
import java.io.InputStream;

/** A byte stream that counts its position and reads exactly what it is asked for, or fails naming the offset. */
final class ByteInput {
    private final InputStream in;
    private final String file;
    private long position;

    ByteInput(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    long position() {
        return position;
    }

    String file() {
        return file;
    }

    /** Fills {@code buf[0, len)} or fails: "unexpected end of file: expected {what} …, found only k". */
    void readFully(byte[] buf, int len, String what) throws IOException {
        long start = position;
        int got = 0;
        while (got < len) {
            int r = in.read(buf, got, len - got);
            if (r < 0) {
                throw NpyFormatException.at(file, position, "unexpected end of file: expected " + what + " (" + len
                        + " bytes from byte " + start + "), found only " + got);
            }
            got += r;
            position += r;
        }
    }

    /** Fails unless the stream ends here. */
    void expectEnd(String after) throws IOException {
        if (in.read() >= 0) {
            throw NpyFormatException.at(file, position, "found more bytes after " + after
                    + ", expected the end of the file (is the header's shape wrong?)");
        }
    }
}
