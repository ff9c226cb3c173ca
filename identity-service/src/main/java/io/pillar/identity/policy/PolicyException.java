package io.pillar.identity.policy;

/** A policy document that does not parse: where in it ({@code $.Statement[1].Action}) and why. */
public class PolicyException extends Exception {
    private final String path;

    public PolicyException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
