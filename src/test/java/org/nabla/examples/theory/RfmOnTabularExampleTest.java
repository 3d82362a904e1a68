package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tabular example on the data sets python3-sklearn ships (skipped when they are absent). */
class RfmOnTabularExampleTest {
    @Test
    void rfmKrrAndMlpAllClassifyTheTabularSets() throws Exception {
        assumeTrue(Files.isRegularFile(RfmOnTabular.SKLEARN.resolve("wine_data.csv")),
                "python3-sklearn's data sets are not installed");
        List<RfmOnTabular.Row> rows = RfmOnTabular.runAll(42);
        assertThat(rows).isNotEmpty();
        for (RfmOnTabular.Row r : rows) {
            assertThat(r.krr()).as(r.name() + " KRR").isGreaterThan(0.9);
            assertThat(r.rfm()).as(r.name() + " RFM").isGreaterThan(0.9);
            assertThat(r.mlp()).as(r.name() + " MLP").isGreaterThan(0.9);
            assertThat(r.rfmRound()).isBetween(0, 5);
        }
    }
}
