package dev.convkit.nn.data;

import dev.convkit.core.InvalidArgumentException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (MNIST, Fashion-MNIST), gzipped or not: the magic number (two zero bytes, the
 * type 0x08 for unsigned bytes, the number of dimensions), the big-endian dimension sizes, then the
 * data. Every problem is reported with the file name and what was wrong.
 *
 * <pre>{@code
 * ByteBuffer file = ByteBuffer.allocate(16 + 8);      // magic 0x00000803, dims 2 x 2 x 2, then the bytes
 * file.putInt(0x0803).putInt(2).putInt(2).putInt(2).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
 * IdxReader.Idx idx = IdxReader.read(new ByteArrayInputStream(file.array()), "tiny-idx3-ubyte");
 * assert Arrays.equals(idx.dims(), new int[] {2, 2, 2}) && idx.count() == 2;
 * }</pre>
 */
public final class IdxReader {
    /** The dimensions and the unsigned byte values. */
    public record Idx(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    private IdxReader() {
    }

    public static Idx read(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered), 1 << 16) : buffered;
            return read(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException(path + ": no such file");
        } catch (ZipException e) {
            throw new InvalidArgumentException(path + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    /** Reads an IDX stream; {@code name} is used in messages. */
    public static Idx read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int magic = data.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
                throw InvalidArgumentException.of("%s: not an IDX file of unsigned bytes (magic number 0x%08x, expected 0x000008nn)",
                        name, magic);
            }
            int rank = magic & 0xff;
            if (rank < 1 || rank > 4) {
                throw InvalidArgumentException.of("%s: IDX with %d dimensions; expected 1 to 4", name, rank);
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw InvalidArgumentException.of("%s: dimension %d is negative (%d)", name, i, dims[i]);
                }
                count *= dims[i];
                if (count > Integer.MAX_VALUE - 8) {
                    throw InvalidArgumentException.of("%s: %d values is more than an array can hold", name, count);
                }
            }
            byte[] values = new byte[(int) count];
            data.readFully(values);
            if (data.read() != -1) {
                throw InvalidArgumentException.of("%s: trailing bytes after %d values: the header and the length disagree",
                        name, count);
            }
            return new Idx(dims, values);
        } catch (EOFException e) {
            throw InvalidArgumentException.of("%s: truncated: the file ends before the %s its header announces", name,
                    "data");
        }
    }
}
