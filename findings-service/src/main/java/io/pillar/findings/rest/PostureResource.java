package io.pillar.findings.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.contracts.Roles;
import io.pillar.findings.posture.Attestations;
import io.pillar.findings.posture.HtmlReport;
import io.pillar.findings.posture.PdfReport;
import io.pillar.findings.posture.PostureReport;
import io.pillar.findings.posture.PostureService;
import io.pillar.findings.posture.PostureSnapshots;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

/** The Well-Architected posture of a scope, the coverage of the catalog, and attestations. */
@Path("/api/v1/posture")
@Produces(MediaType.APPLICATION_JSON)
public class PostureResource {

    @Inject
    PostureService posture;
    @Inject
    Attestations attestations;
    @Inject
    PostureSnapshots snapshots;
    @Inject
    PostureReport report;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Every best practice's status in a scope (org, team:<team>, account:<id>, tag:<k>=<v>), "
            + "with its evidence, counted over the teams the caller reads")
    public ObjectNode get(@QueryParam("scope") String scope) {
        return posture.posture(PostureScope.parse(scope), Caller.of(caller), Instant.now());
    }

    @GET
    @Path("/plan")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The improvement plan of a scope: the practices at risk ranked by the risk fixing them "
            + "removes, with their open findings and failing measures, then those without evidence")
    public ObjectNode plan(@QueryParam("scope") String scope) {
        return posture.plan(PostureScope.parse(scope), Caller.of(caller), Instant.now());
    }

    @GET
    @Path("/trend")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The daily snapshots' counts per status of the organisation (callers who read every team) "
            + "or of a team, oldest first")
    public ObjectNode trend(@QueryParam("scope") String scope, @QueryParam("days") Integer days) {
        PostureScope s = PostureScope.parse(scope);
        Caller who = Caller.of(caller);
        trendReach(s, who);
        int span = days == null ? 90 : days;
        if (span < 1 || span > 800) {
            throw new IllegalArgumentException("days: from 1 to 800, not " + span);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("scope", s.toString());
        out.set("items", PostureSnapshots.points(snapshots.trend(s,
                LocalDate.now(ZoneOffset.UTC).minusDays(span - 1L))));
        return out;
    }

    /** Why a trend is not the caller's: an account or tag scope has none, another team's is not found. */
    static void trendReach(PostureScope s, Caller who) {
        if (!s.kind().equals(PostureScope.ORG) && !s.kind().equals(PostureScope.TEAM)) {
            throw new IllegalArgumentException(
                    "scope: daily snapshots are kept for org and team:<team>, not " + s.kind());
        }
        PostureService.checkReach(s, who);
        if (!PostureSnapshots.trendReaches(s, who)) {
            throw new ProblemException(403, "Forbidden", "the organisation's trend counts every team's data;"
                    + " ask for scope=team:<team> of your teams");
        }
    }

    @GET
    @Path("/report")
    @Produces({MediaType.TEXT_HTML, "application/pdf"})
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The review report of a scope as HTML or PDF (format=html|pdf): heatmap of questions by "
            + "scope, high and medium risks per question, trend, improvement plan")
    public Response report(@QueryParam("scope") String scope, @QueryParam("format") String format) {
        String f = format == null || format.isBlank() ? "html" : format;
        if (!f.equals("html") && !f.equals("pdf")) {
            throw new IllegalArgumentException("format: html or pdf, not " + f);
        }
        PostureScope s = PostureScope.parse(scope);
        PostureReport.Model model = report.model(s, Caller.of(caller), Instant.now());
        String name = "posture-" + s.toString().replaceAll("[^A-Za-z0-9._-]", "_") + "." + f;
        return f.equals("pdf")
                ? Response.ok(PdfReport.render(model), "application/pdf")
                        .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build()
                : Response.ok(HtmlReport.render(model), MediaType.TEXT_HTML + ";charset=utf-8")
                        .header("Content-Disposition", "inline; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "For each best practice, its automated evidence sources, or that it needs an attestation")
    public ObjectNode coverage() {
        return posture.coverage();
    }

    @GET
    @Path("/attestations")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The attestations of a scope and the organisation's, newest first")
    public ObjectNode attestations(@QueryParam("scope") String scope, @QueryParam("revoked") boolean revoked) {
        PostureScope s = PostureScope.parse(scope);
        Caller who = Caller.of(caller);
        PostureService.checkReach(s, who);
        Instant now = Instant.now();
        ObjectNode out = Json.MAPPER.createObjectNode();
        var items = out.putArray("items");
        attestations.of(s, who, revoked).forEach(a -> items.add(a.view(now)));
        return out;
    }

    @POST
    @Path("/attestations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Attest that a best practice is met (or not applicable) in a scope, until it expires")
    public Response attest(Attestations.NewAttestation body) {
        Instant now = Instant.now();
        Attestations.Attestation a = attestations.create(body, Caller.of(caller), now);
        return Response.created(URI.create("/api/v1/posture/attestations/" + a.id())).entity(a.view(now)).build();
    }

    @DELETE
    @Path("/attestations/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Revoke an attestation (it is kept, marked revoked)")
    public ObjectNode revoke(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no attestation " + id);
        }
        Instant now = Instant.now();
        return attestations.revoke(uuid, Caller.of(caller), now)
                .orElseThrow(() -> new NotFoundException("no attestation " + id)).view(now);
    }
}
