package dev.convkit.cli.io;

import dev.convkit.cli.UserError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The CLI's side of {@link dev.convkit.core.io.AtomicFiles}, the one atomic writer (temporary file
 * beside the target, then a rename; files 0644): a failure becomes a {@link UserError} with one line
 * that names the file.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out.json"), out -> out.write(bytes)); // or: convkit: cannot write out.json: permission denied
 * }</pre>
 */
public final class AtomicFiles {
    /** Writes the content of an output stream. */
    @FunctionalInterface
    public interface Writer extends dev.convkit.core.io.AtomicFiles.Writer {
        @Override
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically through {@code writer}. */
    public static void write(Path target, Writer writer) {
        try {
            dev.convkit.core.io.AtomicFiles.write(target, writer);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** A short description of an I/O failure for a one-line message (core's {@code describe}). */
    public static String describe(IOException e) {
        return dev.convkit.core.io.AtomicFiles.describe(e);
    }
}
