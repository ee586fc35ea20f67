package dev.convkit.nn;

import dev.convkit.core.testing.JavadocExamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in convkit-nn's Javadoc, compiled and run from the source: a stale example fails the
 * build. Every public type has one.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @TestFactory
    List<DynamicTest> everyExampleCompilesAndRuns() {
        List<DynamicTest> tests = JavadocExamples.of(SOURCES, Path.of("../convkit-core/src/main/java"));
        assertThat(tests).hasSizeGreaterThan(10);
        return tests;
    }

    @Test
    void everyPublicTypeHasAnExample() {
        // ModelFormat is a contract file shared byte for byte with another branch; its example is on
        // its implementation, convkit-onnx's OnnxFormat
        assertThat(JavadocExamples.publicTypesWithoutExamples(SOURCES)).isSubsetOf("dev.convkit.nn.io.ModelFormat");
    }
}
