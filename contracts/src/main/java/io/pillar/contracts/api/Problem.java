package io.pillar.contracts.api;

/** An RFC 9457 problem detail, the body of every error answer of Pillar's HTTP APIs. */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem badRequest(String detail, String instance) {
        return new Problem("about:blank", "Bad Request", 400, detail, instance);
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance);
    }
}
