import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the README's programs (RunReadmeExamples) four ways: convkit on the class path and on the
 * module path, each with and without {@code --add-modules jdk.incubator.vector}, and checks that
 * every run succeeds, that convkit was loaded as the named module on the module path (with its
 * kernels package not exported), and that the
 * Backend chose the Vector API kernels exactly when the module was added (scalar otherwise).
 * Usage: {@code java CheckLaunches.java JAVA CLASSPATH} (the consumer's classes and dependency jars).
 */
public class CheckLaunches {
    public static void main(String[] args) throws Exception {
        String java = args[0];
        List<String> dirs = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        for (String entry : args[1].split(File.pathSeparator)) {
            (entry.endsWith(".jar") ? jars : dirs).add(entry);
        }
        String all = args[1];
        String classes = String.join(File.pathSeparator, dirs);
        String modulePath = String.join(File.pathSeparator, jars);
        int failures = 0;
        for (boolean vector : new boolean[] {false, true}) {
            failures += launch("class path" + (vector ? ", Vector API" : ""), vector, false,
                    command(java, vector, "-cp", all));
            failures += launch("module path" + (vector ? ", Vector API" : ""), vector, true,
                    command(java, vector, "-p", modulePath, "--add-modules", "ALL-MODULE-PATH", "-cp", classes));
        }
        if (failures > 0) {
            System.err.println("CheckLaunches: " + failures + " of 4 launches failed");
            System.exit(1);
        }
        System.out.println("CheckLaunches: the README's programs ran on the class path and the module path, "
                + "with the Vector API kernels when jdk.incubator.vector was added and the scalar ones when not");
    }

    static List<String> command(String java, boolean vector, String... path) {
        List<String> command = new ArrayList<>(List.of(java, "-ea"));
        if (vector) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of(path));
        command.add("RunReadmeExamples");
        return command;
    }

    static int launch(String label, boolean vector, boolean modulePath, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        System.out.println("=== " + label + ": " + String.join(" ", command.subList(1, command.size()))
                .replaceAll("(-cp|-p) \\S+", "$1 …"));
        System.out.print(output);
        List<String> problems = new ArrayList<>();
        if (exit != 0) {
            problems.add("exit code " + exit);
        }
        String backend = line(output, "backend: ");
        String expected = vector ? "panama" : "scalar";
        if (backend == null || !backend.startsWith(expected)) {
            problems.add("expected the " + expected + " kernels, the Backend says " + backend);
        }
        String module = line(output, "convkit-core module: ");
        String expectedModule = modulePath ? "dev.convkit.core" : "unnamed";
        if (!expectedModule.equals(module)) {
            problems.add("expected convkit-core in module " + expectedModule + ", it was in " + module);
        }
        if (modulePath && !"false".equals(line(output, "convkit-core exports its kernels: "))) {
            problems.add("the named module dev.convkit.core exports its internal kernels package");
        }
        for (String problem : problems) {
            System.out.println("FAIL (" + label + "): " + problem);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    static String line(String output, String prefix) {
        for (String line : output.split("\\R")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }
}
