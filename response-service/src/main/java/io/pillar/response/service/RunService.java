package io.pillar.response.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.pillar.response.Incident;
import io.pillar.response.Playbook;
import io.pillar.response.PlaybookVersion;
import io.pillar.response.Run;
import io.pillar.response.RunStep;
import io.pillar.response.engine.VariableCheck;
import io.pillar.response.mapping.RunView;
import io.pillar.response.playbook.InvalidPlaybookException;
import io.pillar.response.playbook.PlaybookError;
import io.pillar.response.repository.IncidentRepository;
import io.pillar.response.repository.PlaybookRepository;
import io.pillar.response.repository.RunRepository;
import io.quarkus.security.ForbiddenException;

/** Starts, answers, cancels and shows playbook runs; every change a person makes is audited. */
@ApplicationScoped
public class RunService {
    @Inject
    RunRepository runs;
    @Inject
    PlaybookRepository playbooks;
    @Inject
    IncidentRepository incidents;
    @Inject
    PlaybookService playbookService;
    @Inject
    RunEvents events;
    @Inject
    Outbox outbox;

    /** What starting a run asks for. */
    public record StartRun(Map<String, String> inputs, UUID incidentId, Integer version, Boolean simulation,
            String team) {
    }

    /** A responder's answer to a waiting manual step. */
    public record Answer(String decision, String comment, Map<String, String> outputs, String key) {
    }

