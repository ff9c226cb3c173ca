package io.pillar.identity.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pillar.contracts.api.Problem;
import io.quarkus.security.ForbiddenException;

/** Errors answer RFC 9457 application/problem+json saying what was wrong and where. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, UriInfo uri) {
        return problem(Problem.badRequest(e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.of(403, "Forbidden", "your roles do not allow this request", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(Problem.of(404, "Not Found", "nothing is served at " + uri.getPath(), uri.getPath()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
