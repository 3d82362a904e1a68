package org.nabla.train;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training progress without output spam. On an interactive terminal a single line per epoch is
 * rewritten in place (batch k/n, running loss, examples/s, ETA); in a log or on CI (no console, or
 * the environment variable CI set) only one summary line per epoch goes through SLF4J.
 */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private final boolean interactive;
    private final PrintStream out;
    private long epochStart;
    private long lastDraw;

    private Progress(boolean interactive, PrintStream out) {
        this.interactive = interactive;
        this.out = out;
    }

    /** Chooses the terminal line when a console is attached and CI is not set, else log lines. */
    public static Progress automatic() {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        return new Progress(tty, System.out);
    }

    /** Summary lines through SLF4J only. */
    public static Progress logOnly() {
        return new Progress(false, System.out);
    }

    /** No output at all. */
    public static Progress silent() {
        return new Progress(false, null);
    }

    void startEpoch() {
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    void batch(int epoch, int k, int n, double runningLoss, long examples) {
        if (!interactive || out == null) {
            return;
        }
        long now = System.nanoTime();
        if (k < n && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - epochStart) / 1e9;
        double rate = examples / Math.max(secs, 1e-9);
        double eta = k == 0 ? 0 : secs * (n - k) / k;
        out.print(String.format(Locale.ROOT, "\repoch %d  batch %d/%d  loss %.4f  %.0f ex/s  ETA %.1fs   ", epoch, k, n,
                runningLoss, rate, eta));
        out.flush();
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

    void endEpoch(EpochRecord r, boolean classifier, boolean validation) {
        String line = line(r, classifier, validation);
        if (out == null) {
            return;
        }
        if (interactive) {
            out.print("\r" + line + "          \n");
            out.flush();
        } else {
            LOG.info(line);
        }
    }
}
