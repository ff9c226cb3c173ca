package io.pillar.response.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.Topic;
import io.pillar.contracts.findings.v1.UpdateStatusRequest;
import io.pillar.contracts.identity.v1.DisableCredentialRequest;
import io.pillar.contracts.identity.v1.DisableCredentialResponse;
import io.pillar.contracts.inventory.v1.SetQuarantineRequest;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.platform.problem.ProblemException;
import io.pillar.response.client.Linked;
import io.pillar.response.engine.ActionPerformer.Done;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Retry;
import io.pillar.response.engine.ActionPerformer.Waiting;
import io.pillar.response.engine.Variables;
import io.pillar.response.playbook.DefinitionCheck;
import io.pillar.response.service.EvidenceService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Pillar's own actions (command type {@code x-pillar}), carried out through the services that own what they change,
 * with this service's token, for the run's team only: an asset, finding or principal of another team is refused.
 */
@ApplicationScoped
public class PillarCommand {
    public static final String NOTIFICATION = "io.pillar.run.notification";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    @Inject
    Linked linked;
    @Inject
    Outbox outbox;
    @Inject
    EvidenceService evidence;
    @Inject
    io.pillar.response.client.Permissions permissions;

    public Performed perform(JsonNode command, RunContext run, String stepKey, String idempotencyKey,
            JsonNode playbook, Variables vars) {
        JsonNode args = command.path("arguments");
        try {
            return switch (command.path("command").asText()) {
                case "quarantine-asset" -> quarantine(arg(args, "asset", vars), arg(args, "reason", vars), run);
                case "disable-credential" -> disable(arg(args, "principal", vars), arg(args, "credential", vars),
                        arg(args, "reason", vars), run, stepKey);
                case "update-findings" -> updateFindings(list(arg(args, "findings", vars)), arg(args, "status", vars),
                        arg(args, "reason", vars), run);
                case "notify" -> notify(args, run, idempotencyKey, playbook, vars);
                case "capture-evidence" -> capture(args, run, stepKey, vars);
                default -> new Done(false, Map.of(), "Pillar does not carry out " + command.path("command").asText());
            };
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            String why = code + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
            return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                    ? new Retry(Duration.ofSeconds(1), why)
                    : new Done(false, Map.of(), why);
        } catch (ProblemException e) {
            return e.status() >= 500
                    ? new Retry(Duration.ofSeconds(1), e.getMessage())
                    : new Done(false, Map.of(), e.getMessage());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Done(false, Map.of(), e.getMessage());
        }
    }

    private Performed quarantine(String asset, String reason, RunContext run) {
        linked.asset(asset, run.team());
        var answer = linked.inventory(DEADLINE).setQuarantine(SetQuarantineRequest.newBuilder()
                .setAssetId(asset).setQuarantined(true).setActor(run.actor())
                .setReason(reason == null ? "playbook run " + run.runId() : reason)
                .setIncidentId(run.incidentId() == null ? "" : run.incidentId().toString()).build());
        return new Done(answer.getQuarantined(), Map.of("__quarantined_asset__", answer.getId()),
                answer.getQuarantined() ? null : "the inventory did not quarantine " + asset);
    }

    private Performed disable(String principal, String credential, String reason, RunContext run, String stepKey) {
        DisableCredentialResponse answer = linked.identity(DEADLINE).disableCredential(
                DisableCredentialRequest.newBuilder().setPrincipalId(principal)
                        .setCredentialId(credential == null ? "" : credential).setActor(run.actor())
                        .setReason(reason == null ? "playbook run " + run.runId() : reason)
                        .setIncidentId(run.incidentId() == null ? "" : run.incidentId().toString())
                        .setTeam(run.team() == null ? "" : run.team()).setRunId(run.runId().toString())
                        .setStepId(stepKey).build());
        if (answer.getDisabled()) {
            return new Done(true, Map.of("__credential_status__", answer.getStatus()), null);
        }
        // a cloud credential: the identity-service asked an executor, whose result comes back for this step
        return new Waiting(null, Map.of("principal", principal, "credential", answer.getCredentialId(),
                "status", answer.getStatus(), "action_id", answer.getActionId()));
    }

