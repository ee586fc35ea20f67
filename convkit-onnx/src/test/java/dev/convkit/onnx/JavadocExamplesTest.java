package dev.convkit.onnx;

import dev.convkit.core.testing.JavadocExamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in convkit-onnx's Javadoc, compiled and run from the source. Every public type has one. */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @TestFactory
    List<DynamicTest> everyExampleCompilesAndRuns() {
        List<DynamicTest> tests = JavadocExamples.of(SOURCES, Path.of("../convkit-core/src/main/java"),
                Path.of("../convkit-nn/src/main/java"));
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests;
    }

    @Test
    void everyPublicTypeHasAnExample() {
        assertThat(JavadocExamples.publicTypesWithoutExamples(SOURCES)).isEmpty();
    }
}
