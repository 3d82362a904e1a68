package org.nabla.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

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
 * <p>Hyper-parameters (one group only): {@code learningRate} η (1), {@code maxIter} (20),
 * {@code maxEval} (maxIter·5/4), {@code toleranceGrad} (1e-7), {@code toleranceChange} (1e-9),
 * {@code historySize} m (100), {@code lineSearch} (NONE).
 */
public final class LBFGS extends Optimizer {
    public static final String MAX_ITER = "maxIter";
    public static final String MAX_EVAL = "maxEval";
    public static final String TOLERANCE_GRAD = "toleranceGrad";
    public static final String TOLERANCE_CHANGE = "toleranceChange";
    public static final String HISTORY_SIZE = "historySize";
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

    private LBFGS(List<Parameter> parameters, Map<String, Object> defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters, with PyTorch's defaults. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** L-BFGS has a single parameter group. */
    @Override
    public ParameterGroup addParameterGroup(List<Parameter> parameters, Map<String, Object> overrides) {
        if (!parameterGroups().isEmpty()) {
            throw new UnsupportedOperationException("LBFGS: parameter groups are not supported (there is one group)");
        }
        return super.addParameterGroup(parameters, overrides);
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
     * Not available: L-BFGS re-evaluates the objective during a step.
     *
     * @throws UnsupportedOperationException always; use {@link #step(Closure)}
     */
    @Override
    public void step(Gradients gradients) {
        throw new UnsupportedOperationException(
                "LBFGS: step needs a closure that re-evaluates the loss; call step(Closure)");
    }

    @Override
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        throw new UnsupportedOperationException("LBFGS updates all parameters together in step(Closure)");
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
        List<Parameter> params = parameterGroups().get(0).parameters();
        double[] before = gatherValues(params);
        Map<String, Tensor> state = state();
        double loss = unguardedStep(closure);
        for (Parameter p : params) {
            String problem = nonFinite(p, p.value(), null);
            if (problem != null) {
                setValues(params, before);
                loadState(state);
                throw new ArithmeticException(name() + ".step: " + problem + "; no parameter was changed (NaN guard)");
            }
        }
        return loss;
    }

    private double unguardedStep(Closure closure) {
        ParameterGroup group = parameterGroups().get(0);
        double lr = group.learningRate();
        int maxIter = group.getInt(MAX_ITER);
        int maxEval = group.getInt(MAX_EVAL);
        double tolGrad = group.getDouble(TOLERANCE_GRAD);
        double tolChange = group.getDouble(TOLERANCE_CHANGE);
        int historySize = group.getInt(HISTORY_SIZE);
        boolean strongWolfe = group.get(LINE_SEARCH) == LineSearch.STRONG_WOLFE;
        List<Parameter> params = group.parameters();

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
                LineSearchResult r = strongWolfe(closure, params, x, t, d, loss, flatGrad, gtd, tolChange);
                loss = r.f;
                flatGrad = r.g;
                t = r.t;
                lsFuncEvals = r.evaluations;
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

    private record LineSearchResult(double f, double[] g, double t, int evaluations) {
    }

    private record Point(double f, double[] g) {
    }

    /** f and ∇f at x + t d; the parameters are restored to x afterwards. */
    private static Point directionalEvaluate(Closure closure, List<Parameter> params, double[] x, double t, double[] d) {
        setValues(params, axpy(x, t, d));
        Closure.Evaluation e = closure.evaluate();
        double[] g = gather(params, e.gradients());
        setValues(params, x);
        return new Point(e.loss(), g);
    }

    /**
     * Strong-Wolfe line search (Nocedal &amp; Wright, Algorithms 3.5 and 3.6, in the form of
     * minFunc/PyTorch): bracketing, then zoom by cubic interpolation.
     */
    private static LineSearchResult strongWolfe(Closure closure, List<Parameter> params, double[] x, double t,
            double[] d, double f, double[] g, double gtd, double tolChange) {
        double dNorm = maxAbs(d);
        Point p = directionalEvaluate(closure, params, x, t, d);
        double fNew = p.f;
        double[] gNew = p.g;
        int evals = 1;
        double gtdNew = dot(gNew, d);

        double tPrev = 0;
        double fPrev = f;
        double[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        double[][] bracketG = null;
        double[] bracketGtd = null;
        // bracketing phase (Algorithm 3.5)
        while (lsIter < MAX_LINE_SEARCH) {
            if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new double[][] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double previous = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            p = directionalEvaluate(closure, params, x, t, d);
            fNew = p.f;
            gNew = p.g;
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LINE_SEARCH) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new double[][] {g, gNew};
        }

        // zoom phase (Algorithm 3.6)
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LINE_SEARCH) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < tolChange) {
                break;
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            double bMax = Math.max(bracket[0], bracket[1]);
            double bMin = Math.min(bracket[0], bracket[1]);
            double eps = 0.1 * (bMax - bMin);
            if (Math.min(bMax - t, t - bMin) < eps) {
                if (insufficientProgress || t >= bMax || t <= bMin) {
                    t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            p = directionalEvaluate(closure, params, x, t, d);
            fNew = p.f;
            gNew = p.g;
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew;
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew;
                bracketGtd[low] = gtdNew;
            }
        }
        return new LineSearchResult(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /** The minimiser of the cubic through (x₁, f₁, g₁), (x₂, f₂, g₂), clamped to [x₁, x₂]. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return cubicInterpolate(x1, f1, g1, x2, f2, g2, Math.min(x1, x2), Math.max(x1, x2));
    }

    /**
     * The minimiser of the cubic interpolating f and f′ at two points (Nocedal &amp; Wright eq. 3.59):
     * <pre>
     *   d₁ = g₁ + g₂ − 3 (f₁ − f₂)/(x₁ − x₂),   d₂ = √(d₁² − g₁ g₂)
     *   x* = x₂ − (x₂ − x₁)(g₂ + d₂ − d₁)/(g₂ − g₁ + 2 d₂)      (x₁ ≤ x₂; symmetric otherwise)
     * </pre>
     * clamped to [lower, upper]; the midpoint of the bounds when d₁² − g₁ g₂ &lt; 0.
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
            double lower, double upper) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return pyMin(pyMax(minPos, lower), upper);
        }
        return (lower + upper) / 2.0;
    }

    // Python's min/max keep the first argument on ties and NaN comparisons; mirror that.
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        requireNonNegative(h, ParameterGroup.LEARNING_RATE);
        requirePositiveWholeNumber(h, MAX_ITER);
        requirePositiveWholeNumber(h, MAX_EVAL);
        requirePositiveWholeNumber(h, HISTORY_SIZE);
        requireNonNegative(h, TOLERANCE_GRAD);
        requireNonNegative(h, TOLERANCE_CHANGE);
        if (!(h.get(LINE_SEARCH) instanceof LineSearch)) {
            throw new IllegalArgumentException("LBFGS: lineSearch must be NONE or STRONG_WOLFE, got "
                    + h.get(LINE_SEARCH));
        }
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

    @Override
    public void loadState(Map<String, Tensor> saved) {
        for (String key : saved.keySet()) {
            if (!key.matches("0\\.(func_evals|n_iter|d|t|H_diag|prev_flat_grad|prev_loss|(old_dirs|old_stps|ro)\\.\\d+)")) {
                throw new IllegalArgumentException("LBFGS.loadState: unknown key '" + key + "'");
            }
        }
        funcEvals = (int) scalar(saved, "0.func_evals", 0);
        nIter = (int) scalar(saved, "0.n_iter", 0);
        oldDirs.clear();
        oldStps.clear();
        ro.clear();
        if (nIter == 0) {
            d = null;
            prevFlatGrad = null;
            t = 0;
            hDiag = 1;
            prevLoss = 0;
            return;
        }
        d = required(saved, "0.d").toArray();
        t = scalar(saved, "0.t", Double.NaN);
        hDiag = scalar(saved, "0.H_diag", Double.NaN);
        prevFlatGrad = required(saved, "0.prev_flat_grad").toArray();
        prevLoss = scalar(saved, "0.prev_loss", Double.NaN);
        for (int i = 0; saved.containsKey("0.old_dirs." + i); i++) {
            oldDirs.add(saved.get("0.old_dirs." + i).toArray());
            oldStps.add(required(saved, "0.old_stps." + i).toArray());
            ro.add(required(saved, "0.ro." + i).item());
        }
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

    // ---- flat-vector helpers ----

    private static double[] gather(List<Parameter> params, Gradients gradients) {
        int total = 0;
        for (Parameter p : params) {
            total += p.size();
        }
        double[] flat = new double[total];
        int offset = 0;
        for (Parameter p : params) {
            double[] g = gradients.of(p).toArray();
            System.arraycopy(g, 0, flat, offset, g.length);
            offset += g.length;
        }
        return flat;
    }

    private static double[] gatherValues(List<Parameter> params) {
        int total = 0;
        for (Parameter p : params) {
            total += p.size();
        }
        double[] flat = new double[total];
        int offset = 0;
        for (Parameter p : params) {
            double[] v = p.value().toArray();
            System.arraycopy(v, 0, flat, offset, v.length);
            offset += v.length;
        }
        return flat;
    }

    private static void setValues(List<Parameter> params, double[] flat) {
        try (NoGrad scope = NoGrad.enter()) {
            int offset = 0;
            for (Parameter p : params) {
                double[] v = new double[p.size()];
                System.arraycopy(flat, offset, v, 0, v.length);
                p.set(Tensor.of(p.shape(), v));
                offset += v.length;
            }
        }
    }

    private static double[] axpy(double[] x, double t, double[] d) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] + t * d[i];
        }
        return r;
    }

    private static double[] scale(double[] a, double s) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * s;
        }
        return r;
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    private static void addScaled(double[] a, double s, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += s * b[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    /** Builds an {@link LBFGS}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private boolean maxEvalSet;

        private Builder(List<Parameter> parameters) {
            super(parameters);
            h.put(ParameterGroup.LEARNING_RATE, 1.0);
            h.put(MAX_ITER, 20);
            h.put(MAX_EVAL, 25);
            h.put(TOLERANCE_GRAD, 1e-7);
            h.put(TOLERANCE_CHANGE, 1e-9);
            h.put(HISTORY_SIZE, 100);
            h.put(LINE_SEARCH, LineSearch.NONE);
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
                h.put(MAX_EVAL, ((Number) h.get(MAX_ITER)).intValue() * 5 / 4);
            }
            return configure(new LBFGS(parameters, h));
        }
    }
}
