package io.pillar.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for components to answer. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The status code of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Polls the URL until it answers 200.
     *
     * @throws IllegalStateException when {@code stillRunning} turns false or the timeout passes
     */
    public static void awaitOk(String what, String url, Duration timeout, BooleanSupplier stillRunning,
            java.util.function.Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(url) == 200) {
                return;
            }
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException(what + " exited before it was ready\n" + diagnostics.get());
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(what + " was not ready at " + url + " within " + timeout.toSeconds() + " s\n"
                + diagnostics.get());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private Http() {
    }
}
