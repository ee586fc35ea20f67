package dev.convkit.nn.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.io.AtomicFiles;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The safetensors format (what PyTorch tools read with {@code safetensors.torch.load_file}): an
 * 8-byte little-endian header length, a JSON header with {@code __metadata__} (string to string)
 * and, per tensor, dtype F32, shape and byte offsets, then the raw little-endian data. Files are
 * written atomically (temporary file, then rename; see {@link AtomicFiles}).
 *
 * <p>Reading is strict, so that a corrupt file is refused instead of loading shifted or foreign
 * bytes: the header length must lie within the file (and below 100 MB); the header must be one JSON
 * object (only space padding after it, no duplicate keys); every tensor needs {@code dtype},
 * {@code shape} and {@code data_offsets}, and nothing else; its offsets must match its dtype and
 * shape; the tensors must cover the data section exactly, in order, without gaps or overlaps; and
 * {@code __metadata__} must map strings to strings. Every refusal is an
 * {@link InvalidArgumentException} whose message names the file and the rule.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("weights", ".safetensors");
 * Safetensors.write(file, Map.of("0.weight", Tensor.full(2f, 2, 3)), Map.of("architecture", "linear(3,2)"));
 * Safetensors.File f = Safetensors.read(file);                   // strict: a corrupt file is refused
 * assert f.tensors().get("0.weight").get(1, 2) == 2f && f.metadata().get("architecture").equals("linear(3,2)");
 * Files.delete(file);
 * }</pre>
 */
public final class Safetensors {
    /** The largest header safetensors accepts (the format's own limit). */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16).maxNumberLength(64).maxStringLength((int) MAX_HEADER_BYTES)
                            .maxDocumentLength(MAX_HEADER_BYTES).build())
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Tensors by name, in file order, and the metadata. */
    public record File(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private record Entry(String name, int[] shape, long begin, long end) {
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
        AtomicFiles.write(path, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
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
            out.flush();
        });
    }

    /** Reads and checks a whole file; see the class comment for what is refused. */
    public static File read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InvalidArgumentException(path + ": is a directory, expected a .safetensors file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw corrupt(path, "not a safetensors file (shorter than its 8-byte header length)");
            }
            long headerLength = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > size - 8) {
                throw corrupt(path, "not a safetensors file (header length %d in a file of %d bytes; truncated?)",
                        headerLength, size);
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw corrupt(path, "header length %d is above the format's limit of %d bytes", headerLength, MAX_HEADER_BYTES);
            }
            byte[] headerBytes = readFully(ch, 8, (int) headerLength).array();
            if (headerBytes[0] != '{') {
                throw corrupt(path, "the header does not start with '{'");
            }
            JsonNode header;
            try {
                header = MAPPER.readTree(headerBytes);
            } catch (JacksonException e) {
                throw corrupt(path, "the header is not valid JSON (%s)", e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw corrupt(path, "the header is not a JSON object");
            }
            long dataLength = size - 8 - headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    readMetadata(path, e.getValue(), metadata);
                } else {
                    entries.add(entry(path, e.getKey(), e.getValue(), dataLength));
                }
            }
            checkCoverage(path, entries, dataLength);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                int count = (int) ((e.end() - e.begin()) / 4);
                float[] data = new float[count];
                readFloats(ch, 8 + headerLength + e.begin(), data);
                tensors.put(e.name(), Tensor.wrap(data, e.shape()));
            }
            return new File(tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException(path + ": no such file");
        } catch (EOFException e) {
            throw corrupt(path, "the file ended while it was read (changed on disk?)");
        }
    }

    private static void readMetadata(Path path, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw corrupt(path, "__metadata__ must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw corrupt(path, "__metadata__.%s must be a string", m.getKey());
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(Path path, String name, JsonNode t, long dataLength) {
        if (!t.isObject()) {
            throw corrupt(path, "tensor %s: expected an object {dtype, shape, data_offsets}", name);
        }
        for (Iterator<String> keys = t.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw corrupt(path, "tensor %s: unknown key '%s'", name, key);
            }
        }
        JsonNode dtype = t.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw corrupt(path, "tensor %s has no dtype", name);
        }
        if (!"F32".equals(dtype.textValue())) {
            throw InvalidArgumentException.of("%s: tensor %s has dtype %s; only F32 is supported", path, name, dtype.textValue());
        }
        JsonNode shapeNode = t.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw corrupt(path, "tensor %s has no shape list", name);
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw corrupt(path, "tensor %s: shape entries must be non-negative integers, got %s", name, shapeNode);
            }
            shape[i] = d.intValue();
        }
        JsonNode offsets = t.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw corrupt(path, "tensor %s: data_offsets must be a list [begin, end]", name);
        }
        for (JsonNode o : offsets) {
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw corrupt(path, "tensor %s: data_offsets must be non-negative integers, got %s", name, offsets);
            }
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        long count = 1;
        for (int d : shape) {
            count = d == 0 || count == 0 ? 0 : count > Shape.ARRAY_LIMIT / d ? Long.MAX_VALUE : count * d;
        }
        if (count > Shape.ARRAY_LIMIT) {
            throw corrupt(path, "tensor %s: shape %s has more elements than an array can hold", name, Arrays.toString(shape));
        }
        if (end < begin || end - begin != count * 4) {
            throw corrupt(path, "tensor %s: offsets [%d, %d) do not fit shape %s of F32 (%d bytes)", name, begin, end,
                    Arrays.toString(shape), count * 4);
        }
        if (end > dataLength) {
            throw corrupt(path, "tensor %s: offsets [%d, %d) reach past the data section of %d bytes (truncated?)", name,
                    begin, end, dataLength);
        }
        return new Entry(name, shape, begin, end);
    }

    /** The tensors, by offset, must tile [0, dataLength) exactly: no gap, no overlap, nothing after. */
    private static void checkCoverage(Path path, List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : sorted) {
            if (e.begin() < at) {
                throw corrupt(path, "tensor %s: offsets [%d, %d) overlap the tensor before it (which ends at %d)", e.name(),
                        e.begin(), e.end(), at);
            }
            if (e.begin() > at) {
                throw corrupt(path, "bytes [%d, %d) of the data section belong to no tensor (before %s)", at, e.begin(), e.name());
            }
            at = e.end();
        }
        if (at != dataLength) {
            throw corrupt(path, "the tensors cover %d bytes of a %d-byte data section (trailing bytes, or a wrong header length)",
                    at, dataLength);
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException();
            }
        }
        buf.flip();
        return buf;
    }

    private static void readFloats(FileChannel ch, long position, float[] out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        long at = position;
        while (done < out.length) {
            int n = Math.min(out.length - done, buf.capacity() / 4);
            buf.clear().limit(n * 4);
            while (buf.hasRemaining()) {
                int read = ch.read(buf, at + buf.position());
                if (read < 0) {
                    throw new EOFException();
                }
            }
            buf.flip();
            buf.asFloatBuffer().get(out, done, n);
            done += n;
            at += n * 4L;
        }
    }

    private static InvalidArgumentException corrupt(Path path, String format, Object... args) {
        return new InvalidArgumentException(path + ": corrupt safetensors file: " + String.format(Locale.ROOT, format, args));
    }
}
