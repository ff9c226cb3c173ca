package io.pillar.response.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConditionTest {
    private final Variables vars = new Variables(Map.of("__severity__", "4", "__status__", "open",
            "__ready__", "true", "__host__", "web-01.prod.example.org"));

    @Test
    void comparesNumbersAsNumbersAndTextAsText() {
        assertTrue(Condition.evaluate("__severity__:value >= 4", vars));
        assertTrue(Condition.evaluate("__severity__ > 10 OR __severity__ = 4", vars));
        assertFalse(Condition.evaluate("__severity__:value > 10", vars));
        assertTrue(Condition.evaluate("__status__:value = 'open'", vars));
        assertTrue(Condition.evaluate("__status__ != \"closed\"", vars));
    }

    @Test
    void combinesWithAndOrNotAndParentheses() {
        assertTrue(Condition.evaluate("__ready__", vars));
        assertTrue(Condition.evaluate("NOT (__severity__ < 3 OR __status__ = 'closed') AND __ready__", vars));
        assertFalse(Condition.evaluate("__ready__ AND NOT __ready__", vars));
    }

    @Test
    void listsPatternsAndRegularExpressions() {
        assertTrue(Condition.evaluate("__status__ IN ('open', 'in_progress')", vars));
        assertFalse(Condition.evaluate("__status__ IN ('resolved')", vars));
        assertTrue(Condition.evaluate("__host__ LIKE '%.prod.%'", vars));
        assertTrue(Condition.evaluate("__host__ MATCHES '^web-[0-9]+'", vars));
    }

    @Test
    void anUnknownVariableOrBrokenSyntaxIsAnErrorNotFalse() {
        var e = assertThrows(IllegalArgumentException.class, () -> Condition.evaluate("__sevrity__ > 3", vars));
        assertTrue(e.getMessage().contains("__sevrity__"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Condition.evaluate("(__ready__", vars));
        assertThrows(IllegalArgumentException.class, () -> Condition.evaluate("__status__ = open", vars));
        assertThrows(IllegalArgumentException.class, () -> Condition.evaluate("'a", vars));
        assertNull(Condition.syntaxError("__x__ = 1 AND (__y__ IN ('a','b') OR NOT __z__)"));
        assertEquals("condition is empty", Condition.syntaxError(" "));
    }

    @Test
    void substitutesReferencesInText() {
        assertEquals("GET http://web-01.prod.example.org/status?level=4",
                vars.substitute("GET http://__host__/status?level=__severity__:value"));
        assertEquals("keeps __unknown__", vars.substitute("keeps __unknown__"));
    }
}
