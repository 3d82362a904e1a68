package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The network grokking example, shortened: it fits the training pairs long before the test pairs. */
class NetworkGrokkingExampleTest {
    @Test
    void trainAccuracyComesFirstAndTheAgopTurnsCirculant() {
        List<NetworkGrokking.Report> r = NetworkGrokking.run(23, 0.5, 256, 1000, 250, 1.0, 0);
        NetworkGrokking.Report early = r.get(1); // step 250
        NetworkGrokking.Report last = r.get(r.size() - 1);
        assertThat(early.trainAccuracy()).isEqualTo(1.0);
        assertThat(early.testAccuracy()).isLessThan(0.1);
        assertThat(last.agopCirculant()).isGreaterThan(2 * r.get(0).agopCirculant());
        assertThat(last.testAccuracy()).isGreaterThan(early.testAccuracy());
    }
}
