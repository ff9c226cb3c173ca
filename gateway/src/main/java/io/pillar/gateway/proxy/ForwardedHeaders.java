package io.pillar.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Tells the service who called: X-Forwarded-For/Host/Proto, so audit records say from where. */
final class ForwardedHeaders implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest original = context.request().proxiedRequest();
        SocketAddress remote = original.remoteAddress();
        var headers = context.request().headers();
        String prior = original.getHeader("X-Forwarded-For");
        String client = remote == null ? "unknown" : remote.hostAddress();
        headers.set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
        headers.set("X-Forwarded-Proto", original.scheme());
        if (original.authority() != null) {
            headers.set("X-Forwarded-Host", original.authority().toString());
        }
        return context.sendRequest();
    }
}
