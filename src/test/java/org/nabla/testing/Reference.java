package org.nabla.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Loads the reference files of ../shared/reference (bundled in src/test/resources/reference), or
 * from the directory named by the system property {@code nabla.reference.dir} when it is set.
 */
public final class Reference {
    private Reference() {
    }

    /** The path of a reference file, honouring {@code -Dnabla.reference.dir}. */
    public static Path path(String fileName) {
        String dir = System.getProperty("nabla.reference.dir");
        if (dir != null && !dir.isBlank()) {
            return Paths.get(dir, fileName);
        }
        try {
            var url = Reference.class.getResource("/reference/" + fileName);
            if (url == null) {
                throw new IllegalStateException("bundled reference file /reference/" + fileName + " is missing");
            }
            return Paths.get(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a reference file. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String fileName) {
        Path p = path(fileName);
        if (!Files.exists(p)) {
            throw new IllegalStateException("reference file " + p + " does not exist");
        }
        return (Map<String, Object>) Json.read(p);
    }

    /** The checker of one section of a reference file: checks every case, returns how many it checked. */
    @FunctionalInterface
    public interface Section {
        int check(Object section);
    }

    /**
     * Replays a reference file section by section, as ../shared/reference/README.md asks: every key
     * that is not metadata is a section, checked by its checker or counted as not yet covered (a section
     * in neither set fails, naming it; a section in both fails too), and the file's line is printed.
     *
     * @param countCases the number of cases of a section's JSON value (for the not-yet-covered count)
     */
    public static void replaySections(String fileName, Set<String> metadata, Map<String, Section> checkers,
            Set<String> notYetCovered, java.util.function.ToIntFunction<Object> countCases) {
        Map<String, Object> file = load(fileName);
        int checked = 0;
        int notYet = 0;
        List<String> unknown = new ArrayList<>();
        List<String> both = new ArrayList<>();
        for (Map.Entry<String, Object> e : file.entrySet()) {
            String name = e.getKey();
            if (metadata.contains(name)) {
                continue;
            }
            Section s = checkers.get(name);
            if (s != null) {
                if (notYetCovered.contains(name)) {
                    both.add(name);
                }
                checked += s.check(e.getValue());
            } else if (notYetCovered.contains(name)) {
                notYet += countCases.applyAsInt(e.getValue());
            } else {
                unknown.add(name);
            }
        }
        report(fileName, checked, notYet);
        if (!unknown.isEmpty() || !both.isEmpty()) {
            throw new AssertionError(fileName + ": sections neither checked nor listed as not yet covered " + unknown
                    + "; sections both checked and listed as not yet covered " + both);
        }
    }

    /** The line every replay test prints, once per file. */
    public static void report(String fileName, int checked, int notYetCovered) {
        System.out.println("reference " + path(fileName) + ": " + checked + " cases checked, " + notYetCovered
                + " not yet covered");
    }

    /** A tensor from {"shape": [...], "data": [...]}. */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object json) {
        Map<String, Object> m = (Map<String, Object>) json;
        List<Object> shape = (List<Object>) m.get("shape");
        List<Object> data = (List<Object>) m.get("data");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = ((Number) shape.get(i)).intValue();
        }
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) data.get(i)).doubleValue();
        }
        return Tensor.of(Shape.of(dims), v);
    }

    /** A matrix from nested lists [[...], ...] or a vector from [...]. */
    @SuppressWarnings("unchecked")
    public static Tensor array(Object json) {
        List<Object> l = (List<Object>) json;
        if (!l.isEmpty() && l.get(0) instanceof List) {
            double[][] rows = new double[l.size()][];
            for (int i = 0; i < rows.length; i++) {
                List<Object> r = (List<Object>) l.get(i);
                rows[i] = new double[r.size()];
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = ((Number) r.get(j)).doubleValue();
                }
            }
            return Tensor.of(rows);
        }
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) l.get(i)).doubleValue();
        }
        return Tensor.of(v);
    }

    /**
     * Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise, with a message naming the
     * case, the worst index and both values.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected, double rtol, double atol) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + " != expected " + expected.shape());
        }
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == e[i]) {
                continue;
            }
            double err = Math.abs(a[i] - e[i]);
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(err <= tol)) {
                double excess = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / Math.max(tol, 1e-300);
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            throw new AssertionError(what + ": element " + worst + " is " + a[worst] + ", expected " + e[worst]
                    + " (rtol " + rtol + ", atol " + atol + ")");
        }
    }
}
