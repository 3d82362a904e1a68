package org.nabla.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Python literals that appear in .npy headers (the header dict of {@link Npy}): a
 * dict of string keys whose values are strings, True/False, tuples of integers, or (for structured
 * dtypes, refused later) lists. Every failure is an {@link NpyFormatException} naming the file and
 * the byte offset ({@code base} plus the position in the header text).
 */
final class NpyHeaderParser {
    private final String s;
    private final String file;
    private final long base;
    private int i;

    NpyHeaderParser(String s, String file, long base) {
        this.s = s;
        this.file = file;
        this.base = base;
    }

    private NpyFormatException error(String expected) {
        String found = i >= s.length() ? "the end of the header"
                : "'" + (s.length() - i > 20 ? s.substring(i, i + 20) + "…" : s.substring(i)).replace("\n", "\\n") + "'";
        return NpyFormatException.at(file, base + i, "in the header " + snippet() + ": expected " + expected
                + ", found " + found);
    }

    private String snippet() {
        String t = s.strip();
        return (t.length() > 80 ? t.substring(0, 80) + "…" : t).replace("\n", "\\n");
    }

    private void skipSpace() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private boolean at(char c) {
        skipSpace();
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c, String what) throws NpyFormatException {
        if (!at(c)) {
            throw error(what);
        }
        i++;
    }

    Map<String, Object> parse() throws NpyFormatException {
        Map<String, Object> dict = new LinkedHashMap<>();
        expect('{', "'{' opening the header dict");
        while (!at('}')) {
            int keyAt = i;
            String key = string();
            if (dict.containsKey(key)) {
                i = keyAt;
                throw error("each key once, but '" + key + "' repeats");
            }
            expect(':', "':' after the key '" + key + "'");
            dict.put(key, value(key));
            if (at(',')) {
                i++;
            } else if (!at('}')) {
                throw error("',' or '}' after the value of '" + key + "'");
            }
        }
        i++;
        skipSpace();
        if (i != s.length()) {
            throw error("only spaces and a newline after the header dict");
        }
        return dict;
    }

    private Object value(String key) throws NpyFormatException {
        skipSpace();
        if (i >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple(key);
        }
        if (c == '[') {
            skipBrackets();
            return List.of("a list");
        }
        if (s.startsWith("True", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("False", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        throw error("a value of '" + key + "': a 'string', True, False or a (tuple)");
    }

    private String string() throws NpyFormatException {
        skipSpace();
        if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
            throw error("a quoted string");
        }
        char q = s.charAt(i);
        int end = s.indexOf(q, i + 1);
        if (end < 0) {
            throw error("a string closed by " + q);
        }
        String r = s.substring(i + 1, end);
        i = end + 1;
        return r;
    }

    private long[] tuple(String key) throws NpyFormatException {
        String where = key.equals("shape") ? "the shape" : "the tuple given as '" + key + "'";
        int open = i;
        expect('(', "'(' opening " + where);
        List<Long> sizes = new ArrayList<>();
        boolean comma = true;
        boolean trailingComma = false;
        while (!at(')')) {
            if (!comma) {
                throw error("',' or ')' in " + where);
            }
            sizes.add(integer(where));
            comma = at(',');
            trailingComma = comma;
            if (comma) {
                i++;
            }
        }
        if (sizes.size() == 1 && !trailingComma) {
            // (6) is the integer 6 in Python, not a tuple: NumPy refuses it
            i = open;
            throw error("a tuple such as (" + sizes.get(0) + ",) for " + where + " (in Python (" + sizes.get(0)
                    + ") is a number, not a tuple)");
        }
        i++;
        long[] r = new long[sizes.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = sizes.get(k);
        }
        return r;
    }

    /**
     * A Python integer literal as {@code ast.literal_eval} reads it (NumPy parses headers so): an
     * optional sign, decimal digits (no leading zeros) or 0x/0o/0b digits, single underscores
     * between digits, and the Python 2 suffix L of old files.
     */
    private long integer(String where) throws NpyFormatException {
        skipSpace();
        int start = i;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && "xXoObB".indexOf(s.charAt(i + 1)) >= 0) {
            char p = Character.toLowerCase(s.charAt(i + 1));
            radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            i += 2;
        }
        StringBuilder digits = new StringBuilder();
        boolean underscore = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '_' && !underscore && (digits.length() > 0 || radix != 10)) {
                underscore = true;
            } else if (c < 128 && Character.digit(c, radix) >= 0) {
                digits.append(c);
                underscore = false;
            } else {
                break;
            }
            i++;
        }
        boolean leadingZero = radix == 10 && digits.length() > 1 && digits.charAt(0) == '0'
                && !digits.toString().matches("0+");
        if (digits.length() == 0 || underscore || leadingZero) {
            i = start;
            throw error("a whole number in " + where);
        }
        if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
            i++; // Python 2 long literal, as in old files
        }
        java.math.BigInteger v = new java.math.BigInteger(digits.toString(), radix);
        if (v.bitLength() > 62) {
            i = start;
            throw error("a number below 2^62 in " + where);
        }
        return negative ? -v.longValue() : v.longValue();
    }

    private void skipBrackets() throws NpyFormatException {
        int depth = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    i++;
                    return;
                }
            }
        }
        throw error("']' closing the list");
    }
}
