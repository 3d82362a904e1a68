package org.nabla.optim;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The by-name view of a settings record: its components as a map ({@code "momentum" → 0.9}) and a
 * new record with some components replaced by name, built through the canonical constructor (so the
 * record's own validation runs). Written once for every optimizer, from the record's components.
 *
 * <p>Values are converted, never truncated: a {@code double} component takes any number; an
 * {@code int} component a whole number in range (2.5 is refused, not rounded); a {@code boolean}
 * component a Boolean; an enum component a constant of its type or its name.
 */
final class SettingsByName {
    private SettingsByName() {
    }

    /** The components of {@code settings} by name, in declaration order (unmodifiable). */
    static Map<String, Object> asMap(Object settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : components(settings.getClass())) {
            m.put(c.getName(), value(settings, c));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The names of the components of a settings type. */
    static List<String> names(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : components(type)) {
            names.add(c.getName());
        }
        return names;
    }

    /**
     * {@code settings} with the components named in {@code overrides} replaced.
     *
     * @throws IllegalArgumentException for an unknown name, a value of the wrong kind, or settings the
     *     record's constructor refuses (its message)
     */
    static <S> S with(S settings, Map<String, ?> overrides) {
        @SuppressWarnings("unchecked")
        Class<S> type = (Class<S>) settings.getClass();
        Map<String, Object> values = new LinkedHashMap<>(asMap(settings));
        for (var e : overrides.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new IllegalArgumentException(owner(type) + ": unknown hyper-parameter '" + e.getKey()
                        + "'; known: " + values.keySet());
            }
            values.put(e.getKey(), e.getValue());
        }
        return create(type, values);
    }

    /**
     * A record of {@code type} from a value for every component.
     *
     * @throws IllegalArgumentException as {@link #with}, or when a component has no value
     */
    static <S> S create(Class<S> type, Map<String, ?> values) {
        RecordComponent[] components = components(type);
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            if (!values.containsKey(c.getName())) {
                throw new IllegalArgumentException(owner(type) + ": hyper-parameter '" + c.getName()
                        + "' is required");
            }
            args[i] = convert(owner(type), c.getName(), c.getType(), values.get(c.getName()));
        }
        try {
            Constructor<S> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner(type) + ": cannot construct " + type.getName(), e);
        }
    }

    private static Object convert(String owner, String name, Class<?> type, Object v) {
        if (type == double.class) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(owner + ": hyper-parameter " + name + " must be a number, got " + v);
        }
        if (type == int.class) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
            throw new IllegalArgumentException(owner + ": hyper-parameter " + name
                    + " must be a whole number, got " + v + " (it is never rounded)");
        }
        if (type == boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException(owner + ": hyper-parameter " + name + " must be true or false, got " + v);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (constant == v || constant.toString().equals(v)) {
                    return constant;
                }
            }
            List<Object> constants = List.of(type.getEnumConstants());
            throw new IllegalArgumentException(owner + ": hyper-parameter " + name + " must be one of " + constants
                    + ", got " + v);
        }
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException(owner + ": hyper-parameter " + name + " must be a "
                    + type.getSimpleName() + ", got " + v);
        }
        return v;
    }

    private static RecordComponent[] components(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record: the by-name view of settings needs"
                    + " a record's components");
        }
        return type.getRecordComponents();
    }

    private static Object value(Object r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
        }
    }

    /** "SGD" for SGD.Settings: the optimizer that the record belongs to. */
    static String owner(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing != null ? enclosing.getSimpleName() : type.getSimpleName();
    }
}
