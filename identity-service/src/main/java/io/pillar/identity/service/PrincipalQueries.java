package io.pillar.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.identity.mapping.PrincipalMapper;
import io.pillar.identity.mapping.PrincipalView;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.platform.security.Caller;

@ApplicationScoped
public class PrincipalQueries {
    @Inject
    PrincipalRepository principals;

    @Transactional
    public Page<PrincipalView> list(String account, String type, String name, String cursor, Integer limit,
            Caller caller) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        var filter = new PrincipalRepository.Filter(account, type, name, caller.visibleTeams());
        return Page.of(principals.page(filter, after, size + 1), size, PrincipalMapper::toView,
                PrincipalMapper::cursorOf);
    }
}
