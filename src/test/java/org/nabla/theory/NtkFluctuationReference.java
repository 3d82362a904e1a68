package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replays the {@code ntk_fluctuation} section of theory2.json, a property check: at every (L, n) of the
 * grid our seeded ensemble of {@code networks_small} ReLU networks estimates r = E[Θ²]/E[Θ]² within
 * {@code tolerance_abs_*} (4 combined standard errors) of the 10,000-network reference ratio, for both
 * definitions; 1 &lt; r; r ≤ exp(5β) within the same tolerance; β and exp(5β) as recorded.
 */
final class NtkFluctuationReference {
    private NtkFluctuationReference() {
    }

    @SuppressWarnings("unchecked")
    static int check(List<Map<String, Object>> cases) {
        int n = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            Map<String, Object> net = (Map<String, Object>) c.get("network");
            ScalarActivation a = ScalarActivation.forName((String) net.get("activation"));
            int n0 = ((Number) net.get("n0")).intValue();
            double[] x = new double[n0];
            if (net.get("x") instanceof List<?> given) {
                for (int i = 0; i < n0; i++) {
                    x[i] = num(given.get(i));
                }
            } else {
                Arrays.fill(x, 1.0); // "all ones (length n0)"
            }
            // "W^(k) ~ N(0, 2/fan_in)" (He); a numeric C_W, if a case gives one, takes precedence
            double cW = net.get("C_W") instanceof Number w ? w.doubleValue() : 2.0;
            int networks = ((Number) c.get("networks_small")).intValue();
            long seed = ((Number) c.get("seed")).longValue();
            for (Object o : (List<Object>) c.get("grid")) {
                Map<String, Object> g = (Map<String, Object>) o;
                int depth = ((Number) g.get("L")).intValue();
                int width = ((Number) g.get("n")).intValue();
                String what = "ntk_fluctuation " + name + " (L, n) = (" + depth + ", " + width + ")";
                NtkFluctuation.Result r = NtkFluctuation.measure(a, cW, x, depth, width, networks, seed + 1000L * depth + width);
                assertThat(r.beta()).as(what + " β").isCloseTo(num(g.get("beta")), org.assertj.core.data.Offset.offset(1e-15));
                assertThat(r.exp5Beta()).as(what + " exp(5β)")
                        .isCloseTo(num(g.get("prediction_exp_5beta")), org.assertj.core.data.Percentage.withPercentage(1e-10));
                check(what + " sp_all", r.spAll().value(), num(g.get("ratio_sp_all_ref")), num(g.get("tolerance_abs_sp_all")),
                        r.exp5Beta());
                check(what + " ntk_weights", r.ntkWeights().value(), num(g.get("ratio_ntk_weights_ref")),
                        num(g.get("tolerance_abs_ntk_weights")), r.exp5Beta());
            }
            n++;
        }
        return n;
    }

    private static void check(String what, double ratio, double reference, double tolerance, double exp5Beta) {
        assertThat(Math.abs(ratio - reference)).as(what + ": |r − r_ref| for r = " + ratio + ", r_ref = " + reference)
                .isLessThanOrEqualTo(tolerance);
        assertThat(ratio).as(what + ": r > 1").isGreaterThan(1.0);
        assertThat(ratio).as(what + ": r ≤ exp(5β) + tolerance").isLessThanOrEqualTo(exp5Beta + tolerance);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
