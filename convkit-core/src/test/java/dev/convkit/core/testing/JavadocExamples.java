package dev.convkit.core.testing;

import org.junit.jupiter.api.DynamicTest;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Javadoc examples of a source tree, compiled and run from their source: every
 * {@code <pre>{@code ...}</pre>} block becomes the body of a method in a class of its own package's
 * outside (so it can use only the public API), with its file's imports. A stale example fails to
 * compile, a wrong one fails at run time: examples state their results with {@code assert}, and
 * assertions are on.
 *
 * <pre>{@code
 * List<DynamicTest> tests = JavadocExamples.of(Path.of("src/main/java"));
 * }</pre>
 */
public final class JavadocExamples {
    private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import (static )?[\\w.]+(\\.\\*)?;$", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public (?:abstract |final |sealed )*(?:class|interface|enum|record) (\\w+)", Pattern.MULTILINE);

    /** One example: where it stands and its code. */
    public record Example(Path file, int line, Set<String> packages, Set<String> shadowing, List<String> imports,
                          String code) {
        String className() {
            return file.getFileName().toString().replace(".java", "").replace('-', '_') + "Line" + line; // module-info_Line...
        }

        String source() {
            String imported = imports.stream().map(i -> i + "\n").collect(Collectors.joining());
            String everyPackage = packages.stream().map(p -> "import " + p + ".*;\n").collect(Collectors.joining());
            String shadows = shadowing.stream().filter(t -> imports.stream().noneMatch(i -> i.endsWith("." + simple(t) + ";")))
                    .map(t -> "import " + t + ";\n").collect(Collectors.joining());
            return "package examples;\n" + imported + shadows + everyPackage
                    + "import java.util.*;\nimport java.io.*;\nimport java.nio.*;\nimport java.nio.file.*;\n"
                    + "public class " + className() + " {\n    public static void run() throws Exception {\n" + code
                    + "\n    }\n}\n";
        }
    }

    private JavadocExamples() {
    }

    private static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** Whether java.lang has a type of this name (an on-demand import of ours would then be ambiguous). */
    private static boolean inJavaLang(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Every example under {@code root}, in file order. An example sees its file's imports and every
     * package of the module and of the {@code dependencies}' source roots, as a user who imports the
     * library's packages would.
     */
    public static List<Example> find(Path root, Path... dependencies) {
        List<Example> examples = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        Set<String> shadowing = new TreeSet<>();
        for (Path tree : Stream.concat(Stream.of(root), Stream.of(dependencies)).collect(Collectors.toList())) {
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                    String text = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    Matcher type = PUBLIC_TYPE.matcher(text);
                    if (pkg.find()) {
                        packages.add(pkg.group(1));
                        if (type.find() && inJavaLang(type.group(1))) {
                            shadowing.add(pkg.group(1) + "." + type.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            for (Path file : sources) {
                String text = Files.readString(file);
                List<String> imports = new ArrayList<>();
                Matcher im = IMPORT.matcher(text);
                while (im.find()) {
                    imports.add(im.group());
                }
                Matcher m = BLOCK.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
                    String code = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", "")).collect(Collectors.joining("\n"));
                    examples.add(new Example(root.relativize(file), line, packages, shadowing, imports, code));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** The public top-level types under {@code root} whose files hold no example. */
    public static Set<String> publicTypesWithoutExamples(Path root) {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = Files.readString(file);
                Matcher type = PUBLIC_TYPE.matcher(text);
                if (type.find() && !BLOCK.matcher(text).find()) {
                    Matcher pkg = PACKAGE.matcher(text);
                    missing.add((pkg.find() ? pkg.group(1) + "." : "") + type.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    /**
     * One test per example: all compiled together, each run on its own.
     *
     * @param dependencies source roots of the modules the examples may use too (their packages are imported)
     */
    public static List<DynamicTest> of(Path root, Path... dependencies) {
        List<Example> examples = find(root, dependencies);
        ClassLoader loader = compile(examples);
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : examples) {
            tests.add(DynamicTest.dynamicTest(e.file() + ":" + e.line(), () -> {
                try {
                    loader.loadClass("examples." + e.className()).getMethod("run").invoke(null);
                } catch (InvocationTargetException ex) {
                    throw new AssertionError("the example at " + e.file() + ":" + e.line() + " failed:\n" + e.code(),
                            ex.getCause());
                }
            }));
        }
        return tests;
    }

    private static ClassLoader compile(List<Example> examples) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            Path out = Files.createTempDirectory("javadoc-examples");
            List<JavaFileObject> sources = new ArrayList<>();
            for (Example e : examples) {
                sources.add(new SimpleJavaFileObject(URI.create("string:///examples/" + e.className() + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return e.source();
                    }
                });
            }
            StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "--add-modules", "jdk.incubator.vector", "-proc:none", "-nowarn", "-Xlint:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, sources).call();
            if (!ok) {
                StringBuilder why = new StringBuilder("Javadoc examples do not compile:\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        String name = d.getSource() == null ? "?" : d.getSource().getName();
                        why.append(name).append(':').append(d.getLineNumber()).append(": ")
                                .append(d.getMessage(Locale.ROOT)).append('\n');
                    }
                }
                throw new AssertionError(why.toString());
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    JavadocExamples.class.getClassLoader());
            loader.setDefaultAssertionStatus(true);
            return loader;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
