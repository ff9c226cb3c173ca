package io.pillar.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body that may not exceed {@code limit} bytes whatever its framing (a chunked body declares no length):
 * past the limit, reading stops and the stream fails with {@link TooLarge}.
 */
final class LimitedBody implements ReadStream<Buffer> {
    private final ReadStream<Buffer> in;
    private final long limit;
    private long seen;
    private boolean exceeded;
    private Handler<Throwable> failure;

    LimitedBody(ReadStream<Buffer> in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        failure = handler;
        in.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        in.handler(handler == null ? null : chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            if (seen > limit) {
                exceeded = true;
                in.pause();
                if (failure != null) {
                    failure.handle(new TooLarge(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        in.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        in.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        in.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        in.endHandler(handler);
        return this;
    }

    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes", null, false, false);
        }
    }
}
