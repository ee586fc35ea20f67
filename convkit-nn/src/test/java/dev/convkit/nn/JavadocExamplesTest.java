package dev.convkit.nn;

import dev.convkit.core.testing.JavadocExamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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

    /**
     * ModelFormat's text is fixed by the contract shared with convkit-onnx (both branches create it
     * byte for byte); its example, a format found through the ServiceLoader, is in Model's Javadoc.
     */
    @Test
    void everyPublicTypeHasAnExample() {
        assertThat(JavadocExamples.publicTypesWithoutExamples(SOURCES)).isSubsetOf(Set.of("dev.convkit.nn.io.ModelFormat"));
    }
}
