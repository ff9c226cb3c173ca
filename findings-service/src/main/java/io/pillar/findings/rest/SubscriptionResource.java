package io.pillar.findings.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.contracts.Teams;
import io.pillar.findings.Subscription;
import io.pillar.findings.mapping.SubscriptionView;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.service.SubscriptionService;
import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
    private static final Set<String> STATUSES = Set.of("new", "triaged", "in_progress", "resolved", "suppressed",
            "false_positive", "risk_accepted");

    @Inject
    SubscriptionService subscriptions;
    @Inject
    SecurityIdentity caller;

    /** The body of a new subscription; every criterion is optional and lists are ORed within, ANDed across. */
    public record NewSubscription(String team, List<String> severity, List<String> status, List<String> product,
            List<String> control, java.util.Map<String, String> assetTag) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Subscribe a team: matching events of its findings go to pillar.team.<team>.findings")
    public Response create(NewSubscription body) {
        if (body == null || !Teams.isName(body.team())) {
            throw new IllegalArgumentException("team is required: lower-case letters, digits and dashes");
        }
        requireMember(body.team());
        List<Integer> severities = new ArrayList<>();
        for (String label : nonNull(body.severity())) {
            int id = Severity.fromLabel(label);
            if (id == Severity.UNKNOWN) {
                throw new IllegalArgumentException("severity must be informational, low, medium, high or critical, "
                        + "was " + label);
            }
            severities.add(id);
        }
        List<String> statuses = nonNull(body.status()).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String s : statuses) {
            if (!STATUSES.contains(s)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES + ", was " + s);
            }
        }
        Subscription s = subscriptions.create(new SubscriptionService.Criteria(body.team(), severities, statuses,
                nonNull(body.product()), nonNull(body.control()),
                body.assetTag() == null ? java.util.Map.of() : body.assetTag()), caller.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/subscriptions/" + s.id)).entity(SubscriptionView.of(s)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The subscriptions of the caller's teams (every team for admins and auditors)")
    public List<SubscriptionView> list() {
        return subscriptions.list(Caller.of(caller).visibleTeams()).stream().map(SubscriptionView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "End a subscription (the team's topic and what it holds stay)")
    public Response delete(@PathParam("id") UUID id) {
        Subscription s = subscriptions.get(id).filter(x -> Caller.of(caller).reads(x.team))
                .orElseThrow(() -> new NotFoundException("no subscription " + id));
        requireMember(s.team);
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    private void requireMember(String team) {
        if (!Caller.of(caller).changes(team)) {
            throw new ForbiddenException("only members of team " + team + " (or admins) manage its subscriptions");
        }
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }
}
