package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * The rfm_parity section of theory2.json: the RFM of the authors' notebook and package replayed with
 * {@link FeatureMachine} — M after every round, test and train MSE per round, final test predictions —
 * at the tolerances each case states.
 */
final class RfmParityCheck {
    private static final Set<String> TARGETS = Set.of("M_after_iteration", "test_mse_per_round", "train_mse_per_round",
            "final_test_predictions");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?)");

    private RfmParityCheck() {
    }

    @SuppressWarnings("unchecked")
    static int check(List<Map<String, Object>> cases) {
        int n = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            Map<String, Object> tol = (Map<String, Object>) c.get("tolerance");
            assertThat(TARGETS).as(name + ": tolerance keys").containsAll(tol.keySet());
            RfmOptions o = RfmCaseSettings.options(name, (Map<String, Object>) c.get("settings"), true);
            FeatureMachine.Split train = new FeatureMachine.Split(Reference.tensor(c.get("X_train")),
                    Reference.tensor(c.get("y_train")));
            FeatureMachine.Split test = new FeatureMachine.Split(Reference.tensor(c.get("X_test")),
                    Reference.tensor(c.get("y_test")));
            RfmHistory h = FeatureMachine.train(train, o, null, test);

            List<Object> ms = (List<Object>) c.get("M_after_iteration");
            assertThat(h.updates()).as(name + " rounds").hasSize(ms.size());
            double mTol = number(tol, "M_after_iteration", 0);
            for (int t = 0; t < ms.size(); t++) {
                Tensor expected = Reference.tensor(ms.get(t));
                Reference.assertClose(name + " M_after_iteration[" + t + "]", h.updates().get(t), expected, 0,
                        mTol * expected.abs().max().item());
            }
            Reference.assertClose(name + " test_mse_per_round", Tensor.of(h.testMse()),
                    Reference.array(c.get("test_mse_per_round")), number(tol, "test_mse_per_round", 0), 0);
            if (c.containsKey("train_mse_per_round")) {
                Reference.assertClose(name + " train_mse_per_round", Tensor.of(h.perRound(r -> r.train().mse())),
                        Reference.array(c.get("train_mse_per_round")), number(tol, "train_mse_per_round", 0),
                        number(tol, "train_mse_per_round", 1));
            }
            if (c.containsKey("final_test_predictions")) {
                Tensor expected = Reference.tensor(c.get("final_test_predictions"));
                Reference.assertClose(name + " final_test_predictions", h.last().predictor().predict(test.x()), expected,
                        0, number(tol, "final_test_predictions", 0) * expected.abs().max().item());
            }
            n++;
        }
        return n;
    }

    /** The k-th number in a tolerance text (the second is an absolute floor; 0 when absent). */
    static double number(Map<String, Object> tol, String key, int k) {
        Object v = tol.get(key);
        if (v == null) {
            throw new AssertionError("tolerance has no entry '" + key + "'");
        }
        Matcher m = NUMBER.matcher((String) v);
        for (int i = 0; i <= k; i++) {
            if (!m.find()) {
                if (k > 0) {
                    return 0;
                }
                throw new AssertionError("tolerance '" + key + "' = '" + v + "' states no number");
            }
        }
        return Double.parseDouble(m.group(1));
    }
}
