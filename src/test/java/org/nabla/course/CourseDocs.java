package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Shared helpers for the course tests: capturing a chapter's output and reading its Markdown. */
final class CourseDocs {
    static final Path DOCS = Path.of("docs", "course");
    static final Path CODE = Path.of("examples", "org", "nabla", "examples", "course");

    private CourseDocs() {
    }

    /** What the code prints to the given stream. */
    static String capture(Consumer<PrintStream> code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** The Markdown file of chapter n (its name starts with the two-digit number). */
    static Path chapter(int n) {
        String prefix = String.format("%02d-", n);
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no docs/course/" + prefix + "*.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of the fenced blocks with the given info string (```java, ```text) in a Markdown file. */
    static List<String> fencedBlocks(Path markdown, String info) {
        List<String> blocks = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder current = null;
        boolean inOther = false;
        for (String line : lines) {
            String t = line.strip();
            if (current != null) {
                if (t.equals("```")) {
                    blocks.add(current.toString());
                    current = null;
                } else {
                    current.append(line).append('\n');
                }
            } else if (inOther) {
                inOther = !t.equals("```");
            } else if (t.equals("```" + info)) {
                current = new StringBuilder();
            } else if (t.startsWith("```")) {
                inOther = true;
            }
        }
        assertThat(current).as("unterminated ```%s block in %s", info, markdown).isNull();
        return blocks;
    }

    /** Asserts that every ```text block of chapter n appears verbatim in the printed output. */
    static void assertQuotedOutput(int n, String printed) {
        List<String> quoted = fencedBlocks(chapter(n), "text");
        assertThat(quoted).as("chapter %d quotes output", n).isNotEmpty();
        for (String block : quoted) {
            assertThat(printed).as("output quoted in %s", chapter(n)).contains(block);
        }
    }
}
