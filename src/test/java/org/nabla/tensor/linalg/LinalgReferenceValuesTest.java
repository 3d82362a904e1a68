package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * Replays the forward values of the linear-algebra cases of ops.json (PyTorch 1.13, float64) through
 * {@link Linalg}. Cases are selected by {@code attrs.op}, never by name; the VJPs ({@code grads}) are
 * checked by the autodiff tests, not here. Operations of the other packages in the same file are left
 * to their own replay tests; a case whose op is a linear-algebra operation this test does not check
 * fails, naming it, instead of being skipped silently.
 */
class LinalgReferenceValuesTest {
    private static final String FILE = "ops.json";
    /** Tolerance for decompositions and solves (reference/README.md): relative 1e−7. */
    private static final double RTOL = 1e-7;

    /** The linear-algebra operations this test checks. */
    private static final Set<String> CHECKED = Set.of("det", "inv", "solve", "cholesky", "svdvals", "eigvalsh", "norm",
            "pinv");
    /** Operations that belong to the linear-algebra package; a case of one of them must be checked here. */
    private static final Set<String> LINALG_FAMILY = Set.of("det", "slogdet", "inv", "inverse",
            "solve", "lstsq", "cholesky", "qr", "svd", "svdvals", "eigh", "eigvalsh", "pinv", "matrix_rank", "cond",
            "norm", "matrix_norm", "lu");
    /** Not yet covered: empty — every linear-algebra op of the file is checked. */
    private static final Set<String> NOT_YET_COVERED = Set.of();

    @Test
    @SuppressWarnings("unchecked")
    void forwardValuesMatchPyTorch() {
        Map<String, Object> file = Reference.load(FILE);
        List<Object> cases = (List<Object>) file.get("cases");
        int checked = 0;
        int notYet = 0;
        Set<String> opsSeen = new TreeSet<>();
        List<String> unchecked = new ArrayList<>();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            Map<String, Object> attrs = (Map<String, Object>) c.get("attrs");
            String op = (String) attrs.get("op");
            if (!LINALG_FAMILY.contains(op)) {
                continue; // another package's operation
            }
            if (NOT_YET_COVERED.contains(op)) {
                notYet++;
                continue;
            }
            if (!CHECKED.contains(op)) {
                unchecked.add(c.get("name") + " (op " + op + ")");
                continue;
            }
            String name = (String) c.get("name");
            List<Object> inputs = (List<Object>) c.get("inputs");
            Tensor expected = Reference.tensor(c.get("output"));
            Tensor actual = evaluate(name, op, attrs, inputs);
            double atol = 1e-12 * Math.max(1, TestMatrices.maxAbs(expected));
            Reference.assertClose(name + " (op " + op + ")", actual, expected, RTOL, atol);
            opsSeen.add(op);
            checked++;
        }
        Reference.report(FILE, checked, notYet);
        assertThat(unchecked).as("linear-algebra cases of " + FILE + " that this test does not check").isEmpty();
        if (System.getProperty("nabla.reference.dir") == null) {
            // the bundled file has one case of each of these; none may go unnoticed
            assertThat(opsSeen).contains("det", "inv", "solve", "cholesky", "svdvals", "eigvalsh", "norm");
        }
    }

    @SuppressWarnings("unchecked")
    private static Tensor evaluate(String name, String op, Map<String, Object> attrs, List<Object> inputs) {
        Tensor a = Reference.tensor(inputs.get(0));
        for (String key : attrs.keySet()) {
            if (!Set.of("op", "note", "ord", "dim", "keepdim", "upper", "left").contains(key)) {
                throw new AssertionError(name + ": attribute '" + key + "' of op " + op
                        + " is not understood by this test");
            }
        }
        switch (op) {
            case "det":
                return Linalg.det(a);
            case "inv":
                return Linalg.inverse(a);
            case "solve": {
                Tensor b = Reference.tensor(inputs.get(1));
                if (Boolean.FALSE.equals(attrs.get("left"))) { // X A = B ⇔ Aᵀ Xᵀ = Bᵀ
                    return Linalg.solve(a.transpose(), b.transpose()).transpose().contiguous();
                }
                return Linalg.solve(a, b);
            }
            case "cholesky": {
                Tensor l = Linalg.cholesky(a);
                return Boolean.TRUE.equals(attrs.get("upper")) ? l.transpose().contiguous() : l;
            }
            case "svdvals":
                return Linalg.svdvals(a);
            case "eigvalsh":
                return Linalg.eigvalsh(a);
            case "pinv":
                return Linalg.pinv(a);
            case "norm":
                return norm(name, a, attrs);
            default:
                throw new AssertionError(name + ": op " + op + " is listed as checked but has no evaluation");
        }
    }

    /** torch.linalg.norm(A, ord, dim, keepdim) for the cases Linalg.norm covers. */
    @SuppressWarnings("unchecked")
    private static Tensor norm(String name, Tensor a, Map<String, Object> attrs) {
        Object ord = attrs.get("ord");
        Object dim = attrs.get("dim");
        if (dim != null) {
            List<Object> d = dim instanceof List ? (List<Object>) dim : List.of(dim);
            int[] axes = d.stream().mapToInt(x -> Math.floorMod(((Number) x).intValue(), a.rank())).toArray();
            int[] lastTwo = {a.rank() - 2, a.rank() - 1};
            boolean lastAxis = axes.length == 1 && axes[0] == a.rank() - 1 && a.rank() == 1;
            if (!Arrays.equals(axes, lastTwo) && !lastAxis) {
                throw new AssertionError(name + ": norm over dim " + dim + " is not supported by this test");
            }
        }
        Tensor r;
        if (ord == null) {
            r = Linalg.norm(a.flatten()); // torch: the 2-norm of all entries
        } else if (ord instanceof String) {
            r = Linalg.norm(a, (String) ord);
        } else {
            r = Linalg.norm(a, ((Number) ord).doubleValue());
        }
        if (Boolean.TRUE.equals(attrs.get("keepdim"))) {
            int[] dims = a.dims();
            if (a.rank() >= 2 && ord != null) {
                dims[a.rank() - 1] = 1;
                dims[a.rank() - 2] = 1;
            } else {
                Arrays.fill(dims, 1);
            }
            r = r.reshape(dims);
        }
        return r;
    }
}
