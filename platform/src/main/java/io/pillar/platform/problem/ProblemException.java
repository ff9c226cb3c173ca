package io.pillar.platform.problem;

import java.util.Map;

/**
 * An error a service answers with a problem detail of its own status and title (a report that cannot be read, a
 * request the entity's state does not allow), and any members that say more (where, what is supported).
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Members of the problem besides type, title, status, detail and instance. */
    public Map<String, Object> members() {
        return Map.of();
    }
}
