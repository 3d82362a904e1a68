package org.nabla.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Reader of numeric tables in delimiter-separated text (CSV, RFC 4180 without quoted delimiters):
 * one example per line, one number per field, every line with the same number of fields. An
 * optional first line names the columns. Blank lines are skipped; a field may be surrounded by
 * spaces or by double quotes; gzipped files (first bytes 1f 8b) are decompressed transparently.
 *
 * <p>A {@code Csv} is an immutable description of the format; the default is comma-separated, no
 * header, target in the last column:
 * <pre>{@code
 * TensorDataset d = Csv.format().header(true).targetColumn("label").read(path);
 * Tensor table   = Csv.format().delimiter(';').readTable(path);
 * }</pre>
 * Numbers are parsed by {@link Double#parseDouble} (so {@code 1e-3}, {@code NaN} and
 * {@code Infinity} are accepted; Java's suffixes {@code f}/{@code d} and hexadecimal are not).
 * Errors are {@link DataFileException}s naming the file, the line and the column (both from 1).
 */
public final class Csv {
    private static final Csv DEFAULT = new Csv(',', false, -1, null, -1);

    private final char delimiter;
    private final boolean header;
    private final int targetIndex;
    private final String targetName;
    private final long maxBytes;

    private Csv(char delimiter, boolean header, int targetIndex, String targetName, long maxBytes) {
        this.delimiter = delimiter;
        this.header = header;
        this.targetIndex = targetIndex;
        this.targetName = targetName;
        this.maxBytes = maxBytes;
    }

    /**
     * The same format with a budget: a table whose values would take more than {@code maxBytes}
     * bytes as doubles is refused at the line that passes it. The default is 8 bytes per byte of the
     * file, or 1 GiB when that is more (a gzipped file or a stream may inflate far beyond its size).
     */
    public Csv maxBytes(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("Csv.maxBytes: expected a budget of at least 0 bytes, got " + maxBytes);
        }
        return new Csv(delimiter, header, targetIndex, targetName, maxBytes);
    }

    /** The default format: delimiter ',', no header line, target in the last column. */
    public static Csv format() {
        return DEFAULT;
    }

    /** The same format with another field delimiter (e.g. ';' or '\t'). */
    public Csv delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || Character.isDigit(delimiter)
                || delimiter == '.' || delimiter == '-' || delimiter == '+') {
            throw new IllegalArgumentException("Csv: '" + delimiter + "' cannot be a delimiter of numbers");
        }
        return new Csv(delimiter, header, targetIndex, targetName, maxBytes);
    }

    /** The same format, with or without a first line of column names. */
    public Csv header(boolean header) {
        return new Csv(delimiter, header, targetIndex, targetName, maxBytes);
    }

    /** The target is the column at {@code index} (from 0; negative counts from the end, −1 = last). */
    public Csv targetColumn(int index) {
        return new Csv(delimiter, header, index, null, maxBytes);
    }

    /** The target is the column of this name in the header line (implies {@code header(true)}). */
    public Csv targetColumn(String name) {
        return new Csv(delimiter, true, -1, name, maxBytes);
    }

    /**
     * Reads a data set: the target column becomes the targets (shape (n)), the other columns, in
     * order, the features (shape (n, columns − 1)).
     */
    public TensorDataset read(Path file) throws IOException {
        return dataset(parse(file), file.toString());
    }

    /** Reads a data set from a stream; {@code name} is used in error messages. */
    public TensorDataset read(InputStream in, String name) throws IOException {
        return dataset(parse(in, name, -1), name);
    }

    private TensorDataset dataset(Table t, String name) throws DataFileException {
        int cols = t.columns;
        if (cols < 2) {
            throw DataFileException.atLine(name, t.firstLine, -1, "the table has " + cols
                    + " column, expected at least 2 (features and a target)");
        }
        int target = targetColumn(t, name);
        int rows = t.rows;
        double[] x = new double[rows * (cols - 1)];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0, k = 0; j < cols; j++) {
                double v = t.values[i * cols + j];
                if (j == target) {
                    y[i] = v;
                } else {
                    x[i * (cols - 1) + k++] = v;
                }
            }
        }
        return new TensorDataset(Tensor.of(Shape.of(rows, cols - 1), x), Tensor.of(Shape.of(rows), y));
    }

    /** Reads the whole table (every column) as a matrix of shape (rows, columns). */
    public Tensor readTable(Path file) throws IOException {
        return table(parse(file));
    }

    /** Reads the whole table from a stream; {@code name} is used in error messages. */
    public Tensor readTable(InputStream in, String name) throws IOException {
        return table(parse(in, name, -1));
    }

    private Table parse(Path file) throws IOException {
        long length = DataFiles.length(file, "a CSV file");
        try (InputStream in = DataFiles.open(file)) {
            return parse(in, file.toString(), length);
        } catch (IOException e) {
            throw DataFiles.failed(file, e);
        }
    }

    private static Tensor table(Table t) {
        return Tensor.of(Shape.of(t.rows, t.columns), Arrays.copyOf(t.values, t.rows * t.columns));
    }

    private int targetColumn(Table t, String name) throws DataFileException {
        if (targetName != null) {
            int j = t.names.indexOf(targetName);
            if (j < 0) {
                throw DataFileException.atLine(name, t.headerLine, -1, "no column is named '" + targetName
                        + "', expected one of " + t.names);
            }
            return j;
        }
        if (targetIndex < -t.columns || targetIndex >= t.columns) {
            throw DataFileException.atLine(name, t.firstLine, -1, "target column index " + targetIndex
                    + " does not exist, expected " + (-t.columns) + " ≤ index < " + t.columns + " (the table has "
                    + t.columns + " columns)");
        }
        return targetIndex < 0 ? targetIndex + t.columns : targetIndex;
    }

    private static final class Table {
        List<String> names = List.of();
        long headerLine = -1;
        long firstLine = -1;
        int columns = -1;
        int rows;
        double[] values = new double[1024];
    }

    private Table parse(InputStream raw, String name, long length) throws IOException {
        long budget = maxBytes >= 0 ? maxBytes : DataFiles.defaultBudget(length);
        BufferedInputStream b = new BufferedInputStream(BinaryInput.closeShield(raw), 1 << 16);
        InputStream in = b;
        if (BinaryInput.isGzip(b)) {
            try {
                in = new GZIPInputStream(b, 1 << 16);
            } catch (ZipException | EOFException e) {
                throw DataFileException.atOffset(name, 0, "the gzip header is corrupt or truncated ("
                        + DataFiles.reason(e) + "), expected a gzip stream", e);
            }
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r, name, budget);
        }
    }

    private Table parse(BufferedReader r, String name, long budget) throws IOException {
        Table t = new Table();
        long lineNo = 0;
        boolean needHeader = header;
        List<String> fields = new ArrayList<>();
        // a line of L characters holds at most L/2 + 1 numbers (4L bytes as doubles): longer lines than
        // the budget allows are cut off while reading, before a gzip bomb of one endless line fills memory
        long maxChars = Math.min(Idx.MAX_VALUES, Math.max(1 << 16, budget / 4));
        StringBuilder buffer = new StringBuilder();
        while (true) {
            String line;
            try {
                line = readLine(r, buffer, maxChars, name, lineNo + 1);
            } catch (ZipException | EOFException e) {
                throw DataFileException.atLine(name, lineNo + 1, -1, "the gzip stream is corrupt or truncated ("
                        + DataFiles.reason(e) + ")");
            }
            if (line == null) {
                break;
            }
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            split(line, fields);
            if (needHeader) {
                needHeader = false;
                List<String> names = new ArrayList<>();
                for (String f : fields) {
                    names.add(unquote(f.strip()));
                }
                t.names = List.copyOf(names);
                t.headerLine = lineNo;
                t.columns = names.size();
                continue;
            }
            if (t.firstLine < 0) {
                t.firstLine = lineNo;
                if (t.columns < 0) {
                    t.columns = fields.size();
                }
            }
            if (fields.size() != t.columns) {
                long ref = t.headerLine > 0 ? t.headerLine : t.firstLine;
                throw DataFileException.atLine(name, lineNo, -1, "found " + fields.size() + " fields, expected "
                        + t.columns + " (as on line " + ref + ", delimiter '" + printable(delimiter) + "')");
            }
            long need = (long) (t.rows + 1) * t.columns;
            if (need > Idx.MAX_VALUES) {
                throw DataFileException.atLine(name, lineNo, -1, "the table has more than " + Idx.MAX_VALUES
                        + " values, expected at most that many (the largest array Java can hold)");
            }
            if (8 * need > budget) {
                throw DataFileException.atLine(name, lineNo, -1, "the table's " + need + " values need " + 8 * need
                        + " bytes as doubles, more than the budget of " + budget + " bytes (pass a larger budget with "
                        + "Csv.maxBytes to read it)");
            }
            if (need > t.values.length) {
                t.values = Arrays.copyOf(t.values, (int) Math.min(Idx.MAX_VALUES, Math.max(need, 2L * t.values.length)));
            }
            int base = t.rows * t.columns;
            for (int j = 0; j < fields.size(); j++) {
                t.values[base + j] = number(fields.get(j), name, lineNo, j, t);
            }
            t.rows++;
        }
        if (t.rows == 0) {
            throw DataFileException.inFile(name, "no data lines" + (header ? " after the header" : "")
                    + ", expected at least one line of numbers");
        }
        return t;
    }

    /** A line without its terminator (\n, \r or \r\n, as BufferedReader.readLine), or null at the end. */
    private static String readLine(BufferedReader r, StringBuilder sb, long maxChars, String name, long lineNo)
            throws IOException {
        sb.setLength(0);
        int c;
        while ((c = r.read()) >= 0) {
            if (c == '\n') {
                return sb.toString();
            }
            if (c == '\r') {
                r.mark(1);
                if (r.read() != '\n') {
                    r.reset();
                }
                return sb.toString();
            }
            if (sb.length() >= maxChars) {
                throw DataFileException.atLine(name, lineNo, -1, "the line is longer than " + maxChars
                        + " characters, more than the budget allows (pass a larger budget with Csv.maxBytes to read it)");
            }
            sb.append((char) c);
        }
        return sb.length() > 0 ? sb.toString() : null;
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private void split(String line, List<String> out) {
        out.clear();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static double number(String field, String name, long line, int j, Table t) throws DataFileException {
        String s = unquote(field.strip());
        String col = t.names.size() > j ? t.names.get(j) : null;
        if (s.isEmpty()) {
            throw DataFileException.atLine(name, line, j + 1, col,
                    "empty field, expected a number (missing values are not supported)");
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < ' ' || c == 0x7F) {
                // Double.parseDouble would skip it (String.trim drops every control character)
                throw DataFileException.atLine(name, line, j + 1, col, String.format("control character U+%04X at "
                        + "position %d of the field, expected a decimal number such as 3.25 or -1e-3", (int) c, k + 1));
            }
        }
        char last = s.charAt(s.length() - 1);
        boolean suffix = last == 'f' || last == 'F' || last == 'd' || last == 'D';
        boolean hex = s.contains("x") || s.contains("X");
        try {
            if (!suffix && !hex) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        throw DataFileException.atLine(name, line, j + 1, col, "'" + shown + "'"
                + " is not a number, expected a decimal number such as 3.25 or -1e-3");
    }
}
