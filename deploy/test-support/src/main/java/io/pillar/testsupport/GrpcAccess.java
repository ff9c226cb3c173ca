package io.pillar.testsupport;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

/**
 * Every method of a gRPC service, called by every caller: what a service's own tests assert about who may call it.
 * Methods come from the service's descriptor, so a new method is checked by construction (it fails until the
 * expectations name who may call it). Each call sends the request type's empty message, which changes nothing.
 */
public final class GrpcAccess {

    /**
     * The answers that the expectations do not allow: a refusal (UNAUTHENTICATED, PERMISSION_DENIED) to a caller that
     * is expected, anything else to one that is not.
     *
     * @param allowed for each method's bare name, the names of the callers that may call it
     * @param tokens each caller's name and bearer token
     */
    public static List<String> unexpected(Channel channel, ServiceDescriptor service, Map<String, Set<String>> allowed,
            Map<String, String> tokens) {
        List<String> out = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            String name = method.getBareMethodName();
            Set<String> who = allowed.get(name);
            if (who == null) {
                out.add(service.getName() + "/" + name + " is served but not in the expectations");
                continue;
            }
            for (var caller : tokens.entrySet()) {
                Status.Code code = call(channel, method, caller.getValue());
                boolean refused = code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED;
                if (refused == who.contains(caller.getKey())) {
                    out.add(service.getName() + "/" + name + " as " + caller.getKey() + ": " + code
                            + (refused ? " (expected to be allowed)" : " (expected to be refused)"));
                }
            }
        }
        allowed.keySet().stream()
                .filter(m -> service.getMethods().stream().noneMatch(d -> m.equals(d.getBareMethodName())))
                .forEach(m -> out.add(service.getName() + "/" + m + " is expected but not served"));
        return out;
    }

    /** The stub, calling with this bearer token and a deadline of 10 seconds per call. */
    public static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** A user of each realm role (of team platform), by role name, and the given service callers by name. */
    public static Map<String, String> usersOfEveryRoleAnd(Map<String, String> services) {
        Map<String, String> callers = new java.util.LinkedHashMap<>();
        for (String role : List.of("viewer", "analyst", "responder", "auditor", "integration", "admin")) {
            callers.put(role, TestTokens.token(role + "-user", Set.of(role),
                    Set.of("integration", "admin").contains(role) ? Set.of() : Set.of("platform")));
        }
        callers.putAll(services);
        return callers;
    }

    private static <Q, R> Status.Code call(Channel channel, MethodDescriptor<Q, R> method, String token) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            throw new IllegalArgumentException(method.getFullMethodName() + ": only unary methods are checked");
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        Channel withToken = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        Q empty = method.getRequestMarshaller().parse(new ByteArrayInputStream(new byte[0]));
        try {
            ClientCalls.blockingUnaryCall(withToken, method, CallOptions.DEFAULT.withDeadlineAfter(20,
                    TimeUnit.SECONDS), empty);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private GrpcAccess() {
    }
}
