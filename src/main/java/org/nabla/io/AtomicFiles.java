package org.nabla.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing file writes: the content goes to a temporary file in the target's directory, is
 * flushed to the disk ({@code fsync}), and only then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. A reader sees the old file or the new one, never half of
 * one; if writing fails (an exception, a full disk, a crash) the old file is untouched and the
 * temporary file is removed. After a crash of the JVM itself (kill -9, power loss) a
 * {@code .name.<hex>.tmp} file may remain, never in place of the target; the next save to the same
 * target removes it (the writer holds a lock on its temporary file, so only abandoned ones are
 * removed), and readers never look at it. Every failure is an {@link IOException} naming the target.
 *
 * <p>The rename is atomic on POSIX file systems within one directory. Where the file system cannot
 * move atomically, the file is replaced with an ordinary move and a warning is logged.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (buffered; do not close it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces (or creates) {@code target} with what {@code content} writes, atomically. Temporary
     * files that an interrupted earlier save to the same target left behind ({@code .name.*.tmp}
     * whose writer is gone) are removed first.
     *
     * @throws IOException naming the target, with what {@code content} or the file system threw as
     *     its cause (a full disk: {@code cannot write model.npz: No space left on device}); the target
     *     is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, UnaryOperator.identity());
    }

    /**
     * Same as {@link #write(Path, Content)}, the temporary file's stream passed through {@code wrap}
     * (tests simulate a full disk or a crash with it).
     */
    static void write(Path target, Content content, UnaryOperator<OutputStream> wrap) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": the directory " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "cannot write: it is a directory");
        }
        String name = absolute.getFileName().toString();
        removeLeftovers(dir, name);
        Path[] created = new Path[1];
        boolean moved = false;
        // POSIX renames a file that is open and locked; elsewhere it must be closed first
        boolean renameWhileLocked = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            try (FileChannel ch = createTemp(dir, name, created); FileLock lock = ch.lock()) {
                OutputStream out = new BufferedOutputStream(wrap.apply(Channels.newOutputStream(ch)), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
                if (renameWhileLocked) {
                    moved = replace(created[0], absolute, target); // locked: no other save takes it for a leftover
                }
            }
            if (!moved) {
                moved = replace(created[0], absolute, target);
            }
        } catch (IOException e) {
            IOException named = new IOException("cannot write " + target + ": " + ReadableFile.reason(e)
                    + (Files.exists(absolute) ? " (the previous file is unchanged)" : ""), e);
            throw named;
        } finally {
            if (!moved && created[0] != null) {
                try {
                    Files.deleteIfExists(created[0]);
                } catch (IOException e) {
                    LOG.warn("could not delete the temporary file {}", created[0], e);
                }
            }
        }
    }

    /** True for the name of a temporary file of {@code name}: {@code .name.<hex>.tmp}. */
    static boolean isTemporaryOf(String file, String name) {
        String prefix = "." + name + ".";
        if (!file.startsWith(prefix) || !file.endsWith(".tmp")) {
            return false;
        }
        String hex = file.substring(prefix.length(), file.length() - 4);
        return !hex.isEmpty() && hex.length() <= 16 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Deletes the temporary files of {@code name} whose writer is gone: a writer holds a lock on its
     * temporary file until it is renamed, so a file that can be locked (no process holds it) and is
     * not in use by this JVM was left by a save that was killed.
     */
    private static void removeLeftovers(Path dir, String name) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> isTemporaryOf(f.getFileName().toString(),
                name))) {
            for (Path f : files) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.tryLock();
                    if (lock != null) {
                        Files.deleteIfExists(f);
                        LOG.info("removed {}, left by an interrupted save", f);
                        lock.release();
                    }
                } catch (OverlappingFileLockException inUseHere) {
                    // another thread of this JVM is writing it
                } catch (IOException e) {
                    LOG.warn("could not remove the leftover temporary file {}", f, e);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not list {} for leftover temporary files", dir, e);
        }
    }

    private static boolean replace(Path temp, Path absolute, Path target) throws IOException {
        try {
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("the file system of {} cannot rename atomically; replacing it non-atomically", target);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** A new temporary file {@code .name.<hex>.tmp}, open for writing; its path goes to {@code created[0]}. */
    private static FileChannel createTemp(Path dir, String name, Path[] created) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                // CREATE_NEW with the default permissions (unlike Files.createTempFile, which makes the
                // file private to its owner, a mode the final file would inherit)
                FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                created[0] = p;
                return ch;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
