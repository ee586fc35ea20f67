package dev.convkit.core;

import dev.convkit.core.testing.JavadocExamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in convkit-core's Javadoc, compiled and run from the source: a doc example that stops
 * compiling or stops being true fails here. Every public type a user calls has one.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** Public for the kernels' plumbing, in packages the module does not export to users: the vector primitives. */
    private static final Set<String> INTERNAL = Set.of(
            "dev.convkit.core.kernels.VectorOps", "dev.convkit.core.kernels.MicroKernel",
            "dev.convkit.core.kernels.ScalarMicroKernel", "dev.convkit.core.kernels.panama.PanamaMicroKernel",
            "dev.convkit.core.kernels.panama.PanamaVectorOps");

    @TestFactory
    List<DynamicTest> everyExampleCompilesAndRuns() {
        List<DynamicTest> tests = JavadocExamples.of(SOURCES);
        assertThat(tests).hasSizeGreaterThan(30);
        return tests;
    }

    @Test
    void everyPublicTypeAUserCallsHasAnExample() {
        assertThat(JavadocExamples.publicTypesWithoutExamples(SOURCES)).isSubsetOf(INTERNAL);
    }
}
