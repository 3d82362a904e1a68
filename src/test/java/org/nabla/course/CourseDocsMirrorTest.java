package org.nabla.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every ```java block of docs/course/NN-*.md appears verbatim, modulo indentation, in ChapterNN.java. */
class CourseDocsMirrorTest {

    private static String normalize(String code) {
        return Arrays.stream(code.split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n", "\n", "\n"));
    }

    @Test
    void everyJavaBlockIsInItsChapterClass() throws IOException {
        List<Path> chapters;
        try (Stream<Path> files = Files.list(CourseDocs.DOCS)) {
            chapters = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().toList();
        }
        assertThat(chapters).hasSize(13);
        int blocks = 0;
        for (Path md : chapters) {
            int n = Integer.parseInt(md.getFileName().toString().substring(0, 2));
            Path java = CourseDocs.CODE.resolve("Chapter" + n + ".java");
            assertThat(java).as("code of %s", md).exists();
            String code = normalize(Files.readString(java, StandardCharsets.UTF_8));
            List<String> javaBlocks = CourseDocs.fencedBlocks(md, "java");
            assertThat(javaBlocks).as("java blocks in %s", md).isNotEmpty();
            for (String block : javaBlocks) {
                assertThat(code).as("a java block of %s must appear in %s", md, java).contains(normalize(block));
                blocks++;
            }
        }
        assertThat(blocks).isGreaterThan(50);
    }

    @Test
    void theMirrorCheckRejectsEditedCode() {
        String code = normalize("class A {\n    void f() {\n        int x = 1;\n        int y = 2;\n    }\n}\n");
        assertThat(code).contains(normalize("int x = 1;\n  int y = 2;"));
        assertThat(code).doesNotContain(normalize("int x = 1;\nint y = 3;"));
        assertThat(code).doesNotContain(normalize("int x = 1;\nint z;\nint y = 2;"));
    }

    @Test
    void theReadmeListsEveryChapter() throws IOException {
        String readme = Files.readString(CourseDocs.DOCS.resolve("README.md"), StandardCharsets.UTF_8);
        for (int n = 1; n <= 13; n++) {
            assertThat(readme).contains("(" + CourseDocs.chapter(n).getFileName() + ")");
        }
        assertThat(readme).contains("mvn test -Dgroups=chapter4");
    }
}
