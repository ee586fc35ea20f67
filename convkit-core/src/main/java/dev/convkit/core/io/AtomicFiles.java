package dev.convkit.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way convkit writes a file: into a temporary file beside the target, then a rename, so that
 * a reader never sees half a file and an interrupted write leaves the old file intact. Written files
 * are readable by everyone ({@code rw-r--r--}, 0644, where the file system has POSIX permissions).
 *
 * <p>Temporary files are named {@code .convkit-tmp.PID.TARGET.RANDOM.tmp}: the prefix makes them
 * recognisable, and the process id lets {@link #cleanStaleTemps(Path)} delete the ones a killed process
 * (SIGKILL, power loss) left behind without touching those of a process that is still writing.
 * {@link #write} cleans the stale temporary files of its own target before it starts.
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("convkit-example");
 * AtomicFiles.write(dir.resolve("results.json"), out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
 * AtomicFiles.writeString(dir.resolve("log.csv"), "epoch,loss\n");
 * assert Files.readString(dir.resolve("log.csv")).equals("epoch,loss\n");
 * }</pre>
 */
public final class AtomicFiles {
    /** The start of every temporary file name. */
    public static final String TEMP_PREFIX = ".convkit-tmp.";

    private static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically through {@code writer}; creates the parent folders. On any
     * failure (including an exception or error thrown by the writer) the temporary file is deleted
     * and {@code target} is left as it was.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        Files.createDirectories(dir);
        cleanStaleTemps(dir, absolute.getFileName().toString());
        Path temp = dir.resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            setMode0644(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the target is untouched either way
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Deletes the temporary files in {@code dir} that a process no longer running left behind; returns
     * how many were deleted. Files of live processes, and every other file, are left alone.
     */
    public static int cleanStaleTemps(Path dir) throws IOException {
        return cleanStaleTemps(dir, null);
    }

    private static int cleanStaleTemps(Path dir, String targetName) throws IOException {
        int deleted = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.tmp")) {
            for (Path p : listing) {
                String name = p.getFileName().toString();
                String rest = name.substring(TEMP_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (targetName != null && !rest.startsWith(targetName + ".", dot + 1)) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (pid == ProcessHandle.current().pid()) {
                    continue; // another thread of this process may be writing it
                }
                try {
                    if (Files.deleteIfExists(p)) {
                        deleted++;
                    }
                } catch (IOException ignored) {
                    // not ours to fix: a leftover we cannot delete does no harm
                }
            }
        }
        return deleted;
    }

    /** Sets {@code rw-r--r--} where the file system has POSIX permissions (a no-op elsewhere). */
    public static void setMode0644(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, MODE_0644);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its default permissions apply
        }
    }

    /** A short description of an I/O failure for a one-line message. */
    public static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + ((FileAlreadyExistsException) e).getFile();
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? name : e.getMessage();
    }
}
