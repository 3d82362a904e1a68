package org.nabla.io;

import java.io.IOException;

/**
 * An .npy or .npz file that does not hold what the format promises — a bad magic string, an
 * unparsable or absurd header, an unsupported dtype, truncated or surplus data, a corrupt archive.
 *
 * <p>The message names the file (for an array inside an .npz archive, {@code archive.npz!/name.npy}),
 * the byte offset when there is one, and what was expected, for example
 * {@code weights.npy: byte 128: unexpected end of file: expected 48 bytes of data (6 values '<f8'), found only 40}.
 */
public class NpyFormatException extends IOException {
    /** The file's name as the message shows it ({@code archive.npz!/name.npy} inside an archive). */
    private final String file;
    /** The byte offset of the problem, or −1 when there is none. */
    private final long offset;

    NpyFormatException(String file, long offset, String problem, Throwable cause) {
        super(file + ": " + (offset >= 0 ? "byte " + offset + ": " : "") + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    static NpyFormatException at(String file, long offset, String problem) {
        return new NpyFormatException(file, offset, problem, null);
    }

    static NpyFormatException at(String file, long offset, String problem, Throwable cause) {
        return new NpyFormatException(file, offset, problem, cause);
    }

    static NpyFormatException inFile(String file, String problem, Throwable cause) {
        return new NpyFormatException(file, -1, problem, cause);
    }

    /** The file's name as given to the reader ({@code archive.npz!/entry.npy} inside an archive). */
    public String file() {
        return file;
    }

    /** The byte offset of the problem (from 0), or −1 when the problem is not at one offset. */
    public long offset() {
        return offset;
    }
}
