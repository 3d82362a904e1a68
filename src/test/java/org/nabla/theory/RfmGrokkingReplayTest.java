package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.testing.Reference;

/**
 * The large cases of theory2.json's rfm_grokking section (the paper's setting, p = 61 with half of the
 * 3721 pairs, 25 iterations), in a class of their own because each takes about half a minute of one
 * core; the small cases are replayed by {@link Theory2ReferenceTest}.
 */
class RfmGrokkingReplayTest {
    @Test
    @SuppressWarnings("unchecked")
    void replaysTheLargeGrokkingCases() {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) Reference.load("theory2.json").get("rfm_grokking");
        int n = 0;
        for (Map<String, Object> c : cases) {
            if (RfmGrokkingCheck.large(c)) {
                RfmGrokkingCheck.check(c);
                n++;
            }
        }
        assertThat(n + cases.stream().filter(c -> !RfmGrokkingCheck.large(c)).count()).isEqualTo(cases.size());
    }
}
