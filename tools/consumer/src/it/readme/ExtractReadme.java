import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns README.md's ```java blocks into sources, so the consumer build compiles and runs exactly what
 * the README shows:
 * <ul>
 *   <li>a block with a {@code main} method is a complete program, written as it stands;</li>
 *   <li>the other blocks of one "## " section are snippets that run in order as one program (later
 *       blocks see earlier blocks' variables), with every package the convkit jars export imported
 *       on demand, plus java.util and java.nio.file; a snippet's own import lines are hoisted;</li>
 *   <li>a block whose info string says {@code java no-run} is compiled but not run (after running blocks of
 *       its section, inside a branch that is never taken).</li>
 * </ul>
 * It also writes RunReadmeExamples, which runs every program in README order and then prints the
 * kernels the Backend chose and the module convkit-core was loaded as. Usage: {@code java ExtractReadme.java README.md OUT_DIR CLASSPATH}.
 */
public class ExtractReadme {
    private static final Pattern FENCE = Pattern.compile("^```java(\\s.*)?$");
    private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(");
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");

    record Block(String section, int line, String code, boolean run) {
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> imports = exportedPackages(args[2]);
        if (imports.isEmpty()) {
            fail("no dev.convkit package on the class path " + args[2]);
        }
        List<Block> blocks = blocks(Files.readAllLines(readme));
        if (blocks.isEmpty()) {
            fail(readme + " has no ```java block");
        }
        Files.createDirectories(out);
        Map<String, List<Block>> snippets = new LinkedHashMap<>();
        List<String> toRun = new ArrayList<>(); // class name and README line, in README order
        for (Block b : blocks) {
            if (MAIN.matcher(b.code).find()) {
                Matcher m = CLASS.matcher(b.code);
                if (!m.find()) {
                    fail("README.md line " + b.line + ": a block with main() but no top-level class");
                }
                write(out.resolve(m.group(1) + ".java"), "// README.md line " + b.line + "\n" + b.code);
                if (b.run) {
                    toRun.add(m.group(1) + "|" + b.line);
                }
            } else {
                List<Block> section = snippets.computeIfAbsent(b.section, s -> new ArrayList<>());
                if (section.isEmpty()) {
                    toRun.add(snippetClass(b.section) + "|" + b.line + (b.run ? "" : "|no-run"));
                }
                section.add(b);
            }
        }
        for (Map.Entry<String, List<Block>> e : snippets.entrySet()) {
            writeSnippets(out, e.getKey(), e.getValue(), imports);
        }
        writeRunner(out, toRun);
        System.out.printf("ExtractReadme: %d Java blocks of %s -> %d programs in %s%n", blocks.size(), readme,
                toRun.size(), out);
    }

    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String section = "top";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
            }
            Matcher fence = FENCE.matcher(line.trim());
            if (!fence.matches()) {
                continue;
            }
            boolean run = fence.group(1) == null || !fence.group(1).contains("no-run");
            int start = i + 1;
            StringBuilder code = new StringBuilder();
            for (i = start; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            if (i == lines.size()) {
                fail("README.md line " + start + ": the ```java block is never closed");
            }
            blocks.add(new Block(section, start, code.toString(), run));
        }
        return blocks;
    }

    static void writeSnippets(Path out, String section, List<Block> blocks, List<String> packages) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String p : packages) {
            imports.append("import ").append(p).append(".*;\n");
        }
        imports.append("import java.util.*;\nimport java.nio.file.*;\n");
        for (Block b : blocks) {
            body.append("        // README.md line ").append(b.line).append('\n');
            // a no-run block after blocks that run (it needs files the check does not have) is compiled, never entered
            boolean guarded = !b.run && b != blocks.get(0);
            if (guarded) {
                body.append("        if (args.length < 0) {\n");
            }
            for (String line : b.code.split("\n", -1)) {
                if (line.startsWith("import ")) {
                    imports.append(line).append('\n');
                } else if (!line.isEmpty()) {
                    body.append(guarded ? "            " : "        ").append(line).append('\n');
                }
            }
            if (guarded) {
                body.append("        }\n");
            }
        }
        write(out.resolve(snippetClass(section) + ".java"), "// README.md, section \"" + section + "\"\n" + imports
                + "\npublic final class " + snippetClass(section) + " {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
    }

    static void writeRunner(Path out, List<String> programs) throws IOException {
        StringBuilder calls = new StringBuilder();
        for (String p : programs) {
            String[] parts = p.split("\\|");
            if (parts.length == 3) {
                calls.append("        System.out.println(\"== ").append(parts[0]).append(" (README.md line ")
                        .append(parts[1]).append("): compiled, not run\");\n");
                continue;
            }
            calls.append("        System.out.println(\"== ").append(parts[0]).append(" (README.md line ")
                    .append(parts[1]).append(")\");\n");
            calls.append("        run(\"").append(parts[0]).append("\");\n");
        }
        write(out.resolve("RunReadmeExamples.java"), "// every README program in README order, then the kernels that ran\n"
                + "public final class RunReadmeExamples {\n"
                + "    public static void main(String[] args) throws Exception {\n" + calls
                + "        System.out.println(\"backend: \" + dev.convkit.core.backend.Backend.active().describe());\n"
                + "        Module core = dev.convkit.core.backend.Backend.class.getModule();\n"
                + "        System.out.println(\"convkit-core module: \" + (core.isNamed() ? core.getName() : \"unnamed\"));\n"
                + "        System.out.println(\"convkit-core exports its kernels: \" + core.isExported(\"dev.convkit.core.kernels\"));\n"
                + "    }\n\n"
                + "    private static void run(String name) throws Exception {\n"
                + "        try {\n"
                + "            Class.forName(name).getMethod(\"main\", String[].class).invoke(null, (Object) new String[0]);\n"
                + "        } catch (java.lang.reflect.InvocationTargetException e) {\n"
                + "            throw new AssertionError(name + \" (from README.md) failed\", e.getCause());\n"
                + "        }\n"
                + "    }\n}\n");
    }

    static String snippetClass(String section) {
        StringBuilder name = new StringBuilder("Readme");
        for (String word : section.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    /** The dev.convkit packages of the class path's jars: those a module descriptor exports, or all of a plain jar's. */
    static List<String> exportedPackages(String classpath) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("convkit-")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                JarEntry descriptor = jar.getJarEntry("module-info.class");
                if (descriptor != null) {
                    try (InputStream in = jar.getInputStream(descriptor)) {
                        ModuleDescriptor.read(in).exports().stream().filter(e -> !e.isQualified())
                                .forEach(e -> packages.add(e.source()));
                    }
                    continue;
                }
                for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
                    String name = it.nextElement().getName();
                    if (name.startsWith("dev/convkit/") && name.endsWith(".class")) {
                        packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
        }
        return new ArrayList<>(packages);
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void fail(String message) {
        System.err.println("ExtractReadme: " + message);
        System.exit(1);
    }
}
