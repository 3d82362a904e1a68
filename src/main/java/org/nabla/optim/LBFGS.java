package org.nabla.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

import static org.nabla.optim.FlatVectors.*;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., 2006, §7.2,
 * Algorithms 7.4 and 7.5; Liu &amp; Nocedal 1989), with the optional strong-Wolfe line search of
 * Algorithms 3.5–3.6 — PyTorch's {@code torch.optim.LBFGS} iterate for iterate.
 *
 * <p>All parameters are treated as one flat vector x. One call of {@link #step(Closure)} runs up to
 * {@code maxIter} iterations (and about {@code maxEval} evaluations of the closure):
 * <pre>
 *   k = 1 (first iteration ever):  d ← −g,  H⁰ = I
 *   k &gt; 1:  s ← t d (last step),  y ← g − g_prev;  if yᵀs &gt; 10⁻¹⁰ keep the pair (s, y)
 *           (at most m = historySize pairs, oldest dropped) and set γ = sᵀy / yᵀy;
 *           d ← −H g by the two-loop recursion (Algorithm 7.4) with H⁰ = γ I:
 *             q ← −g;  for i = newest…oldest: αᵢ ← ρᵢ sᵢᵀq,  q ← q − αᵢ yᵢ     (ρᵢ = 1/yᵢᵀsᵢ)
 *             r ← γ q; for i = oldest…newest: β ← ρᵢ yᵢᵀr,   r ← r + (αᵢ − β) sᵢ;   d ← r
 *   step length: t = min(1, 1/‖g‖₁)·η on the very first iteration, t = η afterwards;
 *           with the strong-Wolfe line search, t is refined from that initial guess;
 *   x ← x + t d
 * </pre>
 * Iteration stops when: gᵀd &gt; −toleranceChange (not a descent direction); maxIter iterations;
 * maxEval evaluations; max|gᵢ| ≤ toleranceGrad; max|t dᵢ| ≤ toleranceChange; or
 * |f − f_prev| &lt; toleranceChange. A call returns immediately (after one evaluation) when
 * max|gᵢ| ≤ toleranceGrad at the start.
 *
 * <p>As in PyTorch, d, t, the (s, y) history, γ, the previous gradient and loss and the iteration
 * count are carried across calls of {@code step}: a second call continues the same run (and its
 * first iteration uses the t left by the previous call to form s). Without a line search the
 * closure is not re-evaluated after the last iteration of a call.
 *
 * <p>The line search ({@link LineSearch#STRONG_WOLFE}) looks for t with
 * f(x + t d) ≤ f(x) + c₁ t gᵀd and |∇f(x + t d)ᵀd| ≤ −c₂ gᵀd (c₁ = 10⁻⁴, c₂ = 0.9, at most 25
 * evaluations): a bracketing phase extrapolates by cubic interpolation (within [t + 0.01 (t − t_prev),
 * 10 t]) until an interval containing acceptable points is found; a zoom phase shrinks it by cubic
 * interpolation of the two end points (values and directional derivatives), moving trial points
 * that land within 10% of an end point to that 10% mark when progress is insufficient, and stops
 * when the interval is shorter than toleranceChange / max|dᵢ|. See docs/optimizers.md.
 *
 * <p>Hyper-parameters ({@link Settings}; one set for all parameters): {@code learningRate} η (1), {@code maxIter} (20),
 * {@code maxEval} (maxIter·5/4), {@code toleranceGrad} (1e-7), {@code toleranceChange} (1e-9),
 * {@code historySize} m (100), {@code lineSearch} (NONE).
 */
public final class LBFGS implements ClosureOptimizer {
    /** The name of the iteration budget in the by-name view. */
    public static final String MAX_ITER = "maxIter";
    /** The name of the evaluation budget in the by-name view. */
    public static final String MAX_EVAL = "maxEval";
    /** The name of the gradient tolerance in the by-name view. */
    public static final String TOLERANCE_GRAD = "toleranceGrad";
    /** The name of the change tolerance in the by-name view. */
    public static final String TOLERANCE_CHANGE = "toleranceChange";
    /** The name of the history size m in the by-name view. */
    public static final String HISTORY_SIZE = "historySize";
    /** The name of the step-length rule in the by-name view. */
    public static final String LINE_SEARCH = "lineSearch";

    /** Sufficient-decrease constant c₁ of the Wolfe conditions. */
    public static final double C1 = 1e-4;
    /** Curvature constant c₂ of the strong Wolfe conditions. */
    public static final double C2 = 0.9;
    /** Maximum number of evaluations in one line search. */
    public static final int MAX_LINE_SEARCH = 25;

    /** The step-length rule. */
    public enum LineSearch {
        /** A fixed step t = η (after the first iteration). */
        NONE,
        /** Strong-Wolfe line search with cubic interpolation (PyTorch's {@code "strong_wolfe"}). */
        STRONG_WOLFE
    }

    /**
     * The hyper-parameters of L-BFGS, validated here: η ≥ 0, the budgets and m whole numbers ≥ 1
     * (typed as int: nothing is ever truncated), the tolerances ≥ 0, a line-search rule.
     *
     * @param learningRate η (the step length, or the line search's first trial)
     * @param maxIter maximum iterations per call of step
     * @param maxEval maximum closure evaluations per call of step
     * @param toleranceGrad stop when max|gᵢ| ≤ this
     * @param toleranceChange stop when the step, the loss change or the directional derivative is below this
     * @param historySize m, the number of (s, y) pairs kept
     * @param lineSearch the step-length rule
     */
    public record Settings(double learningRate, int maxIter, int maxEval, double toleranceGrad,
            double toleranceChange, int historySize, LineSearch lineSearch) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Check.nonNegative("LBFGS", ParameterGroup.LEARNING_RATE, learningRate);
            Check.atLeastOne("LBFGS", MAX_ITER, maxIter);
            Check.atLeastOne("LBFGS", MAX_EVAL, maxEval);
            Check.atLeastOne("LBFGS", HISTORY_SIZE, historySize);
            Check.nonNegative("LBFGS", TOLERANCE_GRAD, toleranceGrad);
            Check.nonNegative("LBFGS", TOLERANCE_CHANGE, toleranceChange);
            Check.present("LBFGS", LINE_SEARCH, lineSearch, "NONE or STRONG_WOLFE");
        }

        /** PyTorch's defaults: η = 1, 20 iterations, 25 evaluations, 1e-7, 1e-9, m = 100, no line search. */
        public static Settings defaults() {
            return new Settings(1, 20, 25, 1e-7, 1e-9, 100, LineSearch.NONE);
        }

        @Override
        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with another iteration budget (the evaluation budget is left as it is). */
        public Settings withMaxIter(int maxIter) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with another evaluation budget. */
        public Settings withMaxEval(int maxEval) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with another gradient tolerance. */
        public Settings withToleranceGrad(double toleranceGrad) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with another change tolerance. */
        public Settings withToleranceChange(double toleranceChange) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with history size m. */
        public Settings withHistorySize(int historySize) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }

        /** These settings with another step-length rule. */
        public Settings withLineSearch(LineSearch lineSearch) {
            return new Settings(learningRate, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
        }
    }

    private final List<Parameter> parameters;
    private Settings settings;
    private boolean nanGuard = Boolean.getBoolean(Optimizer.NAN_GUARD_PROPERTY);

    // state carried across calls of step (PyTorch's state of the first parameter)
    private int funcEvals;
    private int nIter;
    private double[] d;
    private double t;
    private final List<double[]> oldDirs = new ArrayList<>(); // y vectors
    private final List<double[]> oldStps = new ArrayList<>(); // s vectors
    private final List<Double> ro = new ArrayList<>();
    private double hDiag = 1;
    private double[] prevFlatGrad;
    private double prevLoss;

    private LBFGS(List<Parameter> parameters, Settings settings) {
        Check.distinct("LBFGS", "the parameter vector", parameters);
        this.parameters = List.copyOf(parameters);
        this.settings = settings;
    }

    /** A builder over these parameters, with PyTorch's defaults. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** The parameters, treated together as one flat vector x, in the order that numbers them in {@link #state()}. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The hyper-parameters in force (L-BFGS has one set: all parameters form one vector). */
    public Settings settings() {
        return settings;
    }

    /**
     * Replaces the hyper-parameters between calls of step ({@code lbfgs.setSettings(lbfgs.settings().withMaxIter(50))}).
     *
     * @throws NullPointerException for null
     */
    public void setSettings(Settings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "LBFGS.setSettings: settings");
    }

    @Override
    public boolean nanGuard() {
        return nanGuard;
    }

    @Override
    public LBFGS nanGuard(boolean on) {
        this.nanGuard = on;
        return this;
    }

    /** Total number of closure evaluations since construction (PyTorch's {@code func_evals}). */
    public int functionEvaluations() {
        return funcEvals;
    }

    /** Total number of iterations since construction (PyTorch's {@code n_iter}). */
    public int iterations() {
        return nIter;
    }

    /**
     * Runs up to {@code maxIter} L-BFGS iterations. With the NaN guard on, the parameters are checked
     * when the iterations end (the line search may try, and reject, non-finite points): if one is not
     * finite, the parameters and the history are restored to what they were before the call and an
     * {@link ArithmeticException} names the parameter.
     *
     * @param closure re-evaluates the loss and its gradients at the current parameter values
     * @return the loss at the start of the call
     */
    @Override
    public double step(Closure closure) {
        if (!nanGuard()) {
            return unguardedStep(closure);
        }
        List<Parameter> params = parameters;
        double[] before = gatherValues(params);
        Map<String, Tensor> state = state();
        double loss = unguardedStep(closure);
        for (Parameter p : params) {
            String problem = Optimizer.nonFinite(p, p.value(), null);
            if (problem != null) {
                setValues(params, before);
                loadState(state);
                throw new ArithmeticException("LBFGS.step: " + problem + "; no parameter was changed (NaN guard)");
            }
        }
        return loss;
    }

    private double unguardedStep(Closure closure) {
        Settings h = settings;
        double lr = h.learningRate();
        int maxIter = h.maxIter();
        int maxEval = h.maxEval();
        double tolGrad = h.toleranceGrad();
        double tolChange = h.toleranceChange();
        int historySize = h.historySize();
        boolean strongWolfe = h.lineSearch() == LineSearch.STRONG_WOLFE;
        List<Parameter> params = parameters;

        Closure.Evaluation first = closure.evaluate();
        double origLoss = first.loss();
        double loss = origLoss;
        int currentEvals = 1;
        funcEvals++;
        double[] flatGrad = gather(params, first.gradients());
        boolean optCond = maxAbs(flatGrad) <= tolGrad;
        if (optCond) {
            return origLoss;
        }

        int n = 0;
        while (n < maxIter) {
            n++;
            nIter++;
            // direction
            if (nIter == 1) {
                d = scale(flatGrad, -1);
                oldDirs.clear();
                oldStps.clear();
                ro.clear();
                hDiag = 1;
            } else {
                double[] y = subtract(flatGrad, prevFlatGrad);
                double[] s = scale(d, t);
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    if (oldDirs.size() == historySize) {
                        oldDirs.remove(0);
                        oldStps.remove(0);
                        ro.remove(0);
                    }
                    oldDirs.add(y);
                    oldStps.add(s);
                    ro.add(1.0 / ys);
                    hDiag = ys / dot(y, y);
                }
                d = twoLoop(flatGrad);
            }
            prevFlatGrad = flatGrad.clone();
            prevLoss = loss;

            // step length
            t = nIter == 1 ? Math.min(1.0, 1.0 / sumAbs(flatGrad)) * lr : lr;
            double gtd = dot(flatGrad, d);
            if (gtd > -tolChange) {
                break;
            }

            int lsFuncEvals = 0;
            if (strongWolfe) {
                double[] x = gatherValues(params);
                StrongWolfeLineSearch.Result r = StrongWolfeLineSearch.search(closure, params, x, t, d, loss, flatGrad, gtd,
                        tolChange);
                loss = r.f();
                flatGrad = r.g();
                t = r.t();
                lsFuncEvals = r.evaluations();
                setValues(params, axpy(x, t, d));
                optCond = maxAbs(flatGrad) <= tolGrad;
            } else {
                setValues(params, axpy(gatherValues(params), t, d));
                if (n != maxIter) {
                    Closure.Evaluation e = closure.evaluate();
                    loss = e.loss();
                    flatGrad = gather(params, e.gradients());
                    optCond = maxAbs(flatGrad) <= tolGrad;
                    lsFuncEvals = 1;
                }
            }
            currentEvals += lsFuncEvals;
            funcEvals += lsFuncEvals;

            // stopping rules
            if (n == maxIter || currentEvals >= maxEval || optCond) {
                break;
            }
            if (maxAbs(scale(d, t)) <= tolChange) {
                break;
            }
            if (Math.abs(loss - prevLoss) < tolChange) {
                break;
            }
        }
        return origLoss;
    }

    /** d = −H g by the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4), H⁰ = γ I. */
    private double[] twoLoop(double[] g) {
        int k = oldDirs.size();
        double[] alpha = new double[k];
        double[] q = scale(g, -1);
        for (int i = k - 1; i >= 0; i--) {
            alpha[i] = dot(oldStps.get(i), q) * ro.get(i);
            addScaled(q, -alpha[i], oldDirs.get(i));
        }
        double[] r = scale(q, hDiag);
        for (int i = 0; i < k; i++) {
            double beta = dot(oldDirs.get(i), r) * ro.get(i);
            addScaled(r, alpha[i] - beta, oldStps.get(i));
        }
        return r;
    }

    // ---- state ----

    /**
     * The state, keyed as PyTorch keeps it on the first parameter: {@code 0.func_evals},
     * {@code 0.n_iter}, {@code 0.d}, {@code 0.t}, {@code 0.H_diag}, {@code 0.prev_flat_grad},
     * {@code 0.prev_loss}, and the history {@code 0.old_dirs.i}, {@code 0.old_stps.i}, {@code 0.ro.i}.
     */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new TreeMap<>();
        s.put("0.func_evals", Tensor.scalar(funcEvals));
        s.put("0.n_iter", Tensor.scalar(nIter));
        if (nIter == 0) {
            return s;
        }
        s.put("0.d", Tensor.of(d.clone()));
        s.put("0.t", Tensor.scalar(t));
        s.put("0.H_diag", Tensor.scalar(hDiag));
        s.put("0.prev_flat_grad", Tensor.of(prevFlatGrad.clone()));
        s.put("0.prev_loss", Tensor.scalar(prevLoss));
        for (int i = 0; i < oldDirs.size(); i++) {
            s.put("0.old_dirs." + i, Tensor.of(oldDirs.get(i).clone()));
            s.put("0.old_stps." + i, Tensor.of(oldStps.get(i).clone()));
            s.put("0.ro." + i, Tensor.scalar(ro.get(i)));
        }
        return s;
    }

    /**
     * Replaces the state with one saved by {@link #state()}. Every key and tensor is checked before
     * anything is replaced: on a malformed state the optimizer is unchanged.
     *
     * @throws IllegalArgumentException for an unknown or missing key, or a vector whose length is not
     *     the number of parameter entries
     */
    @Override
    public void loadState(Map<String, Tensor> saved) {
        for (String key : saved.keySet()) {
            if (!key.matches("0\\.(func_evals|n_iter|d|t|H_diag|prev_flat_grad|prev_loss|(old_dirs|old_stps|ro)\\.\\d+)")) {
                throw new IllegalArgumentException("LBFGS.loadState: unknown key '" + key + "'");
            }
        }
        int evals = (int) scalar(saved, "0.func_evals", 0);
        int iterations = (int) scalar(saved, "0.n_iter", 0);
        List<double[]> dirs = new ArrayList<>();
        List<double[]> stps = new ArrayList<>();
        List<Double> rho = new ArrayList<>();
        double[] direction = null;
        double[] previousGradient = null;
        double step = 0;
        double diagonal = 1;
        double previousLoss = 0;
        if (iterations != 0) {
            direction = vector(saved, "0.d");
            step = scalar(saved, "0.t", Double.NaN);
            diagonal = scalar(saved, "0.H_diag", Double.NaN);
            previousGradient = vector(saved, "0.prev_flat_grad");
            previousLoss = scalar(saved, "0.prev_loss", Double.NaN);
            for (int i = 0; saved.containsKey("0.old_dirs." + i); i++) {
                dirs.add(vector(saved, "0.old_dirs." + i));
                stps.add(vector(saved, "0.old_stps." + i));
                rho.add(required(saved, "0.ro." + i).item());
            }
        }
        funcEvals = evals;
        nIter = iterations;
        d = direction;
        t = step;
        hDiag = diagonal;
        prevFlatGrad = previousGradient;
        prevLoss = previousLoss;
        oldDirs.clear();
        oldDirs.addAll(dirs);
        oldStps.clear();
        oldStps.addAll(stps);
        ro.clear();
        ro.addAll(rho);
    }

    private double[] vector(Map<String, Tensor> saved, String key) {
        double[] v = required(saved, key).toArray();
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        if (v.length != n) {
            throw new IllegalArgumentException("LBFGS.loadState: key '" + key + "' holds " + v.length
                    + " numbers but the parameters have " + n + " entries in all");
        }
        return v;
    }

    private static Tensor required(Map<String, Tensor> saved, String key) {
        Tensor v = saved.get(key);
        if (v == null) {
            throw new IllegalArgumentException("LBFGS.loadState: missing key '" + key + "'");
        }
        return v;
    }

    private static double scalar(Map<String, Tensor> saved, String key, double absent) {
        Tensor v = saved.get(key);
        return v == null ? absent : v.item();
    }

    /** Builds an {@link LBFGS}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private boolean maxEvalSet;

        private Builder(List<Parameter> parameters) {
            super(parameters, SettingsByName.asMap(Settings.defaults()));
        }

        /** Maximum iterations per call of step. */
        public Builder maxIter(int maxIter) {
            h.put(MAX_ITER, maxIter);
            return this;
        }

        /** Maximum function evaluations per call of step (default maxIter·5/4, integer division). */
        public Builder maxEval(int maxEval) {
            h.put(MAX_EVAL, maxEval);
            maxEvalSet = true;
            return this;
        }

        /** Stop when max|gᵢ| ≤ this. */
        public Builder toleranceGrad(double tol) {
            h.put(TOLERANCE_GRAD, tol);
            return this;
        }

        /** Stop when the step, the loss change or the directional derivative is below this. */
        public Builder toleranceChange(double tol) {
            h.put(TOLERANCE_CHANGE, tol);
            return this;
        }

        /** Number m of (s, y) pairs kept. */
        public Builder historySize(int m) {
            h.put(HISTORY_SIZE, m);
            return this;
        }

        /** The step-length rule. */
        public Builder lineSearch(LineSearch lineSearch) {
            h.put(LINE_SEARCH, lineSearch);
            return this;
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public LBFGS build() {
            if (!maxEvalSet) {
                h.put(MAX_EVAL, ((Integer) h.get(MAX_ITER)) * 5 / 4); // PyTorch: max_iter * 5 // 4
            }
            return configure(new LBFGS(parameters, SettingsByName.create(Settings.class, h)));
        }
    }
}
