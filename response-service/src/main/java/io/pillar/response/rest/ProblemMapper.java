package io.pillar.response.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pillar.contracts.api.Problem;

/** Bad input answers RFC 9457 application/problem+json saying what was wrong and where. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, UriInfo uri) {
        Problem problem = Problem.badRequest(e.getMessage(), uri.getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
