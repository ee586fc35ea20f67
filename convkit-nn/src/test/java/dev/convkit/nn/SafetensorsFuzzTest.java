package dev.convkit.nn;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corrupt model files must be refused with a clear message, never loaded with shifted or foreign
 * bytes: every truncation, byte flips all over the header and the length field, and targeted
 * corruptions of the offsets, shapes and metadata. A mutant may load only when what it loads is what
 * was saved, or when the flipped bytes were tensor data (which no format can check without a checksum).
 */
class SafetensorsFuzzTest {
    private static final String SPEC = "conv2d(1,2,3,1,1);bn2d(2);relu;maxpool2d(2,2,0);flatten;linear(8,10)";

    @TempDir
    Path dir;

    private Sequential net;
    private byte[] original;
    private long dataStart;

    @BeforeEach
    void save() throws IOException {
        net = Architecture.build(SPEC, 3);
        Path file = dir.resolve("model.safetensors");
        Checkpoint.saveModel(file, net, Map.of("note", "fuzz"));
        original = Files.readAllBytes(file);
        dataStart = 8 + ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Null when the mutant was refused properly or loaded exactly; else what went wrong. */
    private String verdict(byte[] mutant, boolean onlyDataChanged) throws IOException {
        Path file = dir.resolve("mutant.safetensors");
        Files.write(file, mutant);
        Sequential loaded;
        try {
            loaded = Checkpoint.loadModel(file);
        } catch (InvalidArgumentException e) {
            String m = e.getMessage();
            if (!m.startsWith(file.toString()) || m.contains("\n") || m.length() > 400) {
                return "unclear message: " + m;
            }
            return null;
        } catch (RuntimeException | Error e) {
            return "refused with " + e;
        }
        if (onlyDataChanged) {
            return null;
        }
        for (Map.Entry<String, dev.convkit.nn.autograd.Variable> e : net.parameters().entrySet()) {
            Tensor back = loaded.parameters().get(e.getKey()).value();
            if (!Arrays.equals(back.shape(), e.getValue().value().shape())
                    || !Arrays.equals(back.data(), e.getValue().value().data())) {
                return "loaded different values for " + e.getKey();
            }
        }
        return null;
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int length = 0; length < original.length; length++) {
            Path file = dir.resolve("cut.safetensors");
            Files.write(file, Arrays.copyOf(original, length));
            try {
                Safetensors.read(file);
                failures.add(length + ": loaded");
            } catch (InvalidArgumentException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            } catch (RuntimeException e) {
                failures.add(length + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        // and with bytes appended: the data section is no longer covered exactly
        byte[] longer = Arrays.copyOf(original, original.length + 4);
        assertThat(verdict(longer, false)).isNull();
        Files.write(dir.resolve("longer.safetensors"), longer);
        assertThatThrownBy(() -> Safetensors.read(dir.resolve("longer.safetensors"))).hasMessageContaining("cover");
    }

    @Test
    void byteFlipsInTheHeaderAreRefusedOrHarmless() throws IOException {
        Random r = new Random(11);
        List<String> failures = new ArrayList<>();
        byte[] values = {0, ' ', '"', '{', '}', '[', ']', ',', ':', '0', '9', '-', 'e', (byte) 0xff, (byte) 0xc3};
        for (int at = 0; at < dataStart; at++) {
            for (int k = 0; k < 3; k++) {
                byte[] mutant = original.clone();
                mutant[at] = k == 0 ? (byte) (mutant[at] ^ (1 << r.nextInt(8))) : values[r.nextInt(values.length)];
                if (mutant[at] == original[at]) {
                    continue;
                }
                String problem = verdict(mutant, false);
                if (problem != null) {
                    failures.add("byte " + at + " (" + (char) original[at] + " -> " + mutant[at] + "): " + problem);
                }
            }
        }
        // flips in the data section are data: loaded, and nothing else is affected
        for (long at = dataStart; at < original.length; at += 7) {
            byte[] mutant = original.clone();
            mutant[(int) at] ^= 0x10;
            String problem = verdict(mutant, true);
            if (problem != null) {
                failures.add("data byte " + at + ": " + problem);
            }
        }
        assertThat(failures).as("of %d header bytes", dataStart).isEmpty();
    }

    @Test
    void corruptLengthsAndOffsetsAreRefused() throws IOException {
        List<String> failures = new ArrayList<>();
        long headerLength = dataStart - 8;
        long[] lengths = {headerLength - 3, headerLength + 3, headerLength - 8, headerLength + 8, 0, 1, -1, Long.MAX_VALUE,
            Long.MIN_VALUE, original.length, original.length - 8, 1L << 40};
        for (long length : lengths) {
            byte[] mutant = original.clone();
            ByteBuffer.wrap(mutant, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
            String problem = verdict(mutant, false);
            if (problem != null) {
                failures.add("header length " + length + ": " + problem);
            }
            Path file = dir.resolve("length.safetensors");
            Files.write(file, mutant);
            assertThatThrownBy(() -> Safetensors.read(file)).as("header length %d", length)
                    .isInstanceOf(InvalidArgumentException.class);
        }
        String header = new String(original, 8, (int) headerLength, StandardCharsets.UTF_8);
        List<String> headers = new ArrayList<>();
        java.util.regex.Matcher offsets = java.util.regex.Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)]").matcher(header);
        while (offsets.find()) {
            long begin = Long.parseLong(offsets.group(1));
            long end = Long.parseLong(offsets.group(2));
            String[] replacements = {
                (begin + 4) + "," + (end + 4), (begin - 4) + "," + (end - 4), begin + "," + (end + 4), begin + "," + (end - 4),
                end + "," + begin, "-4," + end, begin + ",9223372036854775807", "9223372036854775800," + end,
                begin + "," + end + ",0", begin + "", begin + ",\"" + end + "\"", begin + "," + end + ".5",
                "18446744073709551616," + end, begin + "," + (end + (1L << 33))};
            for (String replacement : replacements) {
                headers.add(header.substring(0, offsets.start(1)) + replacement + header.substring(offsets.end(2)));
            }
            headers.add(header.substring(0, offsets.start()) + "\"data_offset\":[" + begin + "," + end + "]"
                    + header.substring(offsets.end()));
        }
        headers.add(header.replaceFirst("\"shape\":\\[(\\d+)", "\"shape\":[$1,2"));
        headers.add(header.replaceFirst("\"shape\":\\[(\\d+)", "\"shape\":[-$1"));
        headers.add(header.replaceFirst("\"shape\":\\[[^]]*]", "\"shape\":[2147483647,2147483647,2147483647]"));
        headers.add(header.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"F16\""));
        headers.add(header.replaceFirst("\"dtype\":\"F32\",", ""));
        headers.add(header.replaceFirst("\"note\":\"fuzz\"", "\"note\":7"));
        headers.add(header.replaceFirst("linear\\(8,10\\)", "linear(16384,16384);linear(16384,16384)"));
        headers.add(header.replaceFirst("linear\\(8,10\\)", "linear(8,20)"));
        headers.add(header.replaceFirst("\\{", "{\"extra\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"));
        headers.add(header.replaceFirst("\\{", "{\"__metadata__\":{},"));
        headers.add(header.strip() + "x");
        for (String h : headers) {
            byte[] json = h.getBytes(StandardCharsets.UTF_8);
            ByteBuffer mutant = ByteBuffer.allocate(8 + json.length + (int) (original.length - dataStart)).order(ByteOrder.LITTLE_ENDIAN);
            mutant.putLong(json.length).put(json).put(original, (int) dataStart, (int) (original.length - dataStart));
            String problem = verdict(mutant.array(), false);
            if (problem != null) {
                failures.add(problem + " for header " + h);
            }
        }
        assertThat(headers).hasSizeGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    @Test
    void theMessagesSayWhatIsWrong() throws IOException {
        long headerLength = dataStart - 8;
        byte[] shorter = original.clone();
        ByteBuffer.wrap(shorter, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength - 3);
        Path file = dir.resolve("short.safetensors");
        Files.write(file, shorter);
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("the header is not valid JSON");
        String header = new String(original, 8, (int) headerLength, StandardCharsets.UTF_8);
        String noOffsets = header.replaceFirst(",\"data_offsets\":\\[\\d+,\\d+]", "");
        byte[] json = noOffsets.getBytes(StandardCharsets.UTF_8);
        ByteBuffer mutant = ByteBuffer.allocate(8 + json.length + (int) (original.length - dataStart)).order(ByteOrder.LITTLE_ENDIAN);
        mutant.putLong(json.length).put(json).put(original, (int) dataStart, (int) (original.length - dataStart));
        Files.write(file, mutant.array());
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("data_offsets must be a list [begin, end]");
        String huge = header.replaceFirst("linear\\(8,10\\)", "linear(16384,16384);linear(16384,16384)");
        json = huge.getBytes(StandardCharsets.UTF_8);
        mutant = ByteBuffer.allocate(8 + json.length + (int) (original.length - dataStart)).order(ByteOrder.LITTLE_ENDIAN);
        mutant.putLong(json.length).put(json).put(original, (int) dataStart, (int) (original.length - dataStart));
        Files.write(file, mutant.array());
        assertThatThrownBy(() -> Checkpoint.loadModel(file)).hasMessageContaining("the architecture declares at least 536870938 weights");
        assertThatThrownBy(() -> Safetensors.read(dir)).hasMessageContaining("is a directory");
    }
}
