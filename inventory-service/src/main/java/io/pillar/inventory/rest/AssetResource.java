package io.pillar.inventory.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Page;
import io.pillar.inventory.mapping.AssetFilter;
import io.pillar.inventory.service.AssetEdits;
import io.pillar.inventory.service.AssetQueries;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetQueries queries;
    @Inject
    AssetEdits edits;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Assets, newest first, cursor-paginated; filters combine")
    public Page<ObjectNode> list(@QueryParam("type") String type, @QueryParam("account") String account,
            @QueryParam("owner_team") String ownerTeam, @QueryParam("classification") String classification,
            @QueryParam("exposure") String exposure, @QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Boolean exposed = switch (exposure == null ? "" : exposure) {
            case "" -> null;
            case "internet", "true" -> true;
            case "none", "false" -> false;
            default -> throw new IllegalArgumentException("exposure must be 'internet' or 'none', was " + exposure);
        };
        String state = status == null || status.isBlank() ? "active" : status;
        if (!state.equals("active") && !state.equals("deleted") && !state.equals("any")) {
            throw new IllegalArgumentException("status must be active, deleted or any, was " + status);
        }
        return queries.list(new AssetFilter(blank(type), blank(account), blank(ownerTeam),
                blank(classification), exposed, state.equals("any") ? null : state, blank(q)), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One asset now, or as it was at an instant (?at=2026-11-29T10:00:00Z)")
    public ObjectNode get(@PathParam("id") UUID id, @QueryParam("at") String at) {
        if (at != null && !at.isBlank()) {
            Instant instant = instant(at);
            return queries.at(id, instant)
                    .orElseThrow(() -> new NotFoundException("no asset " + id + " existed at " + instant));
        }
        return queries.get(id).orElseThrow(() -> new NotFoundException("no asset " + id));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Configuration versions, newest first: who or what changed it, when, and the JSON Patch")
    public ObjectNode history(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return queries.history(id, cursor, limit).orElseThrow(() -> new NotFoundException("no asset " + id));
    }

    @GET
    @Path("/{id}/diff")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The RFC 6902 JSON Patch from one version to another")
    public ObjectNode diff(@PathParam("id") UUID id, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to (version numbers) are required");
        }
        return queries.diff(id, from, to)
                .orElseThrow(() -> new NotFoundException("no asset " + id + " with versions " + from + " and " + to));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Set owner_team, environment, criticality or data_classification by hand (null clears); "
            + "the asset's owning team or an admin")
    public ObjectNode patch(@PathParam("id") UUID id, JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new IllegalArgumentException("the body must be a JSON object with owner_team, environment, "
                    + "criticality or data_classification");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw new IllegalArgumentException(e.getKey() + " must be a string or null");
            }
            fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText().trim());
        }
        edits.edit(id, fields, Caller.of(caller))
                .orElseThrow(() -> new NotFoundException("no asset " + id));
        return queries.get(id).orElseThrow(() -> new NotFoundException("no asset " + id));
    }

    private static Instant instant(String at) {
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 instant such as 2026-11-29T10:00:00Z, was "
                    + at);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
