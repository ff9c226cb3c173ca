package io.pillar.inventory.repository.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RowsTest {

    @Test
    void textArrayLiteralsQuoteEveryElementAndEscapeQuotesAndBackslashes() {
        assertEquals("{}", Rows.textArrayLiteral(List.of()));
        assertEquals("{}", Rows.textArrayLiteral(null));
        assertEquals("{\"owner_team\",\"a,b\",\"say \\\"hi\\\"\",\"c:\\\\d\",\"{x}\"}",
                Rows.textArrayLiteral(List.of("owner_team", "a,b", "say \"hi\"", "c:\\d", "{x}")));
    }
}
