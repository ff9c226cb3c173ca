package io.pillar.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostureScopeTest {
    @Test
    void parsesEveryKindAndPrintsItBack() {
        assertEquals(PostureScope.WHOLE_ORGANISATION, PostureScope.parse(null));
        assertEquals(PostureScope.WHOLE_ORGANISATION, PostureScope.parse("org"));
        assertEquals(new PostureScope("team", "payments"), PostureScope.parse("team:payments"));
        assertEquals("account:123456789012", PostureScope.parse("account:123456789012").toString());
        PostureScope tag = PostureScope.parse("tag:app=check=out");
        assertEquals("app", tag.tagKey());
        assertEquals("check=out", tag.tagValue());
        assertEquals("", PostureScope.parse("tag:app=").tagValue());
    }

    @Test
    void namesWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("team:Pay ments"))
                .getMessage().contains("not a team name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("tag:=x"))
                .getMessage().contains("tag:<key>=<value>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("tag:app"))
                .getMessage().contains("tag:<key>=<value>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("region:eu-west-1"))
                .getMessage().contains("not region"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("payments"))
                .getMessage().contains("not payments"));
        assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("account:"));
        assertThrows(IllegalArgumentException.class, () -> PostureScope.parse("org:x"));
    }
}
