package org.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.examples.training.StabilityOfAccuracy;

class StabilityMonitorTest {
    @Test
    void flagsExactlyTheEpochsWhereTheLossFellAndTheAccuracyDropped() {
        ClassificationConfidence good = ClassificationConfidence.ofValues(0.5, 0.4, 0.3, -0.1); // accuracy 0.75
        ClassificationConfidence worse = ClassificationConfidence.ofValues(0.5, 0.4, -0.01, -0.1); // accuracy 0.5
        StabilityMonitor m = new StabilityMonitor(0.05, 0.2)
                .record(1, 1.0, good)
                .record(2, 0.9, worse)   // loss down, accuracy down: unstable
                .record(3, 0.95, good)   // loss up
                .record(4, 0.97, worse)  // loss up, accuracy down: not the paper's instability
                .record(5, 0.5, worse);  // loss down, accuracy equal
        assertThat(m.unstableEpochs()).containsExactly(2);
        assertThat(m.stable()).isFalse();
        assertThat(m.massNear(1)).containsExactly(0.25, 0.5);     // |δ| < 0.05: −0.01; |δ| < 0.2: −0.01, −0.1
        assertThat(m.worstMassNear()).containsExactly(0.25, 0.5);
        assertThat(m.report()).contains("UNSTABLE").contains("unstable epochs: [2]").contains("m(0.05)");
        assertThatThrownBy(() -> m.record(5, 0.1, good)).hasMessageContaining("epochs must increase");
        assertThatThrownBy(() -> new StabilityMonitor(0.0)).hasMessageContaining("(0, 2]");
    }

    @Test
    void theConstructedFlatRunIsUnstableAndTheGappedOneIsNot() {
        StabilityMonitor flat = StabilityOfAccuracy.monitor(true);
        StabilityMonitor gapped = StabilityOfAccuracy.monitor(false);
        assertThat(flat.entries()).hasSize(StabilityOfAccuracy.EPOCHS + 1);
        assertThat(flat.unstableEpochs()).containsExactly(1);
        assertThat(flat.entries().get(0).accuracy()).isCloseTo(40.0 / 44, within(1e-15));
        assertThat(flat.entries().get(1).accuracy()).isCloseTo(20.0 / 44, within(1e-15));
        assertThat(flat.entries().get(1).loss()).isLessThan(flat.entries().get(0).loss());
        assertThat(flat.massNear(0)[3]).isCloseTo(40.0 / 44, within(1e-15)); // m(0.1): the flat portion
        assertThat(gapped.stable()).isTrue();
        assertThat(gapped.worstMassNear()[3]).isZero();
        for (int i = 1; i < gapped.entries().size(); i++) {
            assertThat(gapped.entries().get(i).loss()).isLessThan(gapped.entries().get(i - 1).loss());
            assertThat(gapped.entries().get(i).accuracy()).isEqualTo(40.0 / 44);
        }
    }
}