    /**
     * Why the action would fail now, without doing it: a client role this service lacks, or a subject that is not the
     * run's team's (or cannot be checked).
     */
    public java.util.Optional<String> wouldFail(JsonNode command, RunContext run, Variables vars) {
        String action = command.path("command").asText();
        try {
            List<String> missing = permissions.missingFor(action);
            if (!missing.isEmpty()) {
                return java.util.Optional.of(action + ": the response-service lacks " + String.join(", ", missing));
            }
            JsonNode args = command.path("arguments");
            String asset = arg(args, "asset", vars);
            String principal = arg(args, "principal", vars);
            if (asset != null && !action.equals("notify")) {
                linked.asset(asset, run.team());
            } else if (principal != null) {
                linked.principal(principal, run.team());
            }
            for (String finding : action.equals("update-findings")
                    ? list(arg(args, "findings", vars))
                    : List.<String>of()) {
                linked.finding(finding, run.team());
            }
            return java.util.Optional.empty();
        } catch (ProblemException | StatusRuntimeException e) {
            return java.util.Optional.of(action + ": " + e.getMessage());
        }
    }

    /** Evidence of an asset (as it was at {@code at}, default now) or a principal, kept for the run's incident. */
    private Performed capture(JsonNode args, RunContext run, String stepKey, Variables vars) {
        String asset = arg(args, "asset", vars);
        String at = arg(args, "at", vars);
        var e = evidence.capture(new EvidenceService.Capture(asset != null ? "asset" : "principal",
                asset != null ? asset : arg(args, "principal", vars), at == null || at.isBlank()
                        ? null
                        : Instant.parse(at),
                run.team(), run.incidentId(), run.runId(), stepKey),
                run.actor(), "response-service");
        return new Done(true, Map.of("__evidence_id__", e.id.toString(), "__evidence_sha256__", e.sha256), null);
    }

    private Performed updateFindings(List<String> ids, String status, String reason, RunContext run) {
        if (ids.isEmpty()) {
            return new Done(false, Map.of(), "update-findings names no finding");
        }
        for (String id : ids) {
            linked.finding(id, run.team());
        }
        for (String id : ids) {
            linked.findings(DEADLINE).updateStatus(UpdateStatusRequest.newBuilder().setId(id)
                    .setStatus(status).setReason(reason == null ? "playbook run " + run.runId() : reason)
                    .setActingPrincipal(run.actor()).build());
        }
        return new Done(true, Map.of("__updated_findings__", String.join(",", ids)), null);
    }

    /**
     * A notification on pillar.response.events for whoever delivers them (mail, chat, pager): the message and the
     * addresses, each an e-mail address, or an agent or target of the playbook whose contact addresses are taken. The
     * event's id is the step's idempotency key: sent again after a crash, it is the same event.
     */
    private Performed notify(JsonNode args, RunContext run, String idempotencyKey, JsonNode playbook,
            Variables vars) {
        Set<String> to = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String recipient : list(arg(args, "to", vars))) {
            JsonNode definition = playbook.path("agent_definitions").has(recipient)
                    ? playbook.path("agent_definitions").get(recipient)
                    : playbook.path("target_definitions").path(recipient);
            if (DefinitionCheck.isEmail(recipient)) {
                to.add(recipient);
            } else if (definition.path("contact").path("email").size() > 0) {
                definition.get("contact").get("email").forEach(e -> to.add(e.asText()));
            } else {
                unknown.add(recipient);
            }
        }
        if (!unknown.isEmpty() || to.isEmpty()) {
            return new Done(false, Map.of(), "no e-mail address for " + (unknown.isEmpty()
                    ? "the recipients"
                    : String.join(", ", unknown)));
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("run_id", run.runId().toString()).put("team", run.team())
                .put("incident_id", run.incidentId() == null ? null : run.incidentId().toString())
                .put("message", arg(args, "message", vars));
        to.forEach(data.putArray("to")::add);
        String key = run.runId().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(List.of(OutboxEvent.of(
                Topic.RESPONSE_EVENTS.topicName(), key, NOTIFICATION,
                CloudEvent.write(idempotencyKey, CloudEvent.source("response-service"), NOTIFICATION, key,
                        Instant.now(), g -> Json.MAPPER.writeValue(g, data))))));
        return new Done(true, Map.of("__notified__", String.join(",", to)), null);
    }

    private static String arg(JsonNode args, String name, Variables vars) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return vars.substitute(v.isTextual() ? v.asText() : v.toString());
    }

    /** A list argument: a JSON array, or text separated by commas. */
    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String v = value.trim();
        if (v.startsWith("[")) {
            try {
                List<String> out = new ArrayList<>();
                Json.MAPPER.readTree(v).forEach(n -> out.add(n.asText()));
                return out;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON list: " + v);
            }
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
