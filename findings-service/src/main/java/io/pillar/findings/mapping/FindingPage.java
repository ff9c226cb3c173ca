package io.pillar.findings.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of findings: {@code items}, {@code next_cursor} (null on the last page) and, when asked for, the counts of
 * all matching findings by severity, status, product, team, class or format.
 */
public record FindingPage(List<FindingView> items, String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Map<String, Long>> facets) {
}
