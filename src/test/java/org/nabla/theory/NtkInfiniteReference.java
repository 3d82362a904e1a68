package org.nabla.theory;

import java.util.List;
import java.util.Map;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * Replays the {@code ntk_infinite} section of theory2.json: the NNGP K⁽ˡ⁾ and NTK Θ⁽ˡ⁾ Gram matrices at
 * every listed depth, within the stated tolerance relative to the largest |entry| of each matrix.
 */
final class NtkInfiniteReference {
    private NtkInfiniteReference() {
    }

    @SuppressWarnings("unchecked")
    static int check(List<Map<String, Object>> cases) {
        int n = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            ScalarActivation a = ScalarActivation.forName((String) c.get("activation"));
            Tensor x = Reference.tensor(c.get("X"));
            List<Object> depths = (List<Object>) c.get("depths");
            int maxDepth = 0;
            for (Object d : depths) {
                maxDepth = Math.max(maxDepth, ((Number) d).intValue());
            }
            double rtol = ((Number) ((Map<String, Object>) c.get("tolerance")).get("relative_to_max_abs_entry_per_matrix"))
                    .doubleValue();
            InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(a, num(c.get("C_b")), num(c.get("C_W")), x, maxDepth);
            List<Object> nngp = (List<Object>) c.get("nngp_K");
            List<Object> ntk = (List<Object>) c.get("ntk_Theta");
            for (int i = 0; i < depths.size(); i++) {
                int l = ((Number) depths.get(i)).intValue();
                compare(name + " K at depth " + l, k.nngp().get(l - 1), Reference.tensor(nngp.get(i)), rtol);
                compare(name + " Θ at depth " + l, k.ntk().get(l - 1), Reference.tensor(ntk.get(i)), rtol);
            }
            n++;
        }
        return n;
    }

    private static void compare(String what, Tensor actual, Tensor expected, double rtol) {
        double scale = expected.abs().max().item();
        Reference.assertClose("ntk_infinite " + what, actual, expected, 0.0, rtol * scale);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
