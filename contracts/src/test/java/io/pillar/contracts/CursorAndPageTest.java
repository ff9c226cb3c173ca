package io.pillar.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;

class CursorAndPageTest {

    @Test
    void aCursorSurvivesItsEncodingToTheMicrosecond() {
        Cursor c = new Cursor(Instant.parse("2026-11-29T08:00:00.123456Z"), UUID.randomUUID());
        assertEquals(c, Cursor.decode(c.encode()));
        Cursor beforeEpoch = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());
        assertEquals(beforeEpoch, Cursor.decode(beforeEpoch.encode()));
    }

    @Test
    void aForgedCursorIsRejectedWithAReason() {
        for (String bad : new String[]{"zzz", "", "bm90LWEtY3Vyc29y", "MTIzOm5vdC1hLXV1aWQ"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(bad));
            assertEquals("cursor is malformed: pass the next_cursor of a previous page unchanged", e.getMessage());
        }
    }

    @Test
    void aPageBuiltFromOneRowMoreThanItsLimitHasANextCursor() {
        List<Integer> rows = List.of(5, 4, 3);
        Page<String> page = Page.of(rows, 2, String::valueOf,
                r -> new Cursor(Instant.ofEpochSecond(r), new UUID(0, r)));
        assertEquals(List.of("5", "4"), page.items());
        assertEquals(new Cursor(Instant.ofEpochSecond(4), new UUID(0, 4)), Cursor.decode(page.nextCursor()));
        assertNull(Page.of(List.of(1), 2, String::valueOf, r -> null).nextCursor());
    }

    @Test
    void limitsOutsideTheRangeAreRejected() {
        assertEquals(Page.DEFAULT_LIMIT, Page.checkLimit(null));
        assertEquals(1, Page.checkLimit(1));
        assertThrows(IllegalArgumentException.class, () -> Page.checkLimit(0));
        assertThrows(IllegalArgumentException.class, () -> Page.checkLimit(Page.MAX_LIMIT + 1));
    }
}
