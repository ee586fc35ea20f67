package dev.convkit.cli.render;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** What the picture writers share. */
final class Pictures {
    private Pictures() {
    }

    /**
     * Gives a written picture the usual mode 0644: the atomic write goes through a temporary file,
     * which the JDK creates owner-only (0600).
     */
    static void makeReadable(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions stand
        } catch (IOException e) {
            throw new UserError("cannot set the permissions of " + path + ": " + AtomicFiles.describe(e), e);
        }
    }
}
