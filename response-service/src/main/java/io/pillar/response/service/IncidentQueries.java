package io.pillar.response.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.platform.security.Caller;
import io.pillar.response.mapping.IncidentMapper;
import io.pillar.response.mapping.IncidentView;
import io.pillar.response.repository.IncidentRepository;

@ApplicationScoped
public class IncidentQueries {
    @Inject
    IncidentRepository incidents;

    @Transactional
    /** The incidents of the caller's teams (every team's for admins and auditors). */
    public Page<IncidentView> list(String cursor, Integer limit, Caller caller) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(incidents.page(caller.visibleTeams(), after, size + 1), size, IncidentMapper::toView,
                IncidentMapper::cursorOf);
    }
}
