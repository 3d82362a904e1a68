package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Tensor;

class DigitsTest {
    @Test
    void loadsThe1797DigitsScaledToUnitInterval() {
        TensorDataset d = Digits.load();
        assertThat(d.features().dims()).containsExactly(1797, 64);
        assertThat(d.targets().dims()).containsExactly(1797);
        assertThat(d.features().min().item()).isEqualTo(0.0);
        assertThat(d.features().max().item()).isEqualTo(1.0);
        // the first line of the file: 0,0,5,13,9,1,0,0,… label 0
        assertThat(d.features(0).slice(0, 0, 6)).isEqualTo(Tensor.of(0, 0, 5 / 16.0, 13 / 16.0, 9 / 16.0, 1 / 16.0));
        assertThat(d.target(0).item()).isEqualTo(0);
        assertThat(d.target(1).item()).isEqualTo(1);
        int[] counts = new int[10];
        for (double y : d.targets().toArray()) {
            assertThat(y).isEqualTo(Math.rint(y));
            counts[(int) y]++;
        }
        // class counts of the UCI test part (checked with awk on the shipped file)
        assertThat(counts).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        TensorDataset raw = Digits.load(false);
        assertThat(raw.features().max().item()).isEqualTo(16.0);
        assertThat(raw.features().div(16)).isEqualTo(d.features());
        assertThat(Digits.image(d, 0).dims()).containsExactly(8, 8);
        assertThat(Digits.image(d, 0).get(0, 2)).isEqualTo(5 / 16.0);
    }

    @Test
    void trainTestSplitIsSeeded() {
        Split<TensorDataset> a = Digits.trainTest(0.8, 1);
        Split<TensorDataset> b = Digits.trainTest(0.8, 1);
        assertThat(a.train().size()).isEqualTo(1438); // round(0.8 · 1797)
        assertThat(a.test().size()).isEqualTo(359);
        assertThat(a.train().targets()).isEqualTo(b.train().targets());
        assertThat(a.test().features()).isEqualTo(b.test().features());
    }

    @Test
    void attributionShipsBesideTheResource() throws Exception {
        try (InputStream in = Digits.class.getResourceAsStream("/org/nabla/data/digits.csv.gz.NOTICE")) {
            assertThat(in).isNotNull();
            String notice = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(notice).contains("Alpaydin").contains("CC BY 4.0");
        }
    }
}
