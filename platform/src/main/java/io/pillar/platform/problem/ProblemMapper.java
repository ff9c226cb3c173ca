package io.pillar.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pillar.contracts.api.Problem;
import io.quarkus.security.ForbiddenException;

/** Errors of every service's REST API answer RFC 9457 application/problem+json saying what was wrong and where. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, UriInfo uri) {
        return problem(Problem.badRequest(e.getMessage(), uri.getPath()), Map.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "your roles do not allow this request"
                : e.getMessage();
        return problem(Problem.of(403, "Forbidden", detail, uri.getPath()), Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        // a resource's own "no such ..." message says more than the generic one
        String detail = e.getMessage() != null && e.getMessage().startsWith("no ")
                ? e.getMessage()
                : "nothing is served at " + uri.getPath();
        return problem(Problem.of(404, "Not Found", detail, uri.getPath()), Map.of());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problem(Problem.of(e.status(), e.title(), e.getMessage(), uri.getPath()), e.members());
    }

    private static Response problem(Problem p, Map<String, Object> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", p.instance());
        body.putAll(members);
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
