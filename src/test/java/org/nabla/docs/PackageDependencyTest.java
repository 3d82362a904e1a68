package org.nabla.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies of docs/design.md, checked on the sources: every reference from one
 * package of src/main to another (an import or a fully qualified name) must be an arrow the design
 * allows, every package must be placed in the table below, and the reverse sweep names no operation.
 */
class PackageDependencyTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    /** One layer in two packages: the exported API and the internals it installs (decision 12). */
    private static final Set<String> TENSOR = Set.of("tensor", "tensor.internal");
    private static final Set<String> LINALG = union(TENSOR, Set.of("tensor.linalg"));
    private static final Set<String> AUTODIFF = union(LINALG, Set.of("autodiff"));
    private static final Set<String> MODULE = union(AUTODIFF, Set.of("module"));
    private static final Set<String> MIDDLE = union(MODULE, Set.of("activation", "loss", "layer", "init"));
    private static final Set<String> BELOW_TRAIN = union(MIDDLE, Set.of("optim", "data", "io", "io.onnx"));
    private static final Set<String> BELOW_TOP = union(BELOW_TRAIN, Set.of("train"));

    /** For each package (below org.nabla), the packages it may use. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("tensor", Set.of("tensor.internal")),
            Map.entry("tensor.internal", Set.of("tensor")),
            Map.entry("tensor.linalg", TENSOR),
            Map.entry("autodiff", LINALG),
            Map.entry("module", AUTODIFF),
            Map.entry("init", AUTODIFF),
            Map.entry("activation", MODULE),
            Map.entry("loss", union(MODULE, Set.of("activation"))),
            Map.entry("layer", union(MODULE, Set.of("activation", "init"))),
            Map.entry("optim", MODULE),
            Map.entry("data", LINALG),
            Map.entry("io", union(MIDDLE, Set.of("optim", "io.onnx"))),
            Map.entry("io.onnx", union(MIDDLE, Set.of("io"))),
            Map.entry("train", BELOW_TRAIN),
            Map.entry("viz", BELOW_TOP),
            Map.entry("theory", union(BELOW_TOP, Set.of("viz"))),
            Map.entry("prob", union(BELOW_TOP, Set.of("viz"))),
            Map.entry("compress", union(BELOW_TOP, Set.of("viz")))));

    private static final Pattern PACKAGE = Pattern.compile("^package org\\.nabla\\.([a-z0-9.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("org\\.nabla\\.([a-z0-9]+(?:\\.[a-z0-9]+)*)\\.[A-Z]");

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> r = new TreeSet<>();
        for (Set<String> s : sets) {
            r.addAll(s);
        }
        return Set.copyOf(r);
    }

    @Test
    void everyArrowPointsDown() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>();
        for (Path p : sources()) {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            Matcher pm = PACKAGE.matcher(s);
            assertThat(pm.find()).as("package declaration of " + p).isTrue();
            String pkg = pm.group(1);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                unplaced.add(pkg);
                continue;
            }
            Matcher m = REFERENCE.matcher(s);
            Set<String> used = new TreeSet<>();
            while (m.find()) {
                used.add(m.group(1));
            }
            used.remove(pkg);
            for (String u : used) {
                if (!allowed.contains(u)) {
                    violations.add(MAIN.relativize(p) + ": " + pkg + " → " + u);
                }
            }
        }
        assertThat(unplaced).as("packages not placed in the dependency table of docs/design.md").isEmpty();
        assertThat(violations).as("arrows docs/design.md does not allow").isEmpty();
    }

    @Test
    void theReverseSweepNamesNoOperation() throws IOException {
        for (String f : List.of("ReverseSweep.java", "GraphOrder.java", "CotangentSum.java", "Variable.java")) {
            String s = Files.readString(MAIN.resolve("org/nabla/autodiff").resolve(f), StandardCharsets.UTF_8);
            assertThat(s).as(f + " tests no operation's class").doesNotContain("instanceof");
        }
    }

    @Test
    void everyPackageHasItsPackageInfo() throws IOException {
        Set<Path> dirs = new TreeSet<>();
        for (Path p : sources()) {
            dirs.add(p.getParent());
        }
        List<Path> missing = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.exists(d.resolve("package-info.java"))) {
                missing.add(MAIN.relativize(d));
            }
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            // the module descriptor has no package; ModuleBoundaryTest checks it
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .sorted().toList();
        }
    }
}
