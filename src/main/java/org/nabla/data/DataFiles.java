package org.nabla.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What the IDX and CSV readers check before opening a file, so that every failure names it: the
 * file must exist and be a regular file — a directory, a FIFO (which would block until a writer
 * appears), a socket or a device is refused from its attributes, without opening it — and every I/O
 * error while reading is rethrown naming the file. Also the default memory budget of the readers.
 */
final class DataFiles {
    /**
     * The default budget of memory a reader fills when the input's length does not bound it (a
     * gzipped file, a stream): 1 GiB of doubles, 2²⁷ = 134,217,728 values, or 8 bytes per byte of the
     * file when that is more.
     */
    static final long DEFAULT_MAX_BYTES = 1L << 30;

    private DataFiles() {
    }

    /** The budget for a file of {@code length} bytes (−1 when unknown): max(8 × length, 1 GiB). */
    static long defaultBudget(long length) {
        return Math.max(8 * Math.max(length, 0), DEFAULT_MAX_BYTES);
    }

    /** The length of a regular file; {@code what} is what it should be ("an IDX file"). */
    static long length(Path file, String what) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file, expected " + what);
        } catch (IOException e) {
            throw failed(file, e);
        }
        if (a.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a directory, expected " + what);
        }
        if (!a.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is not a regular file (a FIFO, socket or device), "
                    + "expected " + what);
        }
        return a.size();
    }

    /** Opens a file checked by {@link #length}; failures name the file. */
    static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw failed(file, e);
        }
    }

    /** An I/O failure while reading {@code file}, named; a {@link DataFileException} passes unchanged. */
    static IOException failed(Path file, IOException e) {
        if (e instanceof DataFileException) {
            return e;
        }
        if (e instanceof FileSystemException f && file.toString().equals(f.getFile()) && f.getReason() != null) {
            return f;
        }
        FileSystemException r = e instanceof AccessDeniedException
                ? new AccessDeniedException(file.toString(), null, "permission denied")
                : new FileSystemException(file.toString(), null, "cannot be read: " + reason(e));
        r.initCause(e);
        return r;
    }

    /** What went wrong, never "null": the message, or the exception's type when it has none. */
    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + (a.getFile() != null ? " (" + a.getFile() + ")" : "");
        }
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
