package io.pillar.response.playbook;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The OASIS CACAO 2.0 JSON schemas (draft-07), shipped in this jar under {@code cacao/schemas/}. The schemas refer to
 * each other by their published addresses; those are mapped to the bundled copies, so nothing is ever fetched.
 */
public final class CacaoSchema {
    static final String PUBLISHED = "https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/";
    private static final JsonSchema PLAYBOOK = load();

    private CacaoSchema() {
    }

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                b -> b.schemaMappers(m -> m.mapPrefix(PUBLISHED, "classpath:cacao/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(PUBLISHED + "schemas/playbook.json"), config);
        schema.initializeValidators();
        return schema;
    }

    /** What the schemas say is wrong with the document, ordered by path. */
    public static List<PlaybookError> validate(JsonNode playbook) {
        return PLAYBOOK.validate(playbook).stream()
                .map(m -> new PlaybookError(m.getInstanceLocation().toString(), message(m)))
                .distinct()
                .sorted(Comparator.comparing(PlaybookError::path).thenComparing(PlaybookError::message))
                .toList();
    }

    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        // the library starts each message with the instance path, which the error carries on its own
        return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
    }
}
