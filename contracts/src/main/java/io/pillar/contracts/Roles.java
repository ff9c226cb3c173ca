package io.pillar.contracts;

import java.util.Set;

/** Realm roles of the {@code pillar} Keycloak realm, as every service checks them. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String ANALYST = "analyst";
    public static final String RESPONDER = "responder";
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";
    /** External integrations: may import and read findings and assets, nothing else. */
    public static final String INTEGRATION = "integration";

    /** The claim that carries a user's teams (Keycloak groups). */
    public static final String TEAMS_CLAIM = "groups";

    public static final Set<String> ALL = Set.of(VIEWER, ANALYST, RESPONDER, ADMIN, AUDITOR, INTEGRATION);

    private Roles() {
    }
}
