package org.nabla.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Stability of accuracy under training, measured (Berlyand, Jabin &amp; Safsten, "Stability for the
 * training of deep neural networks and other classifiers", M3AS 31 (2021), arXiv 2002.04122).
 *
 * <p>Per epoch t it records the loss L_t, the accuracy A_t = #{δ_t &gt; 0}/N and the distribution of the
 * {@link ClassificationConfidence} δ_t(x) = p_y(x) − max_{j≠y} p_j(x) on one data set. Epoch t is
 * <em>unstable</em> (the paper's phenomenon: a decreasing loss does not keep the accuracy up) when
 * <pre>
 *   L_t &lt; L_{t−1}   and   A_t &lt; A_{t−1}.
 * </pre>
 * The paper's condition for stability is on the data: no "flat portion" of the confidence distribution
 * at the decision boundary, i.e. the mass near zero m_t(δ) = #{|δ_t(x)| &lt; δ}/N must be small for
 * small δ (it tends to 0 with δ). A decrease of the loss can only move across the boundary objects
 * whose confidence is near zero, so m_t(δ) bounds the accuracy that a small change of the
 * classifier can lose. The monitor reports m_t(δ) for a grid of δ ({@link #massNear}, {@link #report()}).
 *
 * <p>Fill it with {@link #record} (e.g. an initial evaluation as epoch 0) and {@link #record(History)}
 * (a run of a {@link Trainer} with {@link Trainer.Builder#trackConfidence()}: its validation loss and
 * validation confidence; give the training set as validation set to watch the training data).
 */
public final class StabilityMonitor {
    /** What the monitor keeps of one epoch. */
    public record Entry(int epoch, double loss, double accuracy, ClassificationConfidence confidence) {
    }

    private final double[] grid;
    private final List<Entry> entries = new ArrayList<>();

    /** A monitor reporting m(δ) on the grid δ ∈ {0.01, 0.02, 0.05, 0.1, 0.2, 0.5}. */
    public StabilityMonitor() {
        this(0.01, 0.02, 0.05, 0.1, 0.2, 0.5);
    }

    /** A monitor reporting m(δ) on the given grid (each δ in (0, 2]). */
    public StabilityMonitor(double... grid) {
        Objects.requireNonNull(grid, "grid");
        if (grid.length == 0) {
            throw new IllegalArgumentException("StabilityMonitor: the grid of δ is empty");
        }
        for (double d : grid) {
            if (!(d > 0 && d <= 2)) {
                throw new IllegalArgumentException("StabilityMonitor: each δ of the grid must lie in (0, 2], got " + d);
            }
        }
        this.grid = grid.clone();
    }

    /** Records epoch {@code epoch}: its loss and confidence distribution (the accuracy is {@code c.accuracy()}). */
    public StabilityMonitor record(int epoch, double loss, ClassificationConfidence c) {
        Objects.requireNonNull(c, "confidence");
        if (!entries.isEmpty() && epoch <= entries.get(entries.size() - 1).epoch()) {
            throw new IllegalArgumentException("StabilityMonitor.record: epochs must increase, got " + epoch + " after "
                    + entries.get(entries.size() - 1).epoch());
        }
        entries.add(new Entry(epoch, loss, c.accuracy(), c));
        return this;
    }

    /** Records every epoch of a history: validation loss and the confidence it stores. */
    public StabilityMonitor record(History h) {
        for (EpochRecord r : h.epochs()) {
            if (r.confidence() == null) {
                throw new IllegalArgumentException("StabilityMonitor.record: epoch " + r.epoch() + " has no confidence"
                        + " distribution (build the Trainer with trackConfidence() and a validation loader)");
            }
            record(r.epoch(), r.validationLoss(), r.confidence());
        }
        return this;
    }

    /** The recorded epochs in order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The δ grid. */
    public double[] grid() {
        return grid.clone();
    }

    /** The epochs t where L_t &lt; L_{t−1} and A_t &lt; A_{t−1}. */
    public List<Integer> unstableEpochs() {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < entries.size(); i++) {
            Entry a = entries.get(i - 1);
            Entry b = entries.get(i);
            if (b.loss() < a.loss() && b.accuracy() < a.accuracy()) {
                out.add(b.epoch());
            }
        }
        return out;
    }

    /** True when no recorded epoch is unstable. */
    public boolean stable() {
        return unstableEpochs().isEmpty();
    }

    /** m_t(δ) = #{|δ_t(x)| &lt; δ}/N of entry {@code index} (0-based in {@link #entries()}) for each δ of the grid. */
    public double[] massNear(int index) {
        return entries.get(index).confidence().massNear(grid);
    }

    /** The largest m_t(δ) over the recorded epochs, for each δ of the grid (the condition over the whole run). */
    public double[] worstMassNear() {
        double[] w = new double[grid.length];
        for (int i = 0; i < entries.size(); i++) {
            double[] m = massNear(i);
            for (int j = 0; j < grid.length; j++) {
                w[j] = Math.max(w[j], m[j]);
            }
        }
        return w;
    }

    /**
     * A table, one line per epoch: loss, accuracy, m(δ) on the grid and "UNSTABLE" where the loss fell
     * while the accuracy dropped; then a summary line.
     */
    public String report() {
        StringBuilder b = new StringBuilder("epoch  loss     accuracy");
        for (double d : grid) {
            b.append(String.format(Locale.ROOT, "  m(%s)", trim(d)));
        }
        b.append('\n');
        List<Integer> unstable = unstableEpochs();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append(String.format(Locale.ROOT, "%5d  %.4f   %.4f  ", e.epoch(), e.loss(), e.accuracy()));
            double[] m = massNear(i);
            for (int j = 0; j < m.length; j++) {
                String head = "  m(" + trim(grid[j]) + ")";
                b.append(String.format(Locale.ROOT, "%" + head.length() + ".4f", m[j]));
            }
            if (unstable.contains(e.epoch())) {
                b.append("  UNSTABLE: loss fell, accuracy dropped");
            }
            b.append('\n');
        }
        b.append(unstable.isEmpty() ? "stable: the accuracy never dropped while the loss fell"
                : "unstable epochs: " + unstable);
        return b.append('\n').toString();
    }

    private static String trim(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
