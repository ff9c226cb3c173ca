package io.pillar.inventory.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.inventory.rules.Rule;
import io.pillar.inventory.rules.RuleBook;
import io.pillar.inventory.rules.RuleLoader;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
    @Inject
    RuleBook book;

    public record RuleView(String id, String title, String severity, List<String> resourceTypes,
            List<String> bestPractices, String expression, String remediation, String file) {
        static RuleView of(Rule r) {
            return new RuleView(r.id(), r.title(), r.severity(), List.copyOf(r.resourceTypes()), r.bestPractices(),
                    r.expression(), r.remediation(), r.file());
        }
    }

    public record RuleSetView(String loadedAt, String lastAttempt, List<RuleView> rules,
            List<RuleLoader.LoadError> errors) {
        static RuleSetView of(RuleBook.RuleSet s) {
            return new RuleSetView(s.loadedAt().toString(), s.lastAttempt().toString(),
                    s.rules().stream().map(RuleView::of).toList(), s.lastErrors());
        }
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The rules in force, and the errors of the last attempt to load the rules directory")
    public RuleSetView list() {
        return RuleSetView.of(book.current());
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Load the rules directory now (it is also watched); refused as a whole on any error")
    public RuleSetView reload() {
        return RuleSetView.of(book.reload());
    }
}
