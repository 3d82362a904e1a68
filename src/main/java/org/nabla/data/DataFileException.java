package org.nabla.data;

import java.io.IOException;

/**
 * A data file (IDX, CSV) that does not hold what its format promises: a bad magic number, a header
 * that contradicts the file's length, a truncated body, a field that is not a number.
 *
 * <p>The message always names the file, the place (a byte offset for binary files, a line and
 * column for text files) and what was expected there, for example
 * {@code train-images-idx3-ubyte: byte 4: dimension 0 is -3, expected a size ≥ 0}.
 * Byte offsets count from 0; in a gzipped file they are offsets in the decompressed data.
 * Lines and columns count from 1, as editors show them.
 */
public class DataFileException extends IOException {
    /** The file's name as the message shows it. */
    private final String file;
    /** The byte offset in a binary file, or −1. */
    private final long offset;
    /** The line in a text file (from 1), or −1. */
    private final long line;
    /** The column in a text file (from 1), or −1. */
    private final int column;

    private DataFileException(String file, long offset, long line, int column, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** A problem at a byte offset of a binary file. */
    public static DataFileException atOffset(String file, long offset, String problem) {
        return atOffset(file, offset, problem, null);
    }

    /** A problem at a byte offset of a binary file, caused by a lower-level exception. */
    public static DataFileException atOffset(String file, long offset, String problem, Throwable cause) {
        return new DataFileException(file, offset, -1, -1, file + ": byte " + offset + ": " + problem, cause);
    }

    /** A problem at a line (and column, or −1 for the whole line) of a text file; both count from 1. */
    public static DataFileException atLine(String file, long line, int column, String problem) {
        return atLine(file, line, column, null, problem);
    }

    /**
     * A problem at a line and column of a text file whose column has a name (from a header line);
     * the message reads {@code file: line 3, column 2 ('b'): problem}.
     */
    public static DataFileException atLine(String file, long line, int column, String columnName, String problem) {
        String where = column > 0 ? "line " + line + ", column " + column : "line " + line;
        if (column > 0 && columnName != null) {
            where += " ('" + columnName + "')";
        }
        return new DataFileException(file, -1, line, column, file + ": " + where + ": " + problem, null);
    }

    /** A problem with the file as a whole. */
    public static DataFileException inFile(String file, String problem) {
        return new DataFileException(file, -1, -1, -1, file + ": " + problem, null);
    }

    /** The file's name as given to the reader. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem (from 0), or −1 when it is not about a byte offset. */
    public long offset() {
        return offset;
    }

    /** The line of the problem (from 1), or −1 when it is not about a line. */
    public long line() {
        return line;
    }

    /** The column of the problem (from 1), or −1 when it is not about a column. */
    public int column() {
        return column;
    }
}
