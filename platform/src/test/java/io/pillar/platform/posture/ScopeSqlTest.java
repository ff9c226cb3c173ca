package io.pillar.platform.posture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pillar.contracts.PostureScope;

class ScopeSqlTest {
    private static final ScopeSql.Columns ASSET = new ScopeSql.Columns("owner_team", "account", "document->'tags'");
    private static final ScopeSql.Columns NO_ACCOUNT = new ScopeSql.Columns("team", null, null);

    @Test
    void wholeOrganisationForSomeoneWhoReadsEveryTeamHasNoCondition() {
        ScopeSql sql = ScopeSql.of(PostureScope.WHOLE_ORGANISATION, Set.of(), true, ASSET);
        assertEquals("true", sql.where());
        assertEquals(List.of(), sql.params());
    }

    @Test
    void theAskingPersonsTeamsAlwaysBound() {
        ScopeSql sql = ScopeSql.of(PostureScope.parse("tag:app=shop"), Set.of("payments"), false, ASSET);
        assertEquals("(document->'tags') ->> ? = ? AND owner_team = ANY(?)", sql.where());
        assertEquals("app", sql.params().get(0));
        assertEquals("shop", sql.params().get(1));
        assertArrayEquals(new String[]{"payments"}, (String[]) sql.params().get(2));
        assertEquals("owner_team = ? AND owner_team = ANY(?)",
                ScopeSql.of(PostureScope.parse("team:platform"), Set.of("payments"), false, ASSET).where());
    }

    @Test
    void aScopeTheTableCannotExpressMatchesNothing() {
        assertEquals("false", ScopeSql.of(PostureScope.parse("account:1"), Set.of(), true, NO_ACCOUNT).where());
        assertEquals("false AND team = ANY(?)",
                ScopeSql.of(PostureScope.parse("tag:a=b"), Set.of("x"), false, NO_ACCOUNT).where());
    }
}
