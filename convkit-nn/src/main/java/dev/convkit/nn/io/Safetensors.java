package dev.convkit.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (what PyTorch tools read with {@code safetensors.torch.load_file}): an
 * 8-byte little-endian header length, a JSON header with {@code __metadata__} (string to string)
 * and, per tensor, dtype F32, shape and byte offsets, then the raw little-endian data. Files are
 * written atomically (temporary file, then rename).
 *
 * <pre>{@code
 * Safetensors.write(path, Map.of("0.weight", w), Map.of("architecture", net.spec()));
 * Safetensors.File f = Safetensors.read(path);
 * }</pre>
 */
public final class Safetensors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Tensors by name, in file order, and the metadata. */
    public record File(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", e.getValue().shape());
            long bytes = e.getValue().numel() * 4;
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            offset += bytes;
            header.put(e.getKey(), entry);
        }
        byte[] json = MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                out.write(len.array());
                out.write(json);
                for (int i = json.length; i < padded; i++) {
                    out.write(' ');
                }
                for (Tensor t : tensors.values()) {
                    ByteBuffer buf = ByteBuffer.allocate((int) t.numel() * 4).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asFloatBuffer().put(t.data());
                    out.write(buf.array());
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static File read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidArgumentException(path + ": no such file");
        }
        if (bytes.length < 8) {
            throw new InvalidArgumentException(path + ": not a safetensors file (shorter than its 8-byte header length)");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw InvalidArgumentException.of("%s: not a safetensors file (header length %d in a file of %d bytes)",
                    path, headerLength, bytes.length);
        }
        JsonNode header;
        try {
            header = MAPPER.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArgumentException(path + ": corrupt safetensors header (" + e.getOriginalMessage() + ")");
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode t = e.getValue();
            if (!"F32".equals(t.path("dtype").asText())) {
                throw InvalidArgumentException.of("%s: tensor %s has dtype %s; only F32 is supported", path, e.getKey(),
                        t.path("dtype").asText());
            }
            int[] shape = new int[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asInt();
            }
            long begin = t.path("data_offsets").get(0).asLong();
            long end = t.path("data_offsets").get(1).asLong();
            long count = dev.convkit.core.tensor.Shape.numel(shape);
            if (end - begin != count * 4 || begin < 0 || dataStart + end > bytes.length) {
                throw InvalidArgumentException.of("%s: tensor %s: offsets [%d, %d) do not fit shape %s in a file of %d bytes"
                        + " (truncated?)", path, e.getKey(), begin, end, java.util.Arrays.toString(shape), bytes.length);
            }
            float[] data = new float[(int) count];
            ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            tensors.put(e.getKey(), Tensor.wrap(data, shape));
        }
        return new File(tensors, metadata);
    }
}
