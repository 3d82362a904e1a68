package org.nabla.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The checks every reader makes before opening a file, so that each failure names the file: it
 * must exist and be a regular file — a directory, a FIFO (which would block the reader until a
 * writer appears), a socket or a device is refused from its attributes alone, without opening it.
 */
final class ReadableFile {
    private ReadableFile() {
    }

    /**
     * The length of a regular file.
     *
     * @param what what the file should be, for the message ("an .npy file")
     * @throws FileSystemException naming the file when it is missing, not a regular file or unreadable
     */
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

    /** An I/O failure on a file, as an exception whose message names the file and the cause. */
    static FileSystemException failed(Path file, IOException e) {
        if (e instanceof FileSystemException f && file.toString().equals(f.getFile()) && f.getReason() != null) {
            return f;
        }
        String reason = e instanceof AccessDeniedException ? "permission denied" : reason(e);
        FileSystemException r = e instanceof AccessDeniedException
                ? new AccessDeniedException(file.toString(), null, reason)
                : new FileSystemException(file.toString(), null, "cannot be read: " + reason);
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
