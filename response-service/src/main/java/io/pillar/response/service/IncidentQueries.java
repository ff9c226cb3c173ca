package io.pillar.response.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.platform.security.Caller;
import io.pillar.response.Incident;
import io.pillar.response.incident.Lifecycle;
import io.pillar.response.incident.Severity;
import io.pillar.response.mapping.IncidentDetail;
import io.pillar.response.mapping.IncidentMapper;
import io.pillar.response.mapping.IncidentView;
import io.pillar.response.repository.IncidentRepository;

@ApplicationScoped
public class IncidentQueries {
    @Inject
    IncidentRepository incidents;

    /** The incidents of the caller's teams (every team's for admins and auditors) that pass the filter. */
    @Transactional
    public Page<IncidentView> list(String cursor, Integer limit, String status, Integer minSeverity, String assignee,
            String team, Caller caller) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        var teams = caller.visibleTeams();
        if (team != null) {
            teams = caller.reads(team) ? java.util.Set.of(team) : java.util.Set.of();
        }
        var filter = new IncidentRepository.Filter(teams, status == null ? null : Lifecycle.of(status).label(),
                minSeverity == null ? null : (int) Severity.check(minSeverity), assignee);
        return Page.of(incidents.page(filter, after, size + 1), size, IncidentMapper::toView,
                IncidentMapper::cursorOf);
    }

    @Transactional
    public IncidentDetail get(UUID id, Caller caller) {
        return detail(visible(id, caller));
    }

    @Transactional
    public IncidentDetail detail(Incident i) {
        return IncidentMapper.toDetail(i, incidents.links(i.id), incidents.timeline(i.id));
    }

    Incident visible(UUID id, Caller caller) {
        Incident i = incidents.findById(id);
        if (i == null || !caller.reads(i.team)) {
            throw new NotFoundException("no incident " + id);
        }
        return i;
    }

    /** Time to acknowledge, contain and resolve, per team and severity, for incidents detected in the window. */
    public record Metrics(Instant since, Instant until, List<Group> groups) {
    }

    public record Group(String team, int severityId, String severity, long incidents, long open,
            Map<String, Stat> secondsTo) {
    }

    /** Seconds from detection; null where no incident of the group reached the milestone. */
    public record Stat(Double mean, Double median, Double p90) {
    }

    @Transactional
    public Metrics metrics(Instant since, Instant until, Caller caller) {
        Instant to = until == null ? Instant.now() : until;
        Instant from = since == null ? to.minus(Duration.ofDays(90)) : since;
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("since must be before until");
        }
        List<Group> groups = incidents.durations(caller.visibleTeams(), from, to).stream().map(d -> {
            Map<String, Stat> to3 = new LinkedHashMap<>();
            to3.put("acknowledge", stat(d.acknowledge()));
            to3.put("contain", stat(d.contain()));
            to3.put("resolve", stat(d.resolve()));
            return new Group(d.team(), d.severityId(), Severity.label(d.severityId()), d.incidents(), d.open(), to3);
        }).toList();
        return new Metrics(from, to, groups);
    }

    private static Stat stat(Double[] v) {
        return new Stat(v[0], v[1], v[2]);
    }
}
