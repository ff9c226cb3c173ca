package io.pillar.response.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;
import io.pillar.response.Playbook;
import io.pillar.response.Run;
import io.pillar.response.actions.RunContext;
import io.pillar.response.actions.RunPerformer;
import io.pillar.response.engine.Interpreter;
import io.pillar.response.engine.Variables;
import io.pillar.response.repository.PlaybookRepository;
import io.pillar.response.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Drives runs: takes a run that is due (new, answered, a deadline or retry reached, or left by a driver that
 * stopped), leases it so no other driver works on it, replays it as far as it goes, and records where it stopped.
 * Nothing of a run lives in memory between drives: a thousand runs waiting on people cost rows, not heap.
 */
@ApplicationScoped
public class RunDriver {
    private static final Logger LOG = Logger.getLogger(RunDriver.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };
    @Inject
    RunRepository runs;
    @Inject
    PlaybookRepository playbooks;
    @Inject
    RunPerformer performer;
    @Inject
    RunEvents events;

    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "run-driver");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void driveDue() {
        Instant now = Instant.now();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> runs.claimDue(now, now.plus(LEASE), 20));
        for (UUID id : due) {
            workers.submit(() -> driveClaimed(id));
        }
    }

    /** Drives the run soon, on a worker, if no driver holds it (call after the change that made it due commits). */
    public void driveSoon(UUID id) {
        workers.submit(() -> {
            Instant now = Instant.now();
            if (QuarkusTransaction.requiringNew().call(() -> runs.claim(id, now, now.plus(LEASE)))) {
                driveClaimed(id);
            }
        });
    }

    private void driveClaimed(UUID id) {
        try {
            boolean again = drive(id);
            if (again) {
                driveSoon(id);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s could not be driven; it is tried again when its lease ends", id);
        }
    }

    /** What a drive starts from, read in one transaction: the run, its playbook's team, the version's document. */
    private record Loaded(Run run, String playbookTeam, JsonNode document) {
    }

    /** One drive of a claimed run; true if it was answered meanwhile and should be driven again at once. */
    boolean drive(UUID id) {
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            Run r = runs.findById(id);
            if (r == null || r.finished()) {
                return null;
            }
            return new Loaded(r, playbooks.findById(r.playbookId).team, tree(playbooks.version(r.playbookId,
                    r.playbookVersion).orElseThrow().document));
        });
        if (loaded == null) {
            return false;
        }
        Run run = loaded.run();
        JsonNode document = loaded.document();
        long pokes = run.pokes;
        Variables vars = Variables.of(document, map(run.inputs));
        vars.set("__run_id__", run.id.toString());
        vars.set("__team__", run.team == null ? "" : run.team);
        vars.set("__incident_id__", run.incidentId == null ? "" : run.incidentId.toString());
        RunContext context = new RunContext(run.id, run.team, run.incidentId, run.requestedBy, run.simulation);
        Interpreter.Outcome outcome = new Interpreter(run.id.toString(), new RunSteps(run.id, runs),
                performer.forRun(context), cacaoId -> subPlaybook(loaded.playbookTeam(), cacaoId),
                Interpreter.Limits.DEFAULT, Instant.now()).run(document, vars);
        return QuarkusTransaction.requiringNew().call(() -> settle(id, outcome, vars, pokes));
    }

    /** Records where the run stopped and lets it go; true if it was poked while driven. */
    private boolean settle(UUID id, Interpreter.Outcome outcome, Variables vars, long pokesBefore) {
        Run run = runs.findById(id);
        Instant now = Instant.now();
        run.leaseUntil = null;
        run.updatedAt = now;
        if (run.finished()) {
            return false; // cancelled while driven
        }
        run.variables = Json.MAPPER.valueToTree(vars.asMap()).toString();
        switch (outcome) {
            case Interpreter.Completed c -> finish(run, "completed", null, now);
            case Interpreter.Failed f -> finish(run, "failed", f.error(), now);
            case Interpreter.Parked p -> {
                boolean waiting = runs.steps(id).stream().anyMatch(s -> s.status.equals("waiting"));
                run.status = waiting ? "waiting" : "running";
                run.wakeAt = p.wakeAt() == null ? now.plus(Duration.ofDays(1)) : p.wakeAt();
            }
        }
        boolean poked = run.pokes != pokesBefore && !run.finished();
        if (poked) {
            run.wakeAt = now;
        }
        return poked;
    }

    private void finish(Run run, String status, String error, Instant now) {
        run.status = status;
        run.error = error;
        run.finishedAt = now;
        run.wakeAt = null;
        events.finished(run);
    }

    /** The team's (else the shared) playbook with this CACAO id: the version modified then, or the latest. */
    private JsonNode subPlaybook(String team, String idAndVersion) {
        String cacaoId = idAndVersion.substring(0, idAndVersion.indexOf('@'));
        String modified = idAndVersion.substring(idAndVersion.indexOf('@') + 1);
        return QuarkusTransaction.requiringNew().call(() -> {
            Playbook p = playbooks.byCacaoId(team, cacaoId).or(() -> playbooks.byCacaoId(null, cacaoId))
                    .orElse(null);
            if (p == null) {
                return null;
            }
            return playbooks.versions(p.id).stream()
                    .filter(v -> modified.isEmpty() ? v.version == p.latestVersion : modified.equals(v.modified))
                    .findFirst().map(v -> tree(v.document)).orElse(null);
        });
    }

    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored playbook that does not read back", e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return json == null ? new HashMap<>() : Json.MAPPER.readValue(json, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run inputs that do not read back", e);
        }
    }
}
