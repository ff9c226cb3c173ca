package io.pillar.response.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.pillar.platform.json.Json;

/** RFC 8785's own example (section 3.2.2) and some of its number serializations (appendix B). */
class JcsTest {

    @Test
    void theRfcExample() throws Exception {
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, Jcs.canonical(Json.MAPPER.readTree(input)));
    }

    @Test
    void numbersAsEcmaScriptWritesThem() {
        assertEquals("0", Jcs.number(-0.0));
        assertEquals("1", Jcs.number(1.0));
        assertEquals("100000", Jcs.number(100000));
        assertEquals("1e+21", Jcs.number(1e21));
        assertEquals("999999999999999900000", Jcs.number(999999999999999900000.0));
        assertEquals("0.000001", Jcs.number(0.000001));
        assertEquals("1e-7", Jcs.number(1e-7));
        assertEquals("-1.5", Jcs.number(-1.5));
        assertEquals("9007199254740992", Jcs.number(9007199254740992.0));
    }

    @Test
    void membersSortByUtf16CodeUnits() throws Exception {
        assertEquals("{\"\\r\":1,\"1\":2,\"\u0080\":3,\"\u00f6\":4,\"\u20ac\":5,\"\ud83d\ude00\":6,\"\ufb33\":7}",
                Jcs.canonical(Json.MAPPER.readTree("{\"\u20ac\": 5, \"\\r\": 1, \"\ufb33\": 7, \"1\": 2, "
                        + "\"\ud83d\ude00\": 6, \"\u0080\": 3, \"\u00f6\": 4}")));
    }
}
