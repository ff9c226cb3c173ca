package io.pillar.findings.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Page;
import io.pillar.findings.Finding;
import io.pillar.findings.mapping.FindingCursor;
import io.pillar.findings.mapping.FindingFilter;
import io.pillar.findings.mapping.FindingMapper;
import io.pillar.findings.mapping.FindingPage;
import io.pillar.findings.mapping.FindingSort;
import io.pillar.findings.mapping.FindingView;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.repository.bulk.FindingSearch;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@ApplicationScoped
public class FindingQueries {
    /** Facet names and their columns. */
    public static final Map<String, String> FACETS = Map.of("severity", "severity_id", "status", "status",
            "product", "product", "team", "team", "class", "class_uid", "format", "format");

    @Inject
    FindingSearch findings;

    /** One page of the findings the caller may see: their teams' only, unless admin, auditor or an integration. */
    @Transactional
    public FindingPage list(SecurityIdentity caller, FindingFilter filter, FindingSort sort, String cursor,
            Integer limit,
            List<String> facets) {
        int size = Page.checkLimit(limit);
        FindingSort.After after = cursor == null || cursor.isBlank() ? null : FindingCursor.decode(cursor, sort);
        FindingFilter scoped = scoped(caller, filter);
        List<Finding> rows = findings.page(scoped, sort, after, size + 1);
        boolean more = rows.size() > size;
        List<Finding> shown = more ? rows.subList(0, size) : rows;
        Map<String, Map<String, Long>> counts = null;
        if (facets != null && !facets.isEmpty()) {
            counts = new LinkedHashMap<>();
            for (String facet : facets) {
                String column = FACETS.get(facet);
                if (column == null) {
                    throw new IllegalArgumentException("facets: unknown facet " + facet + "; one of "
                            + FACETS.keySet().stream().sorted().toList());
                }
                Map<String, Long> byValue = findings.facet(scoped, column);
                if (facet.equals("severity")) {
                    Map<String, Long> labelled = new LinkedHashMap<>();
                    byValue.forEach((k, v) -> labelled.put(Severity.label(Integer.parseInt(k)), v));
                    byValue = labelled;
                }
                counts.put(facet, byValue);
            }
        }
        List<FindingView> items = shown.stream().map(FindingMapper::toView).toList();
        return new FindingPage(items, more ? FindingCursor.encode(sort, shown.get(shown.size() - 1)) : null, counts);
    }

    /** Every finding matching the filter that the caller may see, page by page (for exports). */
    @Transactional
    public List<Finding> chunk(SecurityIdentity caller, FindingFilter filter, FindingSort.After after, int size) {
        return findings.page(scoped(caller, filter), FindingSort.CREATED_AT, after, size);
    }

    private static FindingFilter scoped(SecurityIdentity caller, FindingFilter filter) {
        Set<String> teams = Caller.of(caller).visibleTeams();
        return new FindingFilter(filter.severityIds(), filter.statuses(), filter.product(), filter.team(),
                filter.importId(), filter.cve(), filter.control(), filter.bestPractice(), filter.asset(),
                filter.text(), filter.since(), filter.until(), teams, filter.correlation());
    }
}
