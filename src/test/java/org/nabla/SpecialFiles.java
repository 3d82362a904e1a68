package org.nabla;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Files that are not ordinary readable files, for the readers' tests; skips where the system has none. */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    /** A FIFO at {@code path} (made with mkfifo), or the test is skipped on a system without one. */
    public static Path fifo(Path path) throws IOException, InterruptedException {
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException noMkfifo) {
            Assumptions.abort("mkfifo is not available (not a POSIX system)");
            return path;
        }
        Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
        return path;
    }

    /** Runs {@code body} while {@code file} is unreadable; skipped without POSIX permissions or as root. */
    public static void whileUnreadable(Path file, Runnable body) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException notPosix) {
            Assumptions.abort("no POSIX permissions");
        }
        try {
            Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
            body.run();
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
