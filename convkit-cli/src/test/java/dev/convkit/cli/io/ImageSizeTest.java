package dev.convkit.cli.io;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Images are measured by their header before they are decoded: a huge one is refused in a line, at once. */
class ImageSizeTest {
    @TempDir
    Path temp;

    /** A PNG whose header says width x height, with one tiny (incomplete) data chunk: decoding it would need the full size. */
    private Path png(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
        chunk(out, "IEND", new byte[0]);
        Path file = temp.resolve(width + "x" + height + ".png");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aHugeImageIsRefusedByItsHeader() throws IOException {
        Path huge = png(20000, 20000);
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("conv", "--input", huge.toString(), "--kernel", "identity");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(5);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("convkit: " + huge + ": a 20000x20000 image gives 400000000 values, at or above the limit of "
                + dev.convkit.core.tensor.Shape.maxElements() + " (convkit.maxElements)");
        // rgb triples the values: a size that passes in gray is refused in colour
        Path wide = png(16000, 16000);
        CliRun rgb = CliRun.of("conv", "--input", wide.toString(), "--kernel", "identity", "--rgb");
        assertThat(rgb.exitCode()).isEqualTo(2);
        assertThat(rgb.err()).contains("a 16000x16000 image gives 768000000 values");
    }

    @Test
    void aCorruptImageIsOneLine() throws IOException {
        Path small = png(4, 4); // its data chunk is too short for 4x4 pixels
        CliRun run = CliRun.of("conv", "--input", small.toString(), "--kernel", "identity");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("convkit: " + small + ": not a readable image").doesNotContain("\n");
    }
}
