package org.nabla.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs are true to the digit: every output block the docs mark with
 * {@code <!-- output of org.nabla.examples.Name [args] -->} (README.md and docs/*.md) is compared
 * with what that example's {@code main} prints. The block is the whole output, line by line; a line
 * {@code …} stands for lines left out (any number), and {@code …} inside a line for varying text
 * (wall-clock times). {@code {tmp}} in the arguments is a fresh temporary directory.
 */
class QuotedOutputTest {
    private static final Pattern MARKER = Pattern.compile("<!-- output of (\\S+)((?: [^ ]+?)*) -->");

    @TempDir
    Path tmp;

    record Quote(Path file, int line, String className, List<String> args, List<String> lines) {
        @Override
        public String toString() {
            return file + ":" + line + " (" + className + (args.isEmpty() ? "" : " " + String.join(" ", args)) + ")";
        }
    }

    static List<Quote> quotes() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Quote> quotes = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i).strip());
                if (!m.matches()) {
                    continue;
                }
                assertThat(i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("```"))
                        .as("%s:%d: the output marker must be followed by a fenced block", f, i + 1).isTrue();
                List<String> block = new ArrayList<>();
                int j = i + 2;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    block.add(lines.get(j));
                    j++;
                }
                assertThat(j).as("%s:%d: unterminated block", f, i + 1).isLessThan(lines.size());
                List<String> args = m.group(2).isBlank() ? List.of() : List.of(m.group(2).strip().split(" "));
                quotes.add(new Quote(f, i + 1, m.group(1), args, block));
                i = j;
            }
        }
        return quotes;
    }

    /** The regular expression a quoted block stands for. */
    static Pattern pattern(List<String> quoted) {
        StringBuilder re = new StringBuilder();
        for (String q : quoted) {
            String line = q.stripTrailing();
            if (line.strip().equals("…")) {
                re.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            String[] parts = line.split("…", -1);
            for (int k = 0; k < parts.length; k++) {
                if (k > 0) {
                    re.append("[^\\n]*?");
                }
                re.append(Pattern.quote(parts[k]));
            }
            re.append("\\n");
        }
        return Pattern.compile(re.toString());
    }

    static String printedBy(String className, String[] args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(old);
        }
        StringBuilder b = new StringBuilder();
        for (String l : buf.toString(StandardCharsets.UTF_8).split("\\R", -1)) {
            b.append(l.stripTrailing()).append('\n');
        }
        return b.toString().replaceAll("\\n+$", "\n");
    }

    @TestFactory
    Stream<DynamicTest> everyQuotedOutputIsWhatTheExamplePrints() throws IOException {
        List<Quote> quotes = quotes();
        assertThat(quotes).hasSizeGreaterThanOrEqualTo(9);
        return quotes.stream().map(q -> DynamicTest.dynamicTest(q.toString(), () -> {
            String[] args = q.args().stream().map(a -> a.replace("{tmp}", tmp.toString())).toArray(String[]::new);
            String printed = printedBy(q.className(), args);
            assertThat(pattern(q.lines()).matcher(printed).matches())
                    .as("%s quotes%n%s%nbut the example printed%n%s", q, String.join("\n", q.lines()), printed).isTrue();
        }));
    }

    @Test
    void theMatcherHonoursEllipsesAndNothingElse() {
        Pattern p = pattern(List.of("a 1", "…", "c (…s)"));
        assertThat(p.matcher("a 1\nc (0.25s)\n").matches()).isTrue();
        assertThat(p.matcher("a 1\nb\nb\nc (3.00s)\n").matches()).isTrue();
        assertThat(p.matcher("a 2\nc (0.25s)\n").matches()).isFalse();
        assertThat(p.matcher("a 1\nc (0.25s)\nd\n").matches()).isFalse();
        assertThat(pattern(List.of("x", "y")).matcher("x\nz\ny\n").matches()).isFalse();
        assertThat(pattern(List.of("x.y")).matcher("xzy\n").matches()).isFalse();
    }
}
