package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Dropout;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.viz.ModuleSummary.Row;

/** The summary table: output shapes from one forward pass, parameter counts, totals, no side effects. */
class ModuleSummaryTest {

    /** y = x + f(x): a container that is not a Sequential (its child's output is internal). */
    static final class Residual extends Module {
        final Linear inner;

        Residual(int n, Rng rng) {
            inner = registerModule("inner", new Linear(n, n, rng));
        }

        @Override
        public Variable forward(Variable x) {
            return x.add(inner.forward(x));
        }
    }

    @Test
    void convolutionalNetworkShapesAndCounts() {
        Rng rng = new Rng(3);
        Sequential model = new Sequential(
                new Conv2d(1, 4, 3, rng), new ReLU(), new MaxPool2d(2),
                new Sequential(new Flatten(), new Linear(4 * 3 * 3, 10, rng)));
        ModuleSummary s = ModuleSummary.of(model, 2, 1, 8, 8);
        List<Row> rows = s.rows();
        assertThat(rows).extracting(Row::name).containsExactly("", "0", "1", "2", "3", "3.0", "3.1");
        assertThat(rows).extracting(Row::depth).containsExactly(0, 1, 1, 1, 1, 2, 2);
        assertThat(rows).extracting(r -> r.outputShape().toString())
                .containsExactly("[2, 10]", "[2, 4, 6, 6]", "[2, 4, 6, 6]", "[2, 4, 3, 3]", "[2, 10]", "[2, 36]", "[2, 10]");
        // Conv2d(1→4, 3×3): 4·1·3·3 + 4 = 40;  Linear(36→10): 360 + 10 = 370
        assertThat(rows).extracting(Row::parameters).containsExactly(410L, 40L, 0L, 0L, 370L, 0L, 370L);
        assertThat(s.totalParameters()).isEqualTo(410).isEqualTo(model.parameterCount());
        assertThat(s.inputShape()).isEqualTo(Shape.of(2, 1, 8, 8));
        assertThat(s.outputShape()).isEqualTo(Shape.of(2, 10));
        assertThat(rows.get(1).description()).startsWith("Conv2d(in=1, out=4, kernel=3x3");
        assertThat(rows.get(0).description()).isEqualTo("Sequential");
    }

    @Test
    void tableLooksLikeTorchinfo() {
        Sequential model = new Sequential(new Linear(64, 32, new Rng(1)), new ReLU(), new Linear(32, 10, new Rng(2)));
        String table = ModuleSummary.of(model, 1, 64).toString();
        assertThat(table).isEqualTo(""
                + "Layer (description)                      Output shape   Parameters\n"
                + "==================================================================\n"
                + "Sequential                               [1, 10]             2,410\n"
                + "├─ 0: Linear(in=64, out=32, bias=true)   [1, 32]             2,080\n"
                + "├─ 1: ReLU                               [1, 32]                 0\n"
                + "└─ 2: Linear(in=32, out=10, bias=true)   [1, 10]               330\n"
                + "==================================================================\n"
                + "Input shape: [1, 64]   Output shape: [1, 10]\n"
                + "Total parameters: 2,410 (18.8 KiB as 64-bit doubles)\n");
    }

    @Test
    void subModulesOfOtherContainersAreListedWithoutAShape() {
        Sequential model = new Sequential(new Residual(5, new Rng(4)), new Linear(5, 2, new Rng(5)));
        ModuleSummary s = ModuleSummary.of(model, 3, 5);
        assertThat(s.rows()).extracting(Row::name).containsExactly("", "0", "0.inner", "1");
        assertThat(s.rows().get(1).outputShape()).isEqualTo(Shape.of(3, 5));
        assertThat(s.rows().get(2).outputShape()).isNull();
        assertThat(s.rows().get(2).parameters()).isEqualTo(30);
        assertThat(s.toString()).contains("│  └─ 0.inner: Linear(in=5, out=5, bias=true)   —");
    }

    @Test
    void leavesTrainingModeAndRunningStatisticsUntouched() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential model = new Sequential(new Linear(4, 3, new Rng(6)), bn, new Dropout(0.5, new Rng(7)));
        model.get(2).eval(); // a mixed state must come back as it was
        double[] before = bn.namedParameters().values().stream().map(Parameter::value)
                .flatMapToDouble(t -> java.util.Arrays.stream(t.toArray())).toArray();
        String stateBefore = bn.toString();
        ModuleSummary s = ModuleSummary.of(model, 2, 4);
        assertThat(s.outputShape()).isEqualTo(Shape.of(2, 3));
        assertThat(model.isTraining()).isTrue();
        assertThat(model.get(0).isTraining()).isTrue();
        assertThat(bn.isTraining()).isTrue();
        assertThat(model.get(2).isTraining()).isFalse();
        double[] after = bn.namedParameters().values().stream().map(Parameter::value)
                .flatMapToDouble(t -> java.util.Arrays.stream(t.toArray())).toArray();
        assertThat(after).containsExactly(before);
        assertThat(bn.toString()).isEqualTo(stateBefore);
        // evaluation-mode forward of zeros: BatchNorm with running mean 0, variance 1 gives β = 0 shifted linear output
        Tensor y = model.forward(Tensor.zeros(2, 4));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void aShapeTheModelRejectsIsReportedWithTheModule() {
        Sequential model = new Sequential(new Linear(4, 3, new Rng(8)), new ReLU(), new Linear(5, 2, new Rng(9)));
        assertThatThrownBy(() -> ModuleSummary.of(model, 1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ModuleSummary: forward of '2' (Linear(in=5, out=2, bias=true)) failed on an "
                        + "input of shape [1, 3]: ")
                .hasMessageContaining("expected input with last axis 5");
        assertThat(model.isTraining()).isTrue();
    }
}
