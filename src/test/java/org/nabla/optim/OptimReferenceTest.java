package org.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * Replays every trajectory of optim.json (PyTorch 1.13, float64): the iterates of SGD, Adam, AdamW,
 * RMSprop and Adagrad after each step, and for L-BFGS the iterate after each call of step and the
 * objective at every function evaluation. Tolerance: optimizer iterates 1e-8.
 */
class OptimReferenceTest {
    private static final String FILE = "optim.json";
    private static final double RTOL = 1e-8;
    private static final double ATOL = 1e-10;

    @Test
    @SuppressWarnings("unchecked")
    void replaysEveryTrajectory() {
        Map<String, Object> root = Reference.load(FILE);
        Map<String, Object> functions = (Map<String, Object>) root.get("functions");
        List<Object> trajectories = (List<Object>) root.get("trajectories");
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Object o : trajectories) {
            Map<String, Object> tr = (Map<String, Object>) o;
            String label = tr.get("function") + " " + tr.get("optimizer") + " " + tr.get("hyper");
            try {
                replay(tr, functions, label);
                checked++;
            } catch (AssertionError | RuntimeException e) {
                failures.add(label + ": " + e.getMessage());
            }
        }
        Reference.report(FILE, checked, 0);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + trajectories.size() + " trajectories failed:\n" + String.join("\n", failures));
        }
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<String, Object> tr, Map<String, Object> functions, String label) {
        Function<Variable, Variable> objective = objective((String) tr.get("function"), functions);
        Parameter x = new Parameter("x", Reference.array(tr.get("x0")));
        Map<String, Object> hyper = new LinkedHashMap<>((Map<String, Object>) tr.get("hyper"));
        String name = (String) tr.get("optimizer");
        if (name.equals("LBFGS")) {
            LBFGS lbfgs = lbfgs(x, hyper);
            requireAllUsed(name, hyper);
            List<Object> iterates = (List<Object>) tr.get("iterates_per_step");
            List<Object> values = (List<Object>) tr.get("function_values_per_eval");
            Reference.assertClose(label + " x0", x.value(), Reference.array(iterates.get(0)), 0, 0);
            List<Double> recorded = new ArrayList<>();
            Closure closure = () -> {
                Variable f = objective.apply(x.variable());
                recorded.add(f.item());
                return new Closure.Evaluation(f.item(), f.backward());
            };
            for (int k = 1; k < iterates.size(); k++) {
                lbfgs.step(closure);
                Reference.assertClose(label + " after step " + k, x.value(), Reference.array(iterates.get(k)), RTOL, ATOL);
            }
            assertEquals(values.size(), recorded.size(), label + ": number of function evaluations");
            double[] r = recorded.stream().mapToDouble(Double::doubleValue).toArray();
            Reference.assertClose(label + " function values", Tensor.of(r), Reference.array(values), RTOL, ATOL);
            return;
        }
        Optimizer<?> optimizer = firstOrder(name, x, hyper);
        requireAllUsed(name, hyper);
        List<Object> iterates = (List<Object>) tr.get("iterates");
        Reference.assertClose(label + " x0", x.value(), Reference.array(iterates.get(0)), 0, 0);
        for (int k = 1; k < iterates.size(); k++) {
            optimizer.step(objective.apply(x.variable()).backward());
            Reference.assertClose(label + " after step " + k, x.value(), Reference.array(iterates.get(k)), RTOL, ATOL);
        }
    }

    @SuppressWarnings("unchecked")
    private static Function<Variable, Variable> objective(String name, Map<String, Object> functions) {
        Map<String, Object> spec = (Map<String, Object>) functions.get(name);
        if (spec == null) {
            throw new AssertionError("unknown objective function '" + name + "'");
        }
        switch (name) {
            case "quadratic": {
                Tensor q = Reference.array(spec.get("Q"));
                Tensor c = Reference.array(spec.get("c"));
                return v -> Objectives.quadratic(v, q, c);
            }
            case "rosenbrock":
                return Objectives::rosenbrock;
            default:
                throw new AssertionError("unknown objective function '" + name + "'");
        }
    }

    private static void requireAllUsed(String optimizer, Map<String, Object> hyper) {
        if (!hyper.isEmpty()) {
            throw new AssertionError(optimizer + ": unknown hyper-parameter(s) " + hyper.keySet());
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Optimizer<?> firstOrder(String name, Parameter x, Map<String, Object> h) {
        List<Parameter> ps = List.of(x);
        switch (name) {
            case "SGD": {
                SGD.Builder b = SGD.builder(ps);
                if (h.containsKey("lr")) b.learningRate(num(h.remove("lr")));
                if (h.containsKey("momentum")) b.momentum(num(h.remove("momentum")));
                if (h.containsKey("dampening")) b.dampening(num(h.remove("dampening")));
                if (h.containsKey("weight_decay")) b.weightDecay(num(h.remove("weight_decay")));
                if (h.containsKey("nesterov")) b.nesterov((Boolean) h.remove("nesterov"));
                return b.build();
            }
            case "Adam":
            case "AdamW": {
                Adam.AdamBuilder<?> b = name.equals("Adam") ? Adam.builder(ps) : AdamW.builder(ps);
                if (h.containsKey("lr")) b.learningRate(num(h.remove("lr")));
                if (h.containsKey("betas")) {
                    List<Object> betas = (List<Object>) h.remove("betas");
                    b.betas(num(betas.get(0)), num(betas.get(1)));
                }
                if (h.containsKey("eps")) b.epsilon(num(h.remove("eps")));
                if (h.containsKey("weight_decay")) b.weightDecay(num(h.remove("weight_decay")));
                if (h.containsKey("amsgrad")) b.amsgrad((Boolean) h.remove("amsgrad"));
                return b instanceof Adam.Builder ab ? ab.build() : ((AdamW.Builder) b).build();
            }
            case "RMSprop": {
                RMSprop.Builder b = RMSprop.builder(ps);
                if (h.containsKey("lr")) b.learningRate(num(h.remove("lr")));
                if (h.containsKey("alpha")) b.alpha(num(h.remove("alpha")));
                if (h.containsKey("eps")) b.epsilon(num(h.remove("eps")));
                if (h.containsKey("weight_decay")) b.weightDecay(num(h.remove("weight_decay")));
                if (h.containsKey("momentum")) b.momentum(num(h.remove("momentum")));
                if (h.containsKey("centered")) b.centered((Boolean) h.remove("centered"));
                return b.build();
            }
            case "Adagrad": {
                Adagrad.Builder b = Adagrad.builder(ps);
                if (h.containsKey("lr")) b.learningRate(num(h.remove("lr")));
                if (h.containsKey("lr_decay")) b.learningRateDecay(num(h.remove("lr_decay")));
                if (h.containsKey("weight_decay")) b.weightDecay(num(h.remove("weight_decay")));
                if (h.containsKey("initial_accumulator_value")) {
                    b.initialAccumulatorValue(num(h.remove("initial_accumulator_value")));
                }
                if (h.containsKey("eps")) b.epsilon(num(h.remove("eps")));
                return b.build();
            }
            default:
                throw new AssertionError("unknown optimizer '" + name + "'");
        }
    }

    private static LBFGS lbfgs(Parameter x, Map<String, Object> h) {
        LBFGS.Builder b = LBFGS.builder(List.of(x));
        if (h.containsKey("lr")) b.learningRate(num(h.remove("lr")));
        if (h.containsKey("max_iter")) b.maxIter((int) num(h.remove("max_iter")));
        if (h.containsKey("max_eval")) b.maxEval((int) num(h.remove("max_eval")));
        if (h.containsKey("tolerance_grad")) b.toleranceGrad(num(h.remove("tolerance_grad")));
        if (h.containsKey("tolerance_change")) b.toleranceChange(num(h.remove("tolerance_change")));
        if (h.containsKey("history_size")) b.historySize((int) num(h.remove("history_size")));
        if (h.containsKey("line_search_fn")) {
            Object ls = h.remove("line_search_fn");
            if (ls == null) {
                b.lineSearch(LBFGS.LineSearch.NONE);
            } else if (ls.equals("strong_wolfe")) {
                b.lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
            } else {
                throw new AssertionError("LBFGS: unknown line_search_fn '" + ls + "'");
            }
        }
        return b.build();
    }
}
