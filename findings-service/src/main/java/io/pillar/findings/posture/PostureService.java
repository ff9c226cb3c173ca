package io.pillar.findings.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.contracts.evidence.v1.Source;
import io.pillar.findings.repository.bulk.FindingEvidence;
import io.pillar.findings.service.BestPractices;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;

/**
 * The posture of a scope: every best practice of the catalog in force with its status and the evidence behind it,
 * from this service's findings, the other services' observations and the attestations. Counted only over the data
 * of the teams the caller reads.
 */
@ApplicationScoped
public class PostureService {
    @Inject
    FindingEvidence findings;
    @Inject
    EvidenceClients remote;
    @Inject
    Attestations attestations;
    @Inject
    BestPractices mapping;

    private final FrameworkCatalog catalog = FrameworkCatalog.inForce();

    public FrameworkCatalog catalog() {
        return catalog;
    }

    /** The posture document of {@code GET /api/v1/posture}. */
    public ObjectNode posture(PostureScope scope, Caller caller, Instant now) {
        return compute(scope, caller, now).doc();
    }

    /** The improvement plan of {@code GET /api/v1/posture/plan}: the posture's open items, ranked. */
    public ObjectNode plan(PostureScope scope, Caller caller, Instant now) {
        return withPlan(scope, caller, now).plan();
    }

    public record WithPlan(ObjectNode posture, ObjectNode plan) {
    }

    /** The posture and its plan, computed once. */
    public WithPlan withPlan(PostureScope scope, Caller caller, Instant now) {
        Computed c = compute(scope, caller, now);
        return new WithPlan(c.doc(), ImprovementPlan.of(c.doc(), (practice, limit) -> findings.open(practice, scope,
                c.every() ? Set.of() : c.teams(), c.every(), c.scopeAssets(), limit)));
    }

    private record Computed(ObjectNode doc, List<java.util.UUID> scopeAssets, Set<String> teams, boolean every) {
    }

    private Computed compute(PostureScope scope, Caller caller, Instant now) {
        checkReach(scope, caller);
        Set<String> teams = caller.visibleTeams();
        boolean every = teams == null;
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, List<String>> practicesOfSource = new HashMap<>();
        Map<String, Source> sourcesById = new HashMap<>();
        for (EvidenceClients.RemoteSource s : remote.sources(unavailable)) {
            sourcesById.put(s.service() + "|" + s.source().getId(), s.source());
            practicesOfSource.put(s.service() + "|" + s.source().getId(), s.source().getBestPracticesList());
        }
        EvidenceClients.Observations observed = remote.observe(scope, every ? Set.of() : teams, every, sourcesById);
        unavailable.putAll(observed.unavailable());
        List<PostureRules.Observed> all = new ArrayList<>(observed.observed());
        all.add(findings.remediation(scope, every ? Set.of() : teams, every, observed.scopeAssets()));
        practicesOfSource.put("findings-service|" + FindingEvidence.REMEDIATION, List.of("SEC04-BP04"));
        Map<String, List<PostureRules.Observed>> byPractice = new HashMap<>();
        for (PostureRules.Observed o : all) {
            for (String bp : practicesOfSource.getOrDefault(o.service() + "|" + o.sourceId(), List.of())) {
                byPractice.computeIfAbsent(bp, k -> new ArrayList<>()).add(o);
            }
        }
        Map<String, PostureRules.Findings> counts = findings.perPractice(scope, every ? Set.of() : teams, every,
                observed.scopeAssets());
        Map<String, Attestations.Attestation> attested = attestations.bearing(scope, caller, now);

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("framework", catalog.framework()).put("version", catalog.version())
                .put("catalog", catalog.shortVersion()).put("scope", scope.toString())
                .put("computed_at", now.toString())
                .put("evidence_window_days", FindingEvidence.WINDOW_DAYS);
        ObjectNode summary = out.putObject("summary");
        for (String s : List.of(PostureRules.MET, PostureRules.HIGH_RISK, PostureRules.MEDIUM_RISK,
                PostureRules.NO_EVIDENCE, PostureRules.NOT_APPLICABLE)) {
            summary.put(s, 0);
        }
        ObjectNode missing = out.putObject("unavailable");
        unavailable.forEach(missing::put);
        if (observed.scopeAssetsTruncated()) {
            out.put("warning", "the scope holds more assets than are counted (" + observed.scopeAssets().size()
                    + "): findings of the others are left out");
        }
        ArrayNode questions = out.putArray("questions");
        for (FrameworkCatalog.Question q : catalog.questions()) {
            ObjectNode question = questions.addObject();
            question.put("id", q.id()).put("area", q.area()).put("title", q.title());
            int high = 0;
            int medium = 0;
            ArrayNode practices = question.putArray("best_practices");
            for (FrameworkCatalog.Practice p : q.practices()) {
                PostureRules.Findings f = counts.getOrDefault(p.id(), PostureRules.Findings.NONE);
                List<PostureRules.Observed> obs = byPractice.getOrDefault(p.id(), List.of());
                Attestations.Attestation a = attested.get(p.id());
                PostureRules.Verdict verdict = PostureRules.judge(f, obs,
                        a == null ? null : new PostureRules.Attested(a.status(), a.inForce(now)));
                high += verdict.status().equals(PostureRules.HIGH_RISK) ? 1 : 0;
                medium += verdict.status().equals(PostureRules.MEDIUM_RISK) ? 1 : 0;
                summary.put(verdict.status(), summary.get(verdict.status()).asInt() + 1);
                ObjectNode practice = practices.addObject();
                practice.put("id", p.id()).put("title", p.title()).put("status", verdict.status());
                ArrayNode reasons = practice.putArray("reasons");
                verdict.reasons().forEach(reasons::add);
                ObjectNode evidence = practice.putObject("evidence");
                ObjectNode open = evidence.putObject("findings").putObject("open");
                open.put("critical", f.critical()).put("high", f.high()).put("medium", f.medium())
                        .put("low", f.low());
                ((ObjectNode) evidence.get("findings")).put("seen_within_window", f.seenRecently());
                ArrayNode sources = evidence.putArray("sources");
                for (PostureRules.Observed o : obs) {
                    ObjectNode s = sources.addObject().put("service", o.service()).put("id", o.sourceId())
                            .put("kind", o.kind()).put("evaluated", o.evaluated()).put("detail", o.detail());
                    if ("measure".equals(o.kind())) {
                        s.put("failing", o.failing()).put("risk", o.risk());
                    }
                }
                if (a != null) {
                    evidence.set("attestation", a.view(now));
                }
            }
            question.put("high_risk", high).put("medium_risk", medium);
        }
        return new Computed(out, observed.scopeAssets(), teams, every);
    }

