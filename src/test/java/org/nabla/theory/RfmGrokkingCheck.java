package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nabla.tensor.Tensor;

/**
 * The rfm_grokking section of theory2.json: RFM on a ∘ b mod p with the authors' settings, replayed
 * with {@link FeatureMachine} and {@link ModularArithmetic}; test accuracy per iteration, whether and
 * when it reaches 1, its maximum, and the circulant structure of M, at the tolerances each case states.
 */
final class RfmGrokkingCheck {
    private static final Set<String> TOLERANCES = Set.of("kind", "test_accuracy", "reaches_test_accuracy_1",
            "first_iteration_test_accuracy_1", "max_test_accuracy", "cross_block_circulant_fraction", "final_M_measures",
            "M_final");

    private RfmGrokkingCheck() {
    }

    static ModularArithmetic.Operation operation(String name, String text) {
        return switch (text.replace(" ", "")) {
            case "x+ymodp" -> ModularArithmetic.Operation.ADD;
            case "x-ymodp", "x−ymodp" -> ModularArithmetic.Operation.SUBTRACT;
            case "x*ymodp", "x·ymodp" -> ModularArithmetic.Operation.MULTIPLY;
            default -> throw new AssertionError(name + ": unknown operation '" + text + "'");
        };
    }

    /** Cases with more pairs than this are replayed by {@link RfmGrokkingReplayTest}, a class of its own. */
    static final int LARGE_PAIRS = 2000;

    /** Whether a case is large (p² above {@link #LARGE_PAIRS}). */
    static boolean large(Map<String, Object> c) {
        int p = ((Number) c.get("p")).intValue();
        return p * p > LARGE_PAIRS;
    }

    /**
     * Replays every small case; the large ones (p = 61: 25 fits of 1860 points, half a minute) are
     * replayed by {@link RfmGrokkingReplayTest} and counted here after their settings are read.
     */
    @SuppressWarnings("unchecked")
    static int check(List<Map<String, Object>> cases) {
        int n = 0;
        for (Map<String, Object> c : cases) {
            if (large(c)) {
                RfmCaseSettings.options((String) c.get("name"), (Map<String, Object>) c.get("settings"), false);
            } else {
                check(c);
            }
            n++;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        Map<String, Object> tol = (Map<String, Object>) c.get("tolerance");
        assertThat(TOLERANCES).as(name + ": tolerance keys").containsAll(tol.keySet());
        int p = ((Number) c.get("p")).intValue();
        ModularArithmetic task = ModularArithmetic.of(operation(name, (String) c.get("operation")), p);
        List<Object> idx = (List<Object>) c.get("train_indices");
        int[] train = idx.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        double fraction = ((Number) c.get("training_fraction")).doubleValue();
        assertThat(train).as(name + ": ⌊fraction·p²⌋ training pairs").hasSize((int) Math.floor(fraction * p * p));
        RfmOptions o = RfmCaseSettings.options(name, (Map<String, Object>) c.get("settings"), false);
        FeatureMachine.Split[] split = task.split(train);
        RfmHistory h = FeatureMachine.train(split[0], o, null, split[1]);

        double[] acc = h.testAccuracy();
        List<Object> accRef = (List<Object>) c.get("test_accuracy");
        assertThat(acc).as(name + " iterations").hasSize(accRef.size());
        double accTol = RfmParityCheck.number(tol, "test_accuracy", 0);
        for (int t = 0; t < acc.length; t++) {
            assertThat(acc[t]).as(name + " test_accuracy[" + t + "]").isCloseTo(num(accRef.get(t)), within(accTol));
        }
        int first = h.firstRoundReachingTestAccuracy(1.0);
        assertThat(first >= 0).as(name + " reaches_test_accuracy_1").isEqualTo(c.get("reaches_test_accuracy_1"));
        Object firstRef = c.get("first_iteration_test_accuracy_1");
        if (firstRef != null) {
            double slack = RfmParityCheck.number(tol, "first_iteration_test_accuracy_1", 0);
            assertThat((double) first).as(name + " first_iteration_test_accuracy_1")
                    .isCloseTo(num(firstRef), within(slack));
        }
        double max = java.util.Arrays.stream(acc).max().orElseThrow();
        assertThat(max).as(name + " max_test_accuracy").isCloseTo(num(c.get("max_test_accuracy")),
                within(RfmParityCheck.number(tol, "max_test_accuracy", 0)));

        double fracTol = RfmParityCheck.number(tol, "cross_block_circulant_fraction", 0);
        String[] measures = {"cross_block_circulant_fraction", "cross_block_hankel_fraction", "block_circulant_fraction"};
        for (String key : measures) {
            List<Object> ref = (List<Object>) c.get(key);
            if (ref == null) {
                continue;
            }
            assertThat(ref).as(name + " " + key + " per iteration").hasSize(acc.length);
            for (int t = 0; t < ref.size(); t++) {
                double ours = measure(key, h.rounds().get(t).featureMatrix());
                String what = name + " " + key + "[" + t + "]";
                if (ref.get(t) == null) {
                    assertThat(ours).as(what + " (undefined at M = I)").isNaN();
                } else {
                    assertThat(ours).as(what).isCloseTo(num(ref.get(t)), within(fracTol));
                }
            }
        }
        Map<String, Object> fin = (Map<String, Object>) c.get("final_M_measures");
        double finTol = RfmParityCheck.number(tol, "final_M_measures", 0);
        Tensor mT = h.finalFeatureMatrix();
        for (Map.Entry<String, Object> e : fin.entrySet()) {
            assertThat(measure(e.getKey(), mT)).as(name + " final " + e.getKey()).isCloseTo(num(e.getValue()),
                    within(finTol));
        }
    }

    private static double measure(String key, Tensor m) {
        return switch (key) {
            case "cross_block_circulant_fraction" -> CirculantStructure.crossBlockCirculantFraction(m);
            case "cross_block_hankel_fraction" -> CirculantStructure.crossBlockHankelFraction(m);
            case "block_circulant_fraction" -> CirculantStructure.blockCirculantFraction(m);
            default -> throw new AssertionError("unknown structure measure '" + key + "'");
        };
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
