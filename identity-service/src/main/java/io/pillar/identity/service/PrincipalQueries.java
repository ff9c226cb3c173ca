package io.pillar.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.identity.mapping.PrincipalMapper;
import io.pillar.identity.mapping.PrincipalView;
import io.pillar.identity.repository.PrincipalRepository;

@ApplicationScoped
public class PrincipalQueries {
    @Inject
    PrincipalRepository principals;

    @Transactional
    public Page<PrincipalView> list(String cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(principals.page(after, size + 1), size, PrincipalMapper::toView, PrincipalMapper::cursorOf);
    }
}