    /** The coverage report: for each best practice, its automated sources, or that it needs an attestation. */
    public ObjectNode coverage() {
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, List<ObjectNode>> byPractice = new HashMap<>();
        for (BestPractices.MappingSource s : mapping.sources()) {
            for (String bp : s.bestPractices()) {
                byPractice.computeIfAbsent(bp, k -> new ArrayList<>()).add(Json.MAPPER.createObjectNode()
                        .put("service", "findings-service").put("id", s.id()).put("kind", "findings")
                        .put("title", s.title()));
            }
        }
        byPractice.computeIfAbsent("SEC04-BP04", k -> new ArrayList<>()).add(Json.MAPPER.createObjectNode()
                .put("service", "findings-service").put("id", FindingEvidence.REMEDIATION).put("kind", "measure")
                .put("title", "Open critical findings are handled within 7 days, high ones within 30"));
        for (EvidenceClients.RemoteSource s : remote.sources(unavailable)) {
            for (String bp : s.source().getBestPracticesList()) {
                byPractice.computeIfAbsent(bp, k -> new ArrayList<>()).add(Json.MAPPER.createObjectNode()
                        .put("service", s.service()).put("id", s.source().getId()).put("kind", s.source().getKind())
                        .put("title", s.source().getTitle()));
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("framework", catalog.framework()).put("version", catalog.version())
                .put("catalog", catalog.shortVersion());
        ObjectNode missing = out.putObject("unavailable");
        unavailable.forEach(missing::put);
        int automated = 0;
        Set<String> attestationOnly = new TreeSet<>();
        ArrayNode practices = out.putArray("best_practices");
        for (FrameworkCatalog.Practice p : catalog.practices().values()) {
            List<ObjectNode> sources = byPractice.getOrDefault(p.id(), List.of());
            ObjectNode n = practices.addObject().put("id", p.id()).put("question", p.questionId())
                    .put("title", p.title())
                    .put("evidence", sources.isEmpty() ? "attestation" : "automated");
            n.putArray("sources").addAll(sources);
            if (sources.isEmpty()) {
                attestationOnly.add(p.id());
            } else {
                automated++;
            }
        }
        out.put("total", catalog.practices().size()).put("automated", automated)
                .put("attestation_only", attestationOnly.size());
        return out;
    }

    /** A team scope of a team the caller does not read is, to the caller, no scope at all: the one check of it. */
    public static void checkReach(PostureScope scope, Caller caller) {
        if (scope.kind().equals(PostureScope.TEAM) && !caller.reads(scope.value())) {
            throw new ProblemException(404, "Not Found", "no scope " + scope + " among your teams");
        }
    }
}
