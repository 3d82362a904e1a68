package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nabla.testing.Reference;

/**
 * Replays every case of every section of theory2.json (see src/test/resources/reference/theory2.md):
 * the four-point vertex, the infinite-width NTK, NTK fluctuations, RFM with its authors' code and RFM
 * grokking. Each section's checker lives in a class of its own and returns the number of cases it
 * checked; a section that is neither checked nor listed in {@link #NOT_YET_COVERED} fails the test.
 */
class Theory2ReferenceTest {
    /** Sections whose tool is not built yet; counted, not checked. */
    private static final Set<String> NOT_YET_COVERED = Set.of();

    /** Keys of the file that are metadata, not sections. */
    private static final Set<String> METADATA = Set.of(
            "generator", "seed", "file", "definitions", "authors_code_commits");

    /** Checks every case of one section; returns the number of cases checked. */
    interface Section {
        int check(List<Map<String, Object>> cases);
    }

    @Test
    @SuppressWarnings("unchecked")
    void replaysEverySection() {
        Map<String, Object> file = Reference.load("theory2.json");
        Map<String, Section> checkers = new LinkedHashMap<>();
        checkers.put("vertex", VertexReference::check);
        checkers.put("ntk_infinite", NtkInfiniteReference::check);
        checkers.put("ntk_fluctuation", NtkFluctuationReference::check);
        checkers.put("rfm_parity", RfmParityCheck::check);
        checkers.put("rfm_grokking", RfmGrokkingCheck::check); // the large cases: RfmGrokkingReplayTest
        int checked = 0;
        int notYet = 0;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> e : file.entrySet()) {
            String name = e.getKey();
            if (METADATA.contains(name)) {
                continue;
            }
            Section s = checkers.get(name);
            List<Map<String, Object>> cases = (List<Map<String, Object>>) e.getValue();
            if (s != null) {
                assertThat(NOT_YET_COVERED).as("section " + name + " is checked; remove it from NOT_YET_COVERED")
                        .doesNotContain(name);
                int n = s.check(cases);
                assertThat(n).as("cases of " + name + " checked").isEqualTo(cases.size());
                checked += n;
            } else if (NOT_YET_COVERED.contains(name)) {
                notYet += cases.size();
            } else {
                unknown.add(name);
            }
        }
        Reference.report("theory2.json", checked, notYet);
        assertThat(unknown).as("sections of theory2.json neither checked nor listed in NOT_YET_COVERED").isEmpty();
    }
}
