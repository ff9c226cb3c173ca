package io.pillar.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.pillar.platform.problem.ProblemException;

class TextSearchTest {

    @Test
    void aStatementTheDatabaseCancelledIsRecognisedHoweverWrapped() {
        SQLException cancelled = new SQLException("canceling statement due to user request", "57014");
        assertTrue(TextSearch.cancelled(new RuntimeException("query failed", new RuntimeException(cancelled))));
        assertFalse(TextSearch.cancelled(new RuntimeException(new SQLException("connection refused", "08001"))));
    }

    @Test
    void aSearchThatRanTooLongAnswers503SayingWhatToDo() {
        ProblemException p = assertThrows(ProblemException.class, () -> TextSearch.run(() -> {
            throw new RuntimeException(new SQLException("canceling statement", "57014"));
        }));
        assertEquals(503, p.status());
        assertTrue(p.getMessage().contains("narrow it"), p.getMessage());
    }

    @Test
    void otherFailuresPassThrough() {
        IllegalStateException other = new IllegalStateException("something else");
        assertSame(other, assertThrows(IllegalStateException.class, () -> TextSearch.run(() -> {
            throw other;
        })));
    }
}
