package org.nabla.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/** One case of ops.json: the operation's attributes, inputs, expected output and VJPs. */
public final class ReferenceCase {
    public final String name;
    public final Map<String, Object> attrs;
    public final List<Tensor> inputs;
    public final List<Tensor> intInputs;
    public final Tensor output;
    public final Tensor cotangent;
    /** Expected VJP per real input; null where the output does not depend on that input. */
    public final List<Tensor> grads;

    @SuppressWarnings("unchecked")
    ReferenceCase(Map<String, Object> json) {
        this.name = (String) json.get("name");
        this.attrs = (Map<String, Object>) json.get("attrs");
        this.inputs = tensors(json.get("inputs"));
        this.intInputs = tensors(json.get("int_inputs"));
        this.output = json.get("output") == null ? null : Reference.tensor(json.get("output"));
        this.cotangent = json.get("cotangent") == null ? null : Reference.tensor(json.get("cotangent"));
        this.grads = tensors(json.get("grads"));
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> tensors(Object o) {
        if (o == null) {
            return Collections.emptyList();
        }
        List<Tensor> r = new ArrayList<>();
        for (Object e : (List<Object>) o) {
            r.add(e == null ? null : Reference.tensor(e));
        }
        return r;
    }

    /** The operation name, attrs.op. */
    public String op() {
        return (String) attrs.get("op");
    }

    /** A numeric attribute, or the default when absent or null. */
    public double number(String key, double dflt) {
        Object v = attrs.get(key);
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    /** An integer attribute, or the default when absent or null. */
    public int integer(String key, int dflt) {
        Object v = attrs.get(key);
        return v == null ? dflt : ((Number) v).intValue();
    }

    /** A boolean attribute, or the default when absent or null. */
    public boolean bool(String key, boolean dflt) {
        Object v = attrs.get(key);
        return v == null ? dflt : (Boolean) v;
    }

    /** A string attribute, or the default when absent or null. */
    public String string(String key, String dflt) {
        Object v = attrs.get(key);
        return v == null ? dflt : v.toString();
    }

    /** An int-array attribute (a JSON list, or a single number), or null when absent or null. */
    @SuppressWarnings("unchecked")
    public int[] ints(String key) {
        Object v = attrs.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return new int[] {((Number) v).intValue()};
        }
        List<Object> l = (List<Object>) v;
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).intValue();
        }
        return r;
    }

    /** The i-th integer input as an int array (row-major). */
    public int[] labels(int i) {
        double[] d = intInputs.get(i).toArray();
        int[] r = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            r[k] = (int) d[k];
        }
        return r;
    }

    @Override
    public String toString() {
        return name + " " + attrs;
    }
}
