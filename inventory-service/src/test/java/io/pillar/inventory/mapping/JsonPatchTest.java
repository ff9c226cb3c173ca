package io.pillar.inventory.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void patchesTurnOneDocumentIntoTheOther() throws Exception {
        List<String[]> pairs = List.of(
                new String[]{"{\"a\":1,\"b\":{\"c\":[1,2,3]}}", "{\"a\":2,\"b\":{\"c\":[1,5,3]},\"d\":null}"},
                new String[]{"{\"x/y\":{\"m~n\":true}}", "{\"x/y\":{\"m~n\":false}}"},
                new String[]{"{\"list\":[1,2]}", "{\"list\":[1,2,3]}"},
                new String[]{"{\"gone\":{\"deep\":1},\"kept\":0}", "{\"kept\":0}"},
                new String[]{"{\"same\":[{\"a\":1}]}", "{\"same\":[{\"a\":1}]}"});
        for (String[] pair : pairs) {
            JsonNode from = JSON.readTree(pair[0]);
            JsonNode to = JSON.readTree(pair[1]);
            JsonNode patch = JsonPatch.diff(from, to);
            assertEquals(to, JsonPatch.apply(from, patch), pair[0] + " -> " + pair[1] + " by " + patch);
        }
    }

    @Test
    void operationsUseRfc6901Pointers() throws Exception {
        JsonNode patch = JsonPatch.diff(JSON.readTree("{\"x/y\":{\"m~n\":1},\"old\":1}"),
                JSON.readTree("{\"x/y\":{\"m~n\":2},\"new\":[1]}"));
        assertEquals(JSON.readTree("""
                [{"op":"remove","path":"/old"},
                 {"op":"replace","path":"/x~1y/m~0n","value":2},
                 {"op":"add","path":"/new","value":[1]}]"""), patch);
    }
}
