package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;

/** The summary table shows buffers (BatchNorm's running statistics and counter) when a model has any. */
class ModuleSummaryBuffersTest {
    @Test
    void buffersHaveAColumnAndATotal() {
        Sequential m = new Sequential(new Linear(3, 4, new Rng(0)), new BatchNorm1d(4), new Linear(4, 2, new Rng(1)));
        ModuleSummary s = ModuleSummary.of(m, 8, 3);
        assertThat(s.totalBuffers()).isEqualTo(9); // running_mean (4), running_var (4), num_batches_tracked (1)
        assertThat(s.rows()).extracting(ModuleSummary.Row::buffers).containsExactly(9L, 0L, 9L, 0L);
        assertThat(s.toString()).isEqualTo(String.join("\n",
                "Layer (description)                                           Output shape   Parameters   Buffers",
                "=================================================================================================",
                "Sequential                                                    [8, 2]                 34         9",
                "├─ 0: Linear(in=3, out=4, bias=true)                          [8, 4]                 16         0",
                "├─ 1: BatchNorm1d(4, eps=1.0E-5, momentum=0.1, affine=true)   [8, 4]                  8         9",
                "└─ 2: Linear(in=4, out=2, bias=true)                          [8, 2]                 10         0",
                "=================================================================================================",
                "Input shape: [8, 3]   Output shape: [8, 2]",
                "Total parameters: 34 (272 B as 64-bit doubles)",
                "Total buffers: 9 (not trained; saved with the parameters)", ""));
        // a model without buffers keeps the table without the column
        assertThat(ModuleSummary.of(new Linear(3, 4, new Rng(0)), 2, 3).toString()).doesNotContain("Buffers");
        assertThat(m.get(1).isTraining()).isTrue(); // the summary ran in eval mode and restored the flag
    }
}
