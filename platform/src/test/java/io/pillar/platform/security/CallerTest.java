package io.pillar.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void onlyTopLevelGroupsAreTeams() {
        assertEquals(Set.of("payments", "platform"), Caller.teamsOf(List.of("/payments", "/platform")));
        // a nested group of the same name, a bare name, or an odd path grants nothing
        assertEquals(Set.of(), Caller.teamsOf(List.of("/platform/payments", "payments", "/", "//payments",
                "/Payments", "/payments/")));
    }

    @Test
    void reachByRole() {
        Caller analyst = new Caller("a", Set.of("platform"), false, false, true, null);
        assertTrue(analyst.reads("platform"));
        assertFalse(analyst.reads("payments"));
        assertFalse(analyst.reads(null), "data of no team is for admins, auditors and integrations");
        assertTrue(analyst.changes("platform"));
        assertFalse(analyst.changes("payments"));
        assertEquals(Set.of("platform"), analyst.visibleTeams());

        Caller auditor = new Caller("u", Set.of("platform"), true, false, false, null);
        assertTrue(auditor.reads("payments"));
        assertTrue(auditor.reads(null));
        assertFalse(auditor.changes("platform"), "auditors change nothing");
        assertNull(auditor.visibleTeams());

        Caller admin = new Caller("root", Set.of(), true, true, true, null);
        assertTrue(admin.changes("payments"));
        assertTrue(admin.changes(null));

        Caller viewer = new Caller("v", Set.of("platform"), false, false, false, null);
        assertTrue(viewer.reads("platform"));
        assertFalse(viewer.changes("platform"));
    }
}
