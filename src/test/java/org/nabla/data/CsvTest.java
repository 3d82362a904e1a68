package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Tensor;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsFeaturesAndLastColumnTargetByDefault() throws IOException {
        Path f = write("t.csv", "1,2,0\n3.5,-4e-1,1\n\n  5 , 6 ,2\r\n");
        TensorDataset d = Csv.format().read(f);
        assertThat(d.features()).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3.5, -0.4}, {5, 6}}));
        assertThat(d.targets()).isEqualTo(Tensor.of(0, 1, 2));
    }

    @Test
    void headerDelimiterTargetByNameOrIndexQuotesAndBom() throws IOException {
        Path f = write("h.csv", "\uFEFFy;\"a\";b\n\"1\";2;3\n4;5;6\n");
        TensorDataset byName = Csv.format().delimiter(';').targetColumn("y").read(f);
        assertThat(byName.features()).isEqualTo(Tensor.of(new double[][] {{2, 3}, {5, 6}}));
        assertThat(byName.targets()).isEqualTo(Tensor.of(1, 4));
        TensorDataset byIndex = Csv.format().delimiter(';').header(true).targetColumn(1).read(f);
        assertThat(byIndex.features()).isEqualTo(Tensor.of(new double[][] {{1, 3}, {4, 6}}));
        assertThat(byIndex.targets()).isEqualTo(Tensor.of(2, 5));
        Tensor table = Csv.format().delimiter(';').header(true).readTable(f);
        assertThat(table).isEqualTo(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Tensor tabs = Csv.format().delimiter('\t').readTable(
                new ByteArrayInputStream("1\t2\n3\t4\n".getBytes(StandardCharsets.UTF_8)), "tabs");
        assertThat(tabs).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void readsGzippedText() throws IOException {
        Path f = dir.resolve("t.csv.gz");
        Files.write(f, IdxFiles.gzip("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Csv.format().readTable(f)).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void notANumberNamesFileLineAndColumn() throws IOException {
        Path f = write("bad.csv", "a,b,label\n1,2,0\n1,x2,1\n");
        assertThatThrownBy(() -> Csv.format().header(true).read(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": line 3, column 2 ('b'): 'x2' is not a number, expected a decimal number such as 3.25"
                        + " or -1e-3")
                .satisfies(e -> {
                    assertThat(((DataFileException) e).line()).isEqualTo(3);
                    assertThat(((DataFileException) e).column()).isEqualTo(2);
                });
        Path g = write("suffix.csv", "1,2f\n");
        assertThatThrownBy(() -> Csv.format().read(g)).hasMessage(g + ": line 1, column 2: '2f' is not a number,"
                + " expected a decimal number such as 3.25 or -1e-3");
        Path h = write("empty-field.csv", "1,,3\n");
        assertThatThrownBy(() -> Csv.format().read(h)).hasMessage(h + ": line 1, column 2: empty field, expected a"
                + " number (missing values are not supported)");
    }

    @Test
    void raggedLinesAreRefused() throws IOException {
        Path f = write("ragged.csv", "1,2,3\n4,5,6\n\n7,8\n");
        assertThatThrownBy(() -> Csv.format().read(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": line 4: found 2 fields, expected 3 (as on line 1, delimiter ',')");
    }

    @Test
    void configurationErrorsAreExplained() throws IOException {
        Path f = write("t.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> Csv.format().targetColumn("c").read(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": line 1: no column is named 'c', expected one of [a, b]");
        assertThatThrownBy(() -> Csv.format().header(true).targetColumn(5).read(f))
                .hasMessage(f + ": line 2: target column index 5 does not exist, expected -2 ≤ index < 2 (the table has"
                        + " 2 columns)");
        Path one = write("one.csv", "1\n2\n");
        assertThatThrownBy(() -> Csv.format().read(one))
                .hasMessage(one + ": line 1: the table has 1 column, expected at least 2 (features and a target)");
        Path headerOnly = write("header-only.csv", "a,b\n");
        assertThatThrownBy(() -> Csv.format().header(true).read(headerOnly))
                .hasMessage(headerOnly + ": no data lines after the header, expected at least one line of numbers");
        assertThatThrownBy(() -> Csv.format().delimiter('.'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Csv: '.' cannot be a delimiter of numbers");
    }
}
