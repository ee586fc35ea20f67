package dev.convkit.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Path temp(long pid, String target) throws IOException {
        return Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + pid + "." + target + ".abc.tmp"), "half");
    }

    @Test
    void writesReplaceWhole0644Files() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        try (var listing = Files.list(target.getParent())) {
            assertThat(listing).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new OutOfMemoryError("test");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(target);
        }
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).hasMessageContaining("is a directory");
    }

    @Test
    void onlyTheTemporaryFilesOfDeadProcessesAreCleaned() throws IOException {
        long self = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path dead = temp(999_999_999L, "model.safetensors");
        Path deadOther = temp(999_999_998L, "log.csv");
        Path mine = temp(self, "model.safetensors");
        Path alive = temp(parent, "model.safetensors");
        Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "keep");
        Path odd = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "notapid.x.tmp"), "keep");
        // a write cleans the dead temporary files of its own target only
        AtomicFiles.writeString(dir.resolve("model.safetensors"), "new");
        assertThat(dead).doesNotExist();
        assertThat(deadOther).exists();
        assertThat(AtomicFiles.cleanStaleTemps(dir)).isEqualTo(1);
        assertThat(deadOther).doesNotExist();
        assertThat(mine).exists();
        assertThat(alive).exists();
        assertThat(unrelated).exists();
        assertThat(odd).exists();
    }
}
