package org.nabla.optim;

import static org.nabla.optim.FlatVectors.*;
import static org.nabla.optim.LBFGS.C1;
import static org.nabla.optim.LBFGS.C2;
import static org.nabla.optim.LBFGS.MAX_LINE_SEARCH;

import java.util.List;
import org.nabla.autodiff.Parameter;

/**
 * The strong-Wolfe line search of {@link LBFGS} (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithms 3.5 and 3.6, in the form of minFunc and PyTorch's {@code _strong_wolfe}): find
 * t with f(x + t d) ≤ f(x) + c₁ t gᵀd and |∇f(x + t d)ᵀd| ≤ −c₂ gᵀd by bracketing, then zoom by
 * cubic interpolation (eq. 3.59). The constants are {@link LBFGS#C1}, {@link LBFGS#C2} and
 * {@link LBFGS#MAX_LINE_SEARCH}.
 */
final class StrongWolfeLineSearch {
    private StrongWolfeLineSearch() {
    }

    /** The accepted point: f and ∇f at x + t d, t, and the evaluations used. */
    record Result(double f, double[] g, double t, int evaluations) {
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
    static Result search(Closure closure, List<Parameter> params, double[] x, double t,
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
        return new Result(bracketF[low], bracketG[low], bracket[low], evals);
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

}
