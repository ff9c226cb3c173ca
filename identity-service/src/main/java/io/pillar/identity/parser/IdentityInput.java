package io.pillar.identity.parser;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/** An uploaded export: its bytes, and its JSON tree when it is JSON (read once, for detection and parsing). */
public final class IdentityInput {
    private final byte[] bytes;
    private JsonNode json;
    private boolean triedJson;

    public IdentityInput(byte[] bytes) {
        this.bytes = bytes;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The document as JSON, or null when it is not JSON. */
    public JsonNode json() {
        if (!triedJson) {
            triedJson = true;
            String head = text().stripLeading();
            if (head.startsWith("{") || head.startsWith("[")) {
                try {
                    json = Json.UNTRUSTED.readTree(bytes);
                } catch (Exception e) {
                    jsonError = e.getMessage();
                }
            }
        }
        return json;
    }

    private String jsonError;

    /** Why the document, which looks like JSON, does not parse as JSON (null when it does or is not JSON). */
    public String jsonError() {
        json();
        return jsonError;
    }
}
