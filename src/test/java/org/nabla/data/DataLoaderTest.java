package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

class DataLoaderTest {
    /** 10 examples: features (i, 10·i) and target i, so every batch says which examples it holds. */
    private static TensorDataset data(int n) {
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.of(Shape.of(n, 2), x), Tensor.of(Shape.of(n), y));
    }

    private static List<Integer> ids(Iterable<Batch> epoch) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : epoch) {
            for (double v : b.targets().toArray()) {
                seen.add((int) v);
            }
            // features travel with their targets
            assertThat(b.features().select(1, 1)).isEqualTo(b.targets().mul(10));
        }
        return seen;
    }

    @Test
    void sequentialBatchesInOrderWithShortLastBatch() {
        DataLoader loader = DataLoader.sequential(data(10), 4);
        List<int[]> shapes = new ArrayList<>();
        for (Batch b : loader.epoch(0)) {
            shapes.add(b.features().dims());
            assertThat(b.targets().rank()).isEqualTo(1);
        }
        assertThat(shapes).containsExactly(new int[] {4, 2}, new int[] {4, 2}, new int[] {2, 2});
        assertThat(ids(loader.epoch(3))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(loader.numBatches()).isEqualTo(3);
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataLoader loader = DataLoader.builder(data(10)).batchSize(4).dropLast(true).shuffle(1).build();
        assertThat(loader.numBatches()).isEqualTo(2);
        int count = 0;
        for (Batch b : loader.epoch(0)) {
            assertThat(b.size()).isEqualTo(4);
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(ids(loader.epoch(0))).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void shuffledEpochsArePermutationsReproducibleFromTheSeed() {
        DataLoader a = DataLoader.shuffled(data(50), 7, 42);
        DataLoader b = DataLoader.shuffled(data(50), 7, 42);
        List<Integer> e0 = ids(a.epoch(0));
        List<Integer> e1 = ids(a.epoch(1));
        assertThat(e0).containsExactlyInAnyOrderElementsOf(ids(DataLoader.sequential(data(50), 50).epoch(0)));
        assertThat(e0).isNotEqualTo(e1);
        assertThat(ids(b.epoch(1))).isEqualTo(e1); // epoch 1 replayed without running epoch 0
        assertThat(ids(a.epoch(0))).isEqualTo(e0); // an epoch can be iterated again
        assertThat(ids(DataLoader.shuffled(data(50), 7, 43).epoch(0))).isNotEqualTo(e0);
        // the documented derivation: epoch e uses new Rng(draw e of new Rng(seed))
        org.nabla.tensor.Rng master = new org.nabla.tensor.Rng(42);
        master.nextLong();
        int[] order1 = new org.nabla.tensor.Rng(master.nextLong()).permutation(50);
        assertThat(a.order(1)).containsExactly(order1);
    }

    @Test
    void forEachRunsTheNextEpochEachTime() {
        DataLoader loader = DataLoader.shuffled(data(20), 5, 7);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            epochs.add(ids(loader));
        }
        for (int e = 0; e < 3; e++) {
            assertThat(epochs.get(e)).isEqualTo(ids(loader.epoch(e)));
        }
    }

    @Test
    void genericDatasetsAreCollatedByStacking() {
        Dataset d = new Dataset() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public Tensor features(int i) {
                return Tensor.full(Shape.of(2, 2), i);
            }

            @Override
            public Tensor target(int i) {
                return Tensor.scalar(i);
            }
        };
        Batch b = DataLoader.sequential(d, 2).epoch(0).iterator().next();
        assertThat(b.features().dims()).containsExactly(2, 2, 2);
        assertThat(b.targets()).isEqualTo(Tensor.of(0, 1));
        assertThat(b.features().select(0, 1)).isEqualTo(Tensor.full(Shape.of(2, 2), 1));
        Dataset sub = d.subset(2, 0);
        assertThat(sub.size()).isEqualTo(2);
        assertThat(sub.target(0).item()).isEqualTo(2);
        assertThat(sub.batch(1, 0).targets()).isEqualTo(Tensor.of(0, 2));
    }

    @Test
    void errorsAreExplained() {
        assertThatThrownBy(() -> DataLoader.sequential(data(3), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: batch size must be ≥ 1, got 0");
        assertThatThrownBy(() -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TensorDataset: features have 3 examples (shape [3, 2]) but targets have 4 (shape [4])"
                        + " (expected the same size of axis 0)");
        assertThatThrownBy(() -> data(3).batch(0, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("TensorDataset: index 3 at position 1 is out of range for a data set of 3 examples");
        assertThatThrownBy(() -> data(3).features(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("features: index -1 is out of range for a data set of 3 examples");
        assertThatThrownBy(() -> DataLoader.sequential(data(3), 1).order(-1))
                .hasMessage("DataLoader: epoch must be ≥ 0, got -1");
        var it = DataLoader.sequential(data(2), 2).epoch(0).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessage("DataLoader: the epoch has 1 batches");
    }

    @Test
    void tensorDatasetViewsAndSubsets() {
        TensorDataset d = data(5);
        assertThat(d.features(2)).isEqualTo(Tensor.of(2, 20));
        assertThat(d.target(4).item()).isEqualTo(4);
        assertThat(d.featureShape()).isEqualTo(Shape.of(2));
        assertThat(d.targetShape()).isEqualTo(Shape.SCALAR);
        TensorDataset s = d.subset(4, 1, 1);
        assertThat(s.targets()).isEqualTo(Tensor.of(4, 1, 1));
        assertThat(s.features()).isEqualTo(Tensor.of(new double[][] {{4, 40}, {1, 10}, {1, 10}}));
        assertThat(d.subset().size()).isZero();
        // a dataset built from a non-contiguous view
        TensorDataset t = new TensorDataset(Tensor.arange(6).reshape(2, 3).t(), Tensor.of(7, 8, 9));
        assertThat(t.batch(2, 0).features()).isEqualTo(Tensor.of(new double[][] {{2, 5}, {0, 3}}));
        assertThat(Arrays.toString(t.featureShape().dims())).isEqualTo("[2]");
        assertThat(t.toString()).isEqualTo("TensorDataset(3 examples, features [2], targets [])");
    }
}
