package io.pillar.response.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Incident;
import io.pillar.response.IncidentEvent;
import io.pillar.response.IncidentLink;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** Which incidents a list shows: of these teams (null: every team's), in a status, at least this severe. */
    public record Filter(Set<String> teams, String status, Integer minSeverity, String assignee) {
    }

    /** Up to {@code limit} incidents that pass the filter, after the cursor, newest first. */
    public List<Incident> page(Filter filter, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.teams() != null) {
            query.append(" and team in :teams");
            params = params.and("teams", filter.teams().isEmpty() ? Set.of("") : filter.teams());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            params = params.and("status", filter.status());
        }
        if (filter.minSeverity() != null) {
            query.append(" and severityId >= :severity");
            params = params.and("severity", filter.minSeverity().shortValue());
        }
        if (filter.assignee() != null) {
            query.append(" and array_contains(assignees, :assignee)");
            params = params.and("assignee", filter.assignee());
        }
        if (after != null) {
            query.append(" and (createdAt < :time or (createdAt = :time and id < :id))");
            params = params.and("time", after.time()).and("id", after.id());
        }
        return find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }

    public java.util.Optional<Incident> byTriggerKey(String key) {
        return find("triggerKey", key).firstResultOptional();
    }

    /** The incident's links by kind (finding, asset, principal), each set sorted. */
    public Map<String, Set<String>> links(UUID incident) {
        Map<String, Set<String>> out = new TreeMap<>();
        IncidentLink.<IncidentLink>list("incidentId", incident)
                .forEach(l -> out.computeIfAbsent(l.kind, k -> new TreeSet<>()).add(l.ref));
        return out;
    }

    public void unlink(UUID incident, String kind, String ref) {
        IncidentLink.delete("incidentId = ?1 and kind = ?2 and ref = ?3", incident, kind, ref);
    }

    public List<IncidentEvent> timeline(UUID incident) {
        return IncidentEvent.list("incidentId = ?1 order by id", incident);
    }

    /** Durations of one team and severity, in seconds, of the incidents detected in the window. */
    public record Durations(String team, int severityId, long incidents, long open, Double[] acknowledge,
            Double[] contain, Double[] resolve) {
    }

    /**
     * Per team and severity: how many incidents were detected in the window, how many are open, and for those that
     * reached each milestone the mean, median and 90th percentile of the seconds from detection to acknowledgement,
     * containment and resolution.
     */
    @SuppressWarnings("unchecked")
    public List<Durations> durations(Set<String> teams, Instant since, Instant until) {
        String sql = """
                SELECT team, severity_id, count(*), count(*) FILTER (WHERE status <> 'closed'),
                  %s, %s, %s
                FROM incident
                WHERE detected_at >= :since AND detected_at < :until AND team IS NOT NULL %s
                GROUP BY team, severity_id ORDER BY team, severity_id DESC"""
                .formatted(stats("acknowledged_at"), stats("contained_at"), stats("resolved_at"),
                        teams == null ? "" : "AND team IN (:teams)");
        var query = getEntityManager().createNativeQuery(sql).setParameter("since", since).setParameter("until",
                until);
        if (teams != null) {
            query.setParameter("teams", teams.isEmpty() ? Set.of("") : teams);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Durations((String) r[0],
                ((Number) r[1]).intValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                triple(r, 4), triple(r, 7), triple(r, 10))).toList();
    }

    private static String stats(String milestone) {
        String seconds = "extract(epoch FROM " + milestone + " - detected_at)";
        return "avg(" + seconds + "), percentile_cont(0.5) WITHIN GROUP (ORDER BY " + seconds + "), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + seconds + ")";
    }

    private static Double[] triple(Object[] row, int from) {
        Double[] out = new Double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = row[from + k] == null ? null : ((Number) row[from + k]).doubleValue();
        }
        return out;
    }
}
