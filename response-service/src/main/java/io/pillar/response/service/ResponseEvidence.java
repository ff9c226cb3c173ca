package io.pillar.response.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.contracts.PostureScope;
import io.pillar.response.repository.bulk.ReadinessCounts;
import io.pillar.response.repository.bulk.ReadinessCounts.Counts;

/**
 * What the response-service gives as posture evidence: SEC10 measures over a year of playbooks, runs, game days,
 * trigger rules and incidents, and each best practice its playbooks name in their labels. Incident preparedness is a
 * team's: an account or tag scope gets no response evidence.
 */
@ApplicationScoped
public class ResponseEvidence {
    public static final String CATALOG = "2024-06-27";

    public record Source(String id, String title, List<String> bestPractices, String kind) {
    }

    public record Observation(String sourceId, long evaluated, long failing, String risk, String detail) {
    }

    static final String PLAYBOOKS = "playbooks/";
    static final List<Source> SOURCES = List.of(
            new Source("measure/incident-plan", "Trigger rules turn a team's findings into incidents or runs",
                    List.of("SEC10-BP02"), "measure"),
            new Source("measure/forensics", "Serious incidents have evidence captured; playbooks capture it",
                    List.of("SEC10-BP03"), "measure"),
            new Source("measure/playbooks-exercised", "Each playbook ran, for real or in a game day, within a year",
                    List.of("SEC10-BP04"), "measure"),
            new Source("measure/containment-ready", "Playbooks that contain (quarantine, disable) are in place",
                    List.of("SEC10-BP06"), "measure"),
            new Source("measure/game-days", "A game day (simulated run) completed within a year",
                    List.of("SEC10-BP07"), "measure"),
            new Source("measure/post-incident-reviews", "Closed incidents carry a post-incident review",
                    List.of("SEC10-BP08"), "measure"),
            new Source("measure/incident-owners", "Incidents have people assigned", List.of("SEC10-BP01"),
                    "measure"));

    @Inject
    ReadinessCounts counts;

    /** The measures, and one source per best practice a playbook names in its labels. */
    public List<Source> sources() {
        List<Source> out = new ArrayList<>(SOURCES);
        for (String practice : counts.namedPractices()) {
            out.add(playbookSource(practice));
        }
        return out;
    }

    static Source playbookSource(String practice) {
        return new Source(PLAYBOOKS + practice, "Playbooks labelled well-architected:" + practice
                + " ran, for real or in a game day, within a year", List.of(practice), "playbook");
    }

    public List<Observation> observe(PostureScope scope, List<String> teams, boolean everyTeam) {
        if (!scope.kind().equals(PostureScope.ORG) && !scope.kind().equals(PostureScope.TEAM)) {
            return List.of();
        }
        List<Observation> out = new ArrayList<>(observe(counts.count(scope, teams, everyTeam)));
        out.addAll(observePlaybooks(counts.namedPractices(scope, teams, everyTeam)));
        return out;
    }

    /**
     * Per best practice its playbooks name: evidence when one of them ran (for real or in a game day) within the
     * year; playbooks nobody ran are named but observe nothing. Rehearsal as such is SEC10-BP04's and BP07's measure.
     */
    static List<Observation> observePlaybooks(List<ReadinessCounts.NamedPractice> named) {
        java.util.Map<String, List<ReadinessCounts.NamedPractice>> byPractice = new java.util.TreeMap<>();
        named.forEach(n -> byPractice.computeIfAbsent(n.practice(), k -> new ArrayList<>()).add(n));
        List<Observation> out = new ArrayList<>();
        byPractice.forEach((practice, playbooks) -> {
            long ran = playbooks.stream().filter(p -> p.runs() > 0).count();
            List<String> parts = playbooks.stream().map(p -> p.runs() == 0
                    ? "'" + p.playbook() + "' did not run within a year"
                    : "'" + p.playbook() + "' ran " + p.runs() + " time(s) within a year (" + p.gameDays()
                            + " game day(s)), last on " + p.lastRun().toString().substring(0, 10))
                    .toList();
            out.add(new Observation(PLAYBOOKS + practice, ran, 0, "", String.join("; ", parts)));
        });
        return out;
    }

    /** The measures from the counts: kept apart from the database for the tests. */
    static List<Observation> observe(Counts c) {
        List<Observation> out = new ArrayList<>();
        out.add(new Observation("measure/incident-plan", 1, c.enabledTriggers() > 0 ? 0 : 1, "medium",
                c.enabledTriggers() > 0
                        ? c.enabledTriggers() + " enabled trigger rule(s) open incidents or start playbooks"
                        : "no enabled trigger rule: findings open no incident and start no playbook"));
        ReadinessCounts.Share serious = c.seriousIncidentsWithoutEvidence();
        if (serious.all() > 0) {
            out.add(new Observation("measure/forensics", serious.all(), serious.short_(), "medium",
                    serious.short_() == 0
                            ? "every one of " + serious.all() + " high or critical incident(s) of the year has "
                                    + "evidence captured"
                            : serious.short_() + " of " + serious.all() + " high or critical incident(s) of the year "
                                    + "have no evidence captured"));
        } else {
            out.add(new Observation("measure/forensics", 1, c.capturingPlaybooks() > 0 ? 0 : 1, "medium",
                    c.capturingPlaybooks() > 0
                            ? c.capturingPlaybooks() + " playbook(s) capture evidence (no serious incident this year)"
                            : "no playbook captures evidence, and no serious incident this year"));
        }
        ReadinessCounts.Share notRun = c.playbooksNotRun();
        out.add(notRun.all() == 0
                ? new Observation("measure/playbooks-exercised", 1, 1, "high", "no incident response playbook")
                : new Observation("measure/playbooks-exercised", notRun.all(), notRun.short_(), "medium",
                        notRun.short_() == 0
                                ? "every one of " + notRun.all() + " playbook(s) ran within a year"
                                : notRun.short_() + " of " + notRun.all() + " playbook(s) did not run within a year"));
        out.add(new Observation("measure/containment-ready", 1, c.containingPlaybooks() > 0 ? 0 : 1, "medium",
                c.containingPlaybooks() > 0
                        ? c.containingPlaybooks() + " playbook(s) contain automatically (quarantine an asset, "
                                + "disable a credential)"
                        : "no playbook contains automatically"));
        out.add(new Observation("measure/game-days", 1, c.gameDays() > 0 ? 0 : 1, "medium", c.gameDays() > 0
                ? c.gameDays() + " game day run(s) completed within a year"
                : "no game day completed within a year"));
        ReadinessCounts.Share closed = c.closedWithoutReview();
        if (closed.all() > 0) {
            out.add(new Observation("measure/post-incident-reviews", closed.all(), closed.short_(), "medium",
                    closed.short_() == 0
                            ? "every one of " + closed.all() + " incident(s) closed this year has a review"
                            : closed.short_() + " of " + closed.all()
                                    + " incident(s) closed this year have no review"));
        }
        ReadinessCounts.Share owned = c.incidentsWithoutAssignees();
        if (owned.all() > 0) {
            out.add(new Observation("measure/incident-owners", owned.all(), owned.short_(), "medium",
                    owned.short_() == 0
                            ? "every one of " + owned.all() + " incident(s) of the year has people assigned"
                            : owned.short_() + " of " + owned.all() + " incident(s) of the year have nobody assigned"));
        }
        return out;
    }
}
