package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/nabla.jsh and then every fenced {@code ```jshell} block of docs/seeing.md through the
 * JDK's {@code jdk.jshell} API, in one session, with this build's class path. A line that ends with
 * {@code // → text} must make JShell print the value {@code text} for the snippet it completes
 * (JShell's own rendering: strings in quotes, objects by {@code toString()}).
 */
class JShellTourTest {

    /** One complete snippet of source and the value expected for it (or null). */
    record Step(String source, String expected, String where) {
    }

    static List<Step> steps(String text, String file, boolean fencedOnly, SourceCodeAnalysis analysis) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inBlock = !fencedOnly;
        StringBuilder buffer = new StringBuilder();
        String expected = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (fencedOnly && line.strip().startsWith("```")) {
                if (!inBlock && line.strip().equals("```jshell")) {
                    inBlock = true;
                } else if (inBlock) {
                    assertThat(buffer.toString().strip()).as(file + ": incomplete snippet before line " + (i + 1)).isEmpty();
                    inBlock = false;
                }
                continue;
            }
            if (!inBlock) {
                continue;
            }
            int arrow = line.indexOf("// → ");
            if (arrow >= 0) {
                expected = line.substring(arrow + "// → ".length()).strip();
                line = line.substring(0, arrow);
            }
            if (buffer.length() == 0) {
                if (line.isBlank() || line.strip().startsWith("//")) {
                    continue;
                }
                startLine = i + 1;
            }
            buffer.append(line).append('\n');
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(buffer.toString());
            if (info.completeness().isComplete() && info.remaining().isBlank()) {
                steps.add(new Step(info.source(), expected, file + ":" + startLine));
                buffer.setLength(0);
                expected = null;
            } else {
                assertThat(expected).as(file + ":" + (i + 1) + ": '// →' on a line that does not end a snippet").isNull();
            }
        }
        assertThat(buffer.toString().strip()).as(file + ": incomplete snippet at the end").isEmpty();
        return steps;
    }

    @Test
    void everySnippetOfTheTourRunsAndPrintsWhatThePageSays() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            List<Step> all = new ArrayList<>(steps(Files.readString(Path.of("examples", "nabla.jsh")), "examples/nabla.jsh",
                    false, analysis));
            int startup = all.size();
            all.addAll(steps(Files.readString(Path.of("docs", "seeing.md")), "docs/seeing.md", true, analysis));
            assertThat(all.size() - startup).as("snippets in docs/seeing.md").isGreaterThanOrEqualTo(8);
            int checked = 0;
            for (Step step : all) {
                List<SnippetEvent> events = shell.eval(step.source());
                assertThat(events).as(step.where() + ": " + step.source()).isNotEmpty();
                SnippetEvent main = events.get(0);
                for (SnippetEvent e : events) {
                    if (e.causeSnippet() == null) {
                        main = e;
                    }
                    Snippet s = e.snippet();
                    String diags = shell.diagnostics(s).map(d -> d.getMessage(java.util.Locale.ROOT)).collect(Collectors.joining("; "));
                    assertThat(e.status()).as(step.where() + ": rejected: " + step.source() + " — " + diags
                            + " — output: " + printed).isNotEqualTo(Snippet.Status.REJECTED);
                    assertThat(e.exception()).as(step.where() + ": threw while running: " + step.source()).isNull();
                }
                if (step.expected() != null) {
                    assertThat(main.value()).as(step.where() + ": value of " + step.source().strip()).isEqualTo(step.expected());
                    checked++;
                }
            }
            assertThat(checked).as("values checked against '// →' comments").isGreaterThanOrEqualTo(6);
            // the start-up script defined the tiny network 2 → 2 → 1: 6 + 3 parameters
            assertThat(shell.eval("net.parameterCount()").get(0).value()).isEqualTo("9");
        }
    }
}
