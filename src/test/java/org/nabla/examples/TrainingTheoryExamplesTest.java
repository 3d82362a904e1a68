package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.examples.training.WhenIsANetworkTrained;
import org.nabla.train.History;
import org.nabla.train.StoppingRule;

/** The figures docs/training-theory.md quotes from {@link WhenIsANetworkTrained}. */
class TrainingTheoryExamplesTest {
    @Test
    void theStoppingRulesStopWhereTheDocsSay() {
        WhenIsANetworkTrained.Run run = WhenIsANetworkTrained.run();
        History h = run.history();
        Map<String, Integer> stops = new LinkedHashMap<>();
        for (Map.Entry<String, StoppingRule> e : WhenIsANetworkTrained.rules().entrySet()) {
            stops.put(e.getKey(), h.firstStop(e.getValue()));
        }
        assertThat(stops.values()).containsExactly(30, 23, 6, 12, 11, 22);
        assertThat(run.testAccuracy()[30 - 1]).isCloseTo(0.9778, within(5e-5));
        assertThat(run.testAccuracy()[23 - 1]).isCloseTo(0.9861, within(5e-5));
        assertThat(run.testAccuracy()[6 - 1]).isCloseTo(0.9611, within(5e-5));
        assertThat(run.testAccuracy()[12 - 1]).isCloseTo(0.9778, within(5e-5));
        assertThat(run.testAccuracy()[11 - 1]).isCloseTo(0.9750, within(5e-5));
        assertThat(run.testAccuracy()[22 - 1]).isCloseTo(0.9861, within(5e-5));
    }
}