    /**
     * Creates the run (checked: the playbook is the caller's team's or shared, the incident the same team's, every
     * variable has a value) and makes it due; the caller drives it once this commits.
     */
    @Transactional
    public Run start(UUID playbookId, StartRun request, Caller caller, String triggerKey, String requestedBy) {
        Playbook playbook = playbookService.visible(playbookId, caller);
        int version = request.version() == null ? playbook.latestVersion : request.version();
        PlaybookVersion v = playbooks.version(playbook.id, version)
                .orElseThrow(() -> new NotFoundException("playbook " + playbookId + " has no version " + version));
        Incident incident = null;
        if (request.incidentId() != null) {
            incident = incidents.findById(request.incidentId());
            if (incident == null || !caller.reads(incident.team)) {
                throw new ProblemException(422, "Unprocessable Content", "no incident " + request.incidentId());
            }
        }
        String team = playbook.team != null
                ? playbook.team
                : incident != null ? incident.team : request.team();
        if (team == null && !caller.actsForEveryTeam()) {
            team = caller.teams().size() == 1 ? caller.teams().iterator().next() : null;
            if (team == null) {
                throw new IllegalArgumentException("team is required: the team the run acts for");
            }
        }
        if (incident != null && !java.util.Objects.equals(incident.team, team)) {
            throw new ProblemException(422, "Unprocessable Content", "incident " + incident.id
                    + " is not team " + team + "'s");
        }
        if (!caller.changes(team)) {
            throw new ForbiddenException("only members of team " + team + " may run its playbooks");
        }
        Map<String, String> inputs = request.inputs() == null ? Map.of() : request.inputs();
        List<PlaybookError> missing = VariableCheck.missing(RunDriver.tree(v.document), inputs);
        if (!missing.isEmpty()) {
            throw new InvalidPlaybookException(missing);
        }
        Instant now = Instant.now();
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.playbookId = playbook.id;
        run.playbookVersion = version;
        run.team = team;
        run.incidentId = incident == null ? null : incident.id;
        run.requestedBy = requestedBy;
        run.simulation = Boolean.TRUE.equals(request.simulation());
        run.status = "running";
        run.inputs = Json.MAPPER.valueToTree(inputs).toString();
        run.triggerKey = triggerKey;
        run.wakeAt = now;
        run.createdAt = now;
        run.updatedAt = now;
        run.persist();
        events.started(run, playbook.name);
        ObjectNode after = Json.MAPPER.createObjectNode().put("playbook_id", playbook.id.toString())
                .put("version", version).put("team", team).put("simulation", run.simulation)
                .put("incident_id", run.incidentId == null ? null : run.incidentId.toString());
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                "run.started", "run/" + run.id, null, after, now)));
        return run;
    }

    /** Completes or rejects a waiting manual step; the run goes on once this commits. */
    @Transactional
    public Run answer(UUID runId, String stepId, Answer answer, Caller caller) {
        Run run = changeable(runId, caller);
        List<RunStep> waiting = answer.key() != null
                ? runs.waitingByKey(runId, answer.key()).stream().toList()
                : runs.waiting(runId, stepId);
        if (waiting.isEmpty()) {
            throw new ProblemException(409, "Conflict", "step " + stepId + " of run " + runId
                    + " is not waiting for an answer");
        }
        if (waiting.size() > 1) {
            throw new IllegalArgumentException("step " + stepId + " waits more than once in this run (branches or "
                    + "loops): say which with key, one of " + waiting.stream().map(s -> s.stepKey).toList());
        }
        RunStep step = waiting.get(0);
        if (!"true".equals(RunSteps.map(step.inputs).get("manual"))) {
            throw new ProblemException(409, "Conflict", "step " + stepId + " waits for an executor's result, not a "
                    + "person's answer");
        }
        boolean approve = switch (answer.decision() == null ? "" : answer.decision()) {
            case "approve", "approved", "complete", "completed" -> true;
            case "reject", "rejected" -> false;
            default -> throw new IllegalArgumentException("decision must be approve or reject");
        };
        PlaybookVersion v = playbooks.version(run.playbookId, run.playbookVersion).orElseThrow();
        if (v.containment && caller.name().equals(run.requestedBy)) {
            throw new ForbiddenException("the person who started a run that contains damage may not approve its "
                    + "steps: another responder does");
        }
        Instant now = Instant.now();
        step.status = approve ? "completed" : "failed";
        step.outcome = approve ? "success" : "rejected";
        step.outputs = Json.MAPPER.valueToTree(answer.outputs() == null ? Map.of() : answer.outputs()).toString();
        step.completedBy = caller.name();
        step.comment = answer.comment();
        step.finishedAt = now;
        runs.poke(runId);
        ObjectNode after = Json.MAPPER.createObjectNode().put("step", step.stepKey).put("decision",
                approve ? "approved" : "rejected").put("comment", answer.comment());
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                "run.step_answered", "run/" + runId, null, after, now)));
        return run;
    }

    @Transactional
    public Run cancel(UUID runId, String reason, Caller caller) {
        Run run = changeable(runId, caller);
        if (run.finished()) {
            throw new ProblemException(409, "Conflict", "run " + runId + " is already " + run.status);
        }
        Instant now = Instant.now();
        run.status = "cancelled";
        run.error = reason == null || reason.isBlank() ? "cancelled by " + caller.name() : reason;
        run.finishedAt = now;
        run.updatedAt = now;
        run.wakeAt = null;
        events.finished(run);
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                "run.cancelled", "run/" + runId, null, Json.MAPPER.createObjectNode().put("reason", run.error),
                now)));
        return run;
    }

    @Transactional
    public RunView view(UUID id, Caller caller) {
        return view(visible(id, caller), true);
    }

    @Transactional
    public Page<RunView> list(String cursor, Integer limit, UUID incident, String status, Caller caller) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(runs.page(caller.visibleTeams(), incident, status, after, size + 1), size,
                r -> view(r, false), r -> new Cursor(r.createdAt, r.id));
    }

    /** A game day's report (or any run's): what each step did or would do, its time, its waits and its failures. */
    public record Report(UUID runId, String playbook, boolean simulation, String status, List<StepReport> steps,
            Totals totals) {
    }

    public record StepReport(String key, String stepId, String name, String outcome, String would, Long durationMs,
            Long waitsMs, String wouldFail) {
    }

    /** Automated time, how many approvals and how long they may hold the run, how many steps would fail. */
    public record Totals(int steps, long automatedMs, int approvals, long approvalWaitMs, int wouldFail) {
    }

    @Transactional
    public Report report(UUID id, Caller caller) {
        Run run = visible(id, caller);
        List<StepReport> steps = new java.util.ArrayList<>();
        long automated = 0;
        long waits = 0;
        int approvals = 0;
        int failing = 0;
        for (RunStep s : runs.steps(id)) {
            Map<String, String> out = RunSteps.map(s.outputs);
            Map<String, String> in = RunSteps.map(s.inputs);
            Long duration = s.finishedAt == null ? null : Duration.between(s.startedAt, s.finishedAt).toMillis();
            boolean person = run.simulation
                    ? out.getOrDefault("__simulated__", "").contains("for a responder")
                    : "true".equals(in.get("manual"));
            Long wait = run.simulation
                    ? Long.valueOf(out.getOrDefault("__simulated_wait_ms__", "0"))
                    : person ? duration : null;
            String wouldFail = run.simulation ? out.get("__would_fail__") : "failed".equals(s.status) ? s.error : null;
            if (person) {
                approvals++;
                waits += wait == null ? 0 : wait;
            } else if (duration != null) {
                automated += duration;
            }
            failing += wouldFail == null ? 0 : 1;
            steps.add(new StepReport(s.stepKey, s.stepId, s.name, s.outcome, out.getOrDefault("__simulated__",
                    null), duration, wait, wouldFail));
        }
        Playbook p = playbooks.findById(run.playbookId);
        return new Report(run.id, p == null ? null : p.name, run.simulation, run.status, steps,
                new Totals(steps.size(), automated, approvals, waits, failing));
    }

    RunView view(Run r, boolean withSteps) {
        Playbook p = playbooks.findById(r.playbookId);
        List<RunView.StepView> steps = !withSteps
                ? List.of()
                : runs.steps(r.id).stream().map(s -> new RunView.StepView(
                        s.stepKey, s.stepId, s.name, s.status, s.outcome, s.attempt, RunSteps.map(s.inputs),
                        RunSteps.map(s.outputs), s.error, s.startedAt, s.finishedAt,
                        s.finishedAt == null ? null : Duration.between(s.startedAt, s.finishedAt).toMillis(),
                        s.deadline,
                        s.nextAttemptAt, s.completedBy, s.comment)).toList();
        return new RunView(r.id, r.playbookId, r.playbookVersion, p == null ? null : p.name, r.team, r.incidentId,
                r.requestedBy, r.simulation, r.status, r.error, RunDriver.map(r.inputs),
                r.variables == null ? Map.of() : RunDriver.map(r.variables), r.createdAt, r.updatedAt, r.finishedAt,
                steps);
    }

    private Run visible(UUID id, Caller caller) {
        Run run = runs.findById(id);
        if (run == null || !caller.reads(run.team)) {
            throw new NotFoundException("no run " + id);
        }
        return run;
    }

    private Run changeable(UUID id, Caller caller) {
        Run run = visible(id, caller);
        if (!caller.changes(run.team)) {
            throw new ForbiddenException("only members of team " + run.team + " may answer or cancel its runs");
        }
        return run;
    }
}
