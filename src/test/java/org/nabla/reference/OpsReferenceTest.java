package org.nabla.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * Replays every case of ops.json (../shared/reference/README.md): the forward value and the
 * vector-Jacobian product of the given cotangent for every real input. Reads the file from
 * {@code -Dnabla.reference.dir} when set, else the bundled copy.
 */
class OpsReferenceTest {
    static final String FILE = "ops.json";

    /** Every catalog of replayable operations. */
    static List<ReferenceOps> catalogs() {
        return List.of(
                new AutodiffReferenceOps(),
                new NnReferenceOps(),
                new LayerReferenceOps(),
                new ConvReferenceOps(),
                new SequenceReferenceOps(),
                new LinalgReferenceOps());
    }

    /** Operations not built yet: the one explicit list. It empties as the issues that build them land. */
    static final Set<String> NOT_YET_COVERED = Set.of();

    @Test
    @SuppressWarnings("unchecked")
    void everyCaseMatchesTheReference() {
        Map<String, ReferenceOps.Entry> ops = new HashMap<>();
        for (ReferenceOps c : catalogs()) {
            c.register(ops);
        }
        Set<String> both = new LinkedHashSet<>(ops.keySet());
        both.retainAll(NOT_YET_COVERED);
        List<String> failures = new ArrayList<>();
        if (!both.isEmpty()) {
            failures.add("ops both covered and listed as not yet covered (remove them from the list): " + both);
        }
        Map<String, Object> file = Reference.load(FILE);
        List<Object> cases = (List<Object>) file.get("cases");
        int checked = 0;
        int notCovered = 0;
        for (Object o : cases) {
            ReferenceCase c = new ReferenceCase((Map<String, Object>) o);
            ReferenceOps.Entry e = ops.get(c.op());
            if (e == null) {
                if (NOT_YET_COVERED.contains(c.op())) {
                    notCovered++;
                } else {
                    failures.add(c.name + ": op '" + c.op() + "' is neither checked nor listed as not yet covered");
                }
                continue;
            }
            checked++;
            try {
                check(c, e);
            } catch (AssertionError | RuntimeException ex) {
                failures.add(c.name + " " + c.attrs + ": " + ex);
            }
        }
        Reference.report(FILE, checked, notCovered);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " reference case(s) failed:\n" + String.join("\n", failures));
        }
    }

    static void check(ReferenceCase c, ReferenceOps.Entry e) {
        List<Variable> leaves = new ArrayList<>();
        for (Tensor t : c.inputs) {
            leaves.add(Variable.leaf(t));
        }
        Variable y = e.op.apply(c, leaves);
        double atol = 1e-12;
        Reference.assertClose(c.name + " forward", y.value(), c.output, e.rtol, atol);
        if (c.cotangent == null || c.grads.isEmpty()) {
            return;
        }
        Gradients g = y.backward(c.cotangent);
        for (int i = 0; i < leaves.size(); i++) {
            Tensor expected = i < c.grads.size() ? c.grads.get(i) : null;
            Tensor actual = g.of(leaves.get(i));
            if (expected == null) {
                Reference.assertClose(c.name + " grad of input " + i + " (expected none)", actual,
                        Tensor.zeros(actual.shape()), 0, 0);
            } else {
                Reference.assertClose(c.name + " grad of input " + i, actual, expected, e.rtol,
                        atol * Math.max(1.0, expected.abs().max().item()));
            }
        }
    }
}
