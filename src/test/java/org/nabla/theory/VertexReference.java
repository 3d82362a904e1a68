package org.nabla.theory;

import java.util.List;
import java.util.Map;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/** Replays the {@code vertex} section of theory2.json: K, V, V/K², χ∥ and the moments, relative 1e-8. */
final class VertexReference {
    private VertexReference() {
    }

    @SuppressWarnings("unchecked")
    static int check(List<Map<String, Object>> cases) {
        int n = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            ScalarActivation a = ScalarActivation.forName((String) c.get("activation"));
            double cB = num(c.get("C_b"));
            double cW = num(c.get("C_W"));
            List<Object> xs = (List<Object>) c.get("x");
            double[] x = new double[xs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = num(xs.get(i));
            }
            int n0 = ((Number) c.get("n0")).intValue();
            if (n0 != x.length) {
                throw new AssertionError("vertex " + name + ": n0 = " + n0 + " but x has " + x.length + " entries");
            }
            int depth = ((Number) c.get("depth")).intValue();
            Map<String, Object> tol = (Map<String, Object>) c.get("tolerance");
            double rtol = num(tol.get("relative"));
            FourPointVertex.Profile p = FourPointVertex.of(a, cB, cW, x, depth);
            Map<String, double[]> got = Map.of("K", p.kernel(), "V", p.vertex(), "V_over_K_squared",
                    p.vertexOverKernelSquared(), "chi_parallel", p.chiParallel(), "variance_term", p.varianceTerm(),
                    "mean_sigma_sq", p.meanSigmaSquared(), "mean_sigma_4", p.meanSigmaFourth());
            for (Object field : (List<Object>) tol.get("applies_to")) {
                double[] actual = got.get((String) field);
                if (actual == null) {
                    throw new AssertionError("vertex " + name + ": unknown target field '" + field + "'");
                }
                Tensor expected = Reference.array(c.get((String) field));
                // exact zeros (V⁽¹⁾) are reproduced exactly; the absolute floor only absorbs the rounding of 0
                Reference.assertClose("vertex " + name + " " + field, Tensor.of(actual), expected, rtol, 1e-300);
            }
            n++;
        }
        return n;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
