package org.nabla.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a {@link Trainer}'s progress and per-epoch lines go: they are the trainer's output, not log
 * messages, so they appear whatever logging binding (or none) the program has. SLF4J is used only
 * for diagnostics.
 *
 * <p>Ready-made reporters: {@link #automatic()} (the default: standard output — on an interactive
 * terminal one line per epoch rewritten in place with batch k/n, running loss, examples/s and ETA,
 * elsewhere one plain line per epoch), {@link #lines(PrintStream)} (one plain line per epoch to a
 * stream), {@link #to(Consumer)} (each epoch line to a custom sink), {@link #silent()} (nothing).
 * A custom reporter implements {@link #endEpoch} (and optionally {@link #startEpoch} and
 * {@link #batch}). An epoch line reads
 * <pre>
 *   epoch 3  train loss 0.1234  train acc 0.9650  val loss 0.1500  val acc 0.9580  (0.41s)
 * </pre>
 * (accuracies only for a classifier, validation figures only when there is a validation set).
 */
public interface Progress {
    /** Called when epoch {@code epoch} (from 1) starts. */
    default void startEpoch(int epoch) {
    }

    /**
     * Called after batch {@code batch} of {@code batches} of epoch {@code epoch}, with the mean loss
     * over the {@code examples} examples seen so far in this epoch.
     */
    default void batch(int epoch, int batch, int batches, double runningLoss, long examples) {
    }

    /** Called after every epoch with its record and its line as {@link #line} formats it. */
    void endEpoch(EpochRecord record, String line);

    /**
     * Standard output (looked up at each print, so a redirected {@code System.out} is followed): the
     * in-place progress line when a console is attached and the environment variable CI is not set,
     * else one plain line per epoch.
     */
    static Progress automatic() {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        return new ConsoleProgress(tty, null);
    }

    /** One plain line per epoch to {@code out}, no progress bar. */
    static Progress lines(PrintStream out) {
        return new ConsoleProgress(false, Objects.requireNonNull(out, "out"));
    }

    /** Each epoch line to {@code sink} (a list, a logger, a GUI), no progress bar. */
    static Progress to(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return (record, line) -> sink.accept(line);
    }

    /** No output at all. */
    static Progress silent() {
        return (record, line) -> {
        };
    }

    /**
     * One epoch's line: accuracies only for a classifier, validation figures only when there is a
     * validation set (a validation loss that became NaN is then shown as NaN).
     */
    static String line(EpochRecord r, boolean classifier, boolean validation) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d  train loss %.4f", r.epoch(), r.trainLoss()));
        if (classifier) {
            b.append(String.format(Locale.ROOT, "  train acc %.4f", r.trainAccuracy()));
        }
        if (validation) {
            b.append(String.format(Locale.ROOT, "  val loss %.4f", r.validationLoss()));
            if (classifier) {
                b.append(String.format(Locale.ROOT, "  val acc %.4f", r.validationAccuracy()));
            }
        }
        return b.append(String.format(Locale.ROOT, "  (%.2fs)", r.seconds())).toString();
    }
}
