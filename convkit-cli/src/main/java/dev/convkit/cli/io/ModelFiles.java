package dev.convkit.cli.io;

import dev.convkit.cli.UserError;
import dev.convkit.core.InvalidArgumentException;

import java.io.IOException;
import java.nio.file.Path;

/** Reading a {@code --model} file, with every problem (missing, a folder, corrupt, too large) as one line. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** How a command reads its model: a safetensors network, a {@code Model} for inference, ... */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** {@code reader} applied to {@code file}; its failures become a {@link UserError} naming --model. */
    public static <T> T read(Path file, Reader<T> reader) {
        try {
            return reader.read(file);
        } catch (InvalidArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("--model " + file + ": cannot read: " + AtomicFiles.describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new UserError("--model " + file + ": not enough memory to load this model; raise the heap"
                    + " (CONVKIT_JAVA_OPTS=-Xmx...)");
        }
    }
}
