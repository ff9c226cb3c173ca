package io.pillar.identity.mapping;

import io.pillar.contracts.api.Cursor;
import io.pillar.identity.Principal;

public final class PrincipalMapper {

    public static PrincipalView toView(Principal p) {
        return new PrincipalView(p.id, p.type, p.name, p.source, p.externalId, p.account, p.team, p.mfaEnabled,
                p.lastUsedAt, p.createdAt, p.updatedAt);
    }

    public static Cursor cursorOf(Principal p) {
        return new Cursor(p.createdAt, p.id);
    }

    private PrincipalMapper() {
    }
}
