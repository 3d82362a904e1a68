package org.nabla.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.nabla.tensor.Rng;

/**
 * Mini-batches of a data set, one epoch at a time: the examples are (optionally) shuffled, cut into
 * consecutive groups of {@code batchSize} and collated into {@link Batch}es. This is the sampling
 * scheme of minibatch stochastic gradient descent, where each epoch is one pass over a fresh random
 * permutation of the training set (Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, 2016,
 * §8.1.3; Bottou, "Stochastic gradient descent tricks", 2012).
 *
 * <p><b>Reproducibility.</b> The order of epoch e is a Fisher–Yates permutation drawn from
 * {@code new Rng(sₑ)}, where sₑ is draw number e (from 0) of {@code new Rng(seed).nextLong()}: a
 * stream derived from the seed and the epoch alone, so a rerun with the same seed sees the same
 * batches, and epoch 7 can be replayed without running epochs 0–6.
 *
 * <p><b>Iteration.</b> {@link #epoch(int)} gives the batches of one epoch. The loader is also an
 * {@link Iterable}: the k-th call of {@link #iterator()} (k = 0, 1, 2, …) runs epoch k, so that
 * {@code for (Batch b : loader)} inside an epoch loop reshuffles every time, as in PyTorch.
 *
 * <p>With {@code dropLast}, a last batch smaller than {@code batchSize} is skipped (useful when a
 * layer needs a fixed batch size, e.g. batch normalization on a size-1 batch); otherwise it is kept.
 * Batches are built lazily, one per call of {@code next()}.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final AtomicInteger nextEpoch = new AtomicInteger();

    private DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /**
     * Batches of {@code batchSize} examples in a fresh seeded order every epoch, keeping a short last
     * batch.
     */
    public static DataLoader shuffled(Dataset dataset, int batchSize, long seed) {
        return builder(dataset).batchSize(batchSize).shuffle(seed).build();
    }

    /** Batches of {@code batchSize} examples in the data set's own order (e.g. for evaluation). */
    public static DataLoader sequential(Dataset dataset, int batchSize) {
        return builder(dataset).batchSize(batchSize).build();
    }

    /** A builder: batch size 32, no shuffling, last batch kept, until told otherwise. */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** Configures a {@link DataLoader}. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;

        private Builder(Dataset dataset) {
            if (dataset == null) {
                throw new IllegalArgumentException("DataLoader: the data set is null");
            }
            this.dataset = dataset;
        }

        /** The number of examples per batch, ≥ 1. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader: batch size must be ≥ 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffle every epoch with permutations derived from {@code seed}. */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Skip a last batch that would be smaller than the batch size. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The loader. */
        public DataLoader build() {
            return new DataLoader(dataset, batchSize, shuffle, seed, dropLast);
        }
    }

    /** The data set batched. */
    public Dataset dataset() {
        return dataset;
    }

    /** The number of examples per (full) batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The number of batches per epoch: ⌊n/b⌋ with dropLast, else ⌈n/b⌉. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The order in which epoch {@code epoch} visits the examples: a seeded permutation of 0, …, n−1
     * when shuffling, else 0, 1, …, n−1.
     */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader: epoch must be ≥ 0, got " + epoch);
        }
        int n = dataset.size();
        if (!shuffle) {
            int[] id = new int[n];
            Arrays.setAll(id, i -> i);
            return id;
        }
        return new Rng(epochSeed(seed, epoch)).permutation(n);
    }

    /** sₑ: draw number e (from 0) of {@code new Rng(seed)}. */
    static long epochSeed(long seed, int epoch) {
        Rng master = new Rng(seed);
        long s = master.nextLong();
        for (int e = 0; e < epoch; e++) {
            s = master.nextLong();
        }
        return s;
    }

    /** The batches of epoch {@code epoch} (iterable any number of times, always the same batches). */
    public Iterable<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        return () -> new BatchIterator(order);
    }

    /** The batches of the next epoch: epoch k on the k-th call (k = 0, 1, 2, …). */
    @Override
    public Iterator<Batch> iterator() {
        return new BatchIterator(order(nextEpoch.getAndIncrement()));
    }

    private final class BatchIterator implements Iterator<Batch> {
        private final int[] order;
        private final int batches;
        private int next;

        BatchIterator(int[] order) {
            this.order = order;
            this.batches = numBatches();
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
            }
            int from = next * batchSize;
            int to = Math.min(from + batchSize, order.length);
            next++;
            return dataset.batch(Arrays.copyOfRange(order, from, to));
        }
    }
}
