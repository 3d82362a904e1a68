package org.nabla.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Tensor;

/**
 * The module boundary of docs/design.md, decisions 12 and 14, checked on the compiled descriptor
 * ({@code module-info.class}) and by the compiler itself: the module exports every package of the API
 * and not {@code org.nabla.tensor.internal}; it reads only {@code java.base}, the SLF4J API and
 * {@code java.desktop} (the runtime dependencies the library promises), which is also what jdeps finds
 * the code needs; a consumer on the module path compiles against the API, is refused the internal
 * package, and runs (the embedded digits load from inside the module); on the class path nothing is
 * enforced.
 */
class ModuleBoundaryTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String INTERNAL = "org.nabla.tensor.internal";

    /** The module's requires: name → modifiers (java.base is mandated). */
    private static final Map<String, Set<ModuleDescriptor.Requires.Modifier>> REQUIRES = Map.of(
            "java.base", Set.of(ModuleDescriptor.Requires.Modifier.MANDATED),
            "org.slf4j", Set.of(),
            // Plot.toImage() returns a java.awt.image.BufferedImage: read transitively
            "java.desktop", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE));

    /** The directory (or jar) the library's classes were loaded from: target/classes in the build. */
    private static Path libraryLocation() throws URISyntaxException {
        return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        Optional<java.lang.module.ModuleReference> ref = ModuleFinder.of(libraryLocation()).find("org.nabla");
        assertThat(ref).as("module org.nabla in " + libraryLocation()).isPresent();
        return ref.get().descriptor();
    }

    /** Every package of src/main/java (the directories holding Java sources), by name. */
    private static Set<String> sourcePackages() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .map(p -> MAIN.relativize(p.getParent()).toString().replace(p.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The SLF4J API jar of the test class path (the one runtime dependency). */
    private static Path slf4jApi() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("slf4j-api-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no slf4j-api jar on the test class path"));
    }

    private static String modulePath() throws URISyntaxException {
        return libraryLocation() + File.pathSeparator + slf4jApi();
    }

    @Test
    void exportsEveryPackageButTheInternalOne() throws Exception {
        ModuleDescriptor d = descriptor();
        Set<String> api = new TreeSet<>(sourcePackages());
        assertThat(api).contains(INTERNAL, "org.nabla.tensor", "org.nabla.optim", "org.nabla.io.onnx");
        assertThat(new TreeSet<>(d.packages())).isEqualTo(api);
        api.remove(INTERNAL);

        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertThat(e.isQualified()).as("export of " + e.source() + " is qualified").isFalse();
            exported.add(e.source());
        }
        assertThat(exported).isEqualTo(api);
        assertThat(d.isOpen()).isFalse();
        assertThat(d.opens()).isEmpty();
    }

    @Test
    void requiresOnlyTheRuntimeDependencies() throws Exception {
        Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = new TreeMap<>();
        for (ModuleDescriptor.Requires r : descriptor().requires()) {
            requires.put(r.name(), r.modifiers());
        }
        assertThat(requires).isEqualTo(new TreeMap<>(REQUIRES));
        assertThat(descriptor().uses()).isEmpty();
        assertThat(descriptor().provides()).isEmpty();
    }

    /** jdeps (when the JDK has it) suggests exactly the descriptor's requires: none missing, none spare. */
    @Test
    void jdepsFindsTheSameRequires() throws Exception {
        Optional<ToolProvider> jdeps = ToolProvider.findFirst("jdeps");
        Assumptions.assumeTrue(jdeps.isPresent(), "this JDK has no jdeps");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.get().run(new PrintWriter(out), new PrintWriter(err), "--multi-release",
                String.valueOf(Runtime.version().feature()), "--module-path", modulePath(), "--check", "org.nabla");
        assertThat(rc).as(err.toString()).isZero();
        String report = out.toString();
        int suggested = report.indexOf("[Suggested module descriptor for org.nabla]");
        int reduced = report.indexOf("[Transitive reduced graph for org.nabla]");
        assertThat(suggested).as(report).isNotNegative();
        assertThat(reduced).as(report).isGreaterThan(suggested);
        Set<String> lines = report.substring(suggested, reduced).lines().skip(1).map(String::strip)
                .filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(lines).isEqualTo(new TreeSet<>(List.of("requires mandated java.base;",
                "requires transitive java.desktop;", "requires org.slf4j;")));
    }

    /** Writes a one-class consumer (a module, or on the class path) and compiles it against the library. */
    private static Compilation compile(Path dir, boolean asModule, String imports, String body) throws Exception {
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "this JDK has no compiler");
        Path src = dir.resolve("src");
        Path pkg = Files.createDirectories(src.resolve("consumer"));
        Files.writeString(pkg.resolve("Main.java"), "package consumer;\n" + imports
                + "public class Main {\n    public static void main(String[] args) {\n" + body + "    }\n}\n",
                StandardCharsets.UTF_8);
        List<String> options = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-Xlint:none"));
        List<Path> files = new ArrayList<>(List.of(pkg.resolve("Main.java")));
        if (asModule) {
            Files.writeString(src.resolve("module-info.java"), "module consumer { requires org.nabla; }\n",
                    StandardCharsets.UTF_8);
            files.add(src.resolve("module-info.java"));
            options.addAll(List.of("--module-path", modulePath()));
        } else {
            options.addAll(List.of("--class-path", modulePath()));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            List<String> codes = diagnostics.getDiagnostics().stream().map(Diagnostic::getCode).toList();
            String messages = diagnostics.getDiagnostics().stream().map(d -> d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            return new Compilation(ok, codes, messages, dir.resolve("classes"));
        }
    }

    /** Whether javac succeeded, its diagnostics' keys (locale-independent) and messages. */
    private record Compilation(boolean ok, List<String> codes, String messages, Path classes) {
    }

    private static final String USES_THE_API = "import org.nabla.data.Digits;\nimport org.nabla.tensor.Tensor;\n";
    private static final String PRINTS = "        System.out.println(Tensor.of(1.0, 2.0, 3.0).sum().item() + \" \"\n"
            + "                + Digits.load().size() + \" \" + Main.class.getModule().getName() + \" \"\n"
            + "                + Tensor.class.getModule().getName());\n";

    @Test
    void aModuleConsumerCompilesAgainstTheApiAndRuns(@TempDir Path dir) throws Exception {
        Compilation c = compile(dir, true, USES_THE_API, PRINTS);
        assertThat(c.codes()).as(c.messages()).isEmpty();
        assertThat(c.ok()).isTrue();

        // on the module path, the embedded digits load from inside module org.nabla (decision 14)
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(launcher.toString(), "--module-path",
                c.classes() + File.pathSeparator + modulePath(), "-m", "consumer/consumer.Main")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // SLF4J without a binding may warn on the first lines; the program's line is the last
        List<String> lines = out.lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("6.0 1797 consumer org.nabla");
    }

    @Test
    void aModuleConsumerIsRefusedTheInternalPackage(@TempDir Path dir) throws Exception {
        Compilation c = compile(dir, true, "import org.nabla.tensor.internal.TensorAccumulator;\n",
                "        System.out.println(TensorAccumulator.class);\n");
        assertThat(c.ok()).isFalse();
        assertThat(c.codes()).as(c.messages()).containsExactly("compiler.err.package.not.visible");
        assertThat(c.messages()).contains(INTERNAL).contains("org.nabla");
    }

    /** On the class path there is no module, so nothing is enforced: the jar works as it always did. */
    @Test
    void onTheClassPathTheInternalPackageIsNotEnforced(@TempDir Path dir) throws Exception {
        Compilation c = compile(dir, false, "import org.nabla.tensor.internal.TensorAccumulator;\n"
                + USES_THE_API, "        System.out.println(TensorAccumulator.class);\n" + PRINTS);
        assertThat(c.codes()).as(c.messages()).isEmpty();
        assertThat(c.ok()).isTrue();
    }
}
