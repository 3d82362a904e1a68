package org.nabla.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@link Progress} on a print stream: on a terminal one line per epoch rewritten in place (at most
 * ten times a second), elsewhere one plain line per epoch.
 */
final class ConsoleProgress implements Progress {
    private final boolean interactive;
    private final PrintStream fixed;
    private long epochStart;
    private long lastDraw;

    /** {@code out == null}: the current {@code System.out} at each print. */
    ConsoleProgress(boolean interactive, PrintStream out) {
        this.interactive = interactive;
        this.fixed = out;
    }

    private PrintStream out() {
        return fixed != null ? fixed : System.out;
    }

    @Override
    public void startEpoch(int epoch) {
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void batch(int epoch, int batch, int batches, double runningLoss, long examples) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (batch < batches && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - epochStart) / 1e9;
        double rate = examples / Math.max(secs, 1e-9);
        double eta = batch == 0 ? 0 : secs * (batches - batch) / batch;
        PrintStream out = out();
        out.print(String.format(Locale.ROOT, "\repoch %d  batch %d/%d  loss %.4f  %.0f ex/s  ETA %.1fs   ", epoch, batch,
                batches, runningLoss, rate, eta));
        out.flush();
    }

    @Override
    public void endEpoch(EpochRecord record, String line) {
        PrintStream out = out();
        if (interactive) {
            out.print("\r" + line + "          \n");
        } else {
            out.println(line);
        }
        out.flush();
    }
}
