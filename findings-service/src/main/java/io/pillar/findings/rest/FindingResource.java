package io.pillar.findings.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.findings.mapping.FindingDetail;
import io.pillar.findings.mapping.FindingFilter;
import io.pillar.findings.mapping.FindingPage;
import io.pillar.findings.mapping.FindingSort;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.service.FindingQueries;
import io.pillar.findings.service.FindingWorkflow;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {
    private static final Set<String> STATUSES = Set.of("new", "triaged", "in_progress", "resolved", "suppressed",
            "false_positive", "risk_accepted");

    @Inject
    FindingQueries queries;
    @Inject
    FindingWorkflow workflow;
    @Inject
    io.pillar.findings.service.FindingExports exports;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Findings the caller may see, cursor-paginated, filtered, sorted (created_at, last_seen, "
            + "severity; newest or most severe first), with facet counts on request")
    public FindingPage list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("severity") List<String> severity, @QueryParam("status") List<String> status,
            @QueryParam("product") String product, @QueryParam("team") String team,
            @QueryParam("import_id") String importId, @QueryParam("cve") String cve,
            @QueryParam("control") String control, @QueryParam("best_practice") String bestPractice,
            @QueryParam("asset") String asset, @QueryParam("q") String text, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("correlation") String correlation,
            @QueryParam("sort") String sort, @QueryParam("facets") List<String> facets) {
        return queries.list(caller, filter(severity, status, product, team, importId, cve, control, bestPractice,
                asset, text, since, until, correlation), FindingSort.of(sort), cursor, limit, split(facets));
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Every finding matching the filters, streamed: format=csv, or format=ocsf (a JSON array of "
            + "OCSF findings)")
    public jakarta.ws.rs.core.Response export(@QueryParam("format") String format,
            @QueryParam("severity") List<String> severity, @QueryParam("status") List<String> status,
            @QueryParam("product") String product, @QueryParam("team") String team,
            @QueryParam("import_id") String importId, @QueryParam("cve") String cve,
            @QueryParam("control") String control, @QueryParam("best_practice") String bestPractice,
            @QueryParam("asset") String asset, @QueryParam("q") String text, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("correlation") String correlation) {
        String chosen = format == null || format.isBlank() ? "csv" : format.trim().toLowerCase(java.util.Locale.ROOT);
        FindingFilter filter = filter(severity, status, product, team, importId, cve, control, bestPractice, asset,
                text, since, until, correlation);
        return switch (chosen) {
            case "csv" -> jakarta.ws.rs.core.Response.ok(exports.csv(caller, filter), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"findings.csv\"").build();
            case "ocsf" -> jakarta.ws.rs.core.Response.ok(exports.ocsf(caller, filter), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"findings.ocsf.json\"").build();
            default -> throw new IllegalArgumentException("format must be csv or ocsf, was " + format);
        };
    }

    private FindingFilter filter(List<String> severity, List<String> status, String product, String team,
            String importId, String cve, String control, String bestPractice, String asset, String text,
            String since, String until, String correlation) {

        return new FindingFilter(severities(severity), statuses(status), blank(product), blank(team),
                uuid("import_id", importId), blank(cve), blank(control), blank(bestPractice), blank(asset),
                blank(text), instant("since", since), instant("until", until), null, blank(correlation));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One finding with its workflow history")
    public FindingDetail get(@PathParam("id") UUID id) {
        return workflow.get(id, caller).orElseThrow(() -> new NotFoundException("no finding " + id));
    }

    @GET
    @Path("/{id}/raw")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The scanner's record the finding was last reported with, as received (secrets the parsers "
            + "leave out excepted), with its SHA-256 in the header X-Raw-SHA256")
    public jakarta.ws.rs.core.Response raw(@PathParam("id") UUID id) {
        FindingWorkflow.Raw raw = workflow.raw(id, caller).orElseThrow(() -> new NotFoundException("no finding " + id));
        if (raw.content() == null) {
            throw new NotFoundException("finding " + id + " was reported without a raw record");
        }
        return jakarta.ws.rs.core.Response.ok(raw.content(), rawType(raw.content()))
                .header("X-Raw-SHA256", raw.sha256()).build();
    }

    /** JSON reports' records are JSON, XML reports' (Nessus, JUnit) XML, CSV rows text. */
    static String rawType(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '['
                        ? MediaType.APPLICATION_JSON
                        : b == '<'
                                ? MediaType.APPLICATION_XML + ";charset=utf-8"
                                : MediaType.TEXT_PLAIN + ";charset=utf-8";
            }
        }
        return MediaType.TEXT_PLAIN + ";charset=utf-8";
    }

    /** A workflow change: the new status, why, and (suppressed, risk_accepted; false_positive may) until when. */
    public record StatusChange(String status, String reason, java.time.Instant expiresAt) {
    }

    /** The second person's decision on a pending request (risk acceptance, long suppression or false positive). */
    public record RiskDecision(String decision, String reason) {
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Change a finding's status, with a reason; kept in its history and announced as an event")
    public FindingDetail patch(@PathParam("id") UUID id, StatusChange change) {
        if (change == null || change.status() == null) {
            throw new IllegalArgumentException("status is required, one of " + FindingWorkflow.SETTABLE);
        }
        return workflow.setStatus(id, change.status().trim().toLowerCase(java.util.Locale.ROOT), change.reason(),
                change.expiresAt(), caller).orElseThrow(() -> new NotFoundException("no finding " + id));
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/risk-acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Approve or reject the pending request (a risk acceptance, or a suppression or false positive "
            + "longer than the maximum); the approver must not be the requester")
    public FindingDetail decideRiskAcceptance(@PathParam("id") UUID id, RiskDecision decision) {
        if (decision == null || decision.decision() == null
                || !java.util.Set.of("approve", "reject").contains(decision.decision())) {
            throw new IllegalArgumentException("decision must be approve or reject");
        }
        return workflow.decideRiskAcceptance(id, "approve".equals(decision.decision()), decision.reason(), caller)
                .orElseThrow(() -> new NotFoundException("no finding " + id));
    }

    private static List<Integer> severities(List<String> values) {
        List<Integer> ids = new ArrayList<>();
        for (String value : split(values)) {
            int id = Severity.fromLabel(value);
            if (id == Severity.UNKNOWN && !value.equals("unknown")) {
                throw new IllegalArgumentException("severity must be informational, low, medium, high, critical or "
                        + "unknown, was " + value);
            }
            ids.add(id);
        }
        return ids;
    }

    private static List<String> statuses(List<String> values) {
        List<String> out = split(values);
        for (String s : out) {
            if (!STATUSES.contains(s)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES + ", was " + s);
            }
        }
        return out;
    }

    /** Repeated parameters and comma-separated values alike. */
    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    private static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a UUID, was " + value);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 UTC time like 2026-01-31T00:00:00Z, was "
                    + value);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
