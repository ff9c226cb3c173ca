package io.pillar.identity.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/** The checks' data files (YAML, plain data only) as JSON trees. */
final class YamlData {

    static JsonNode resource(String name) {
        try (InputStream in = YamlData.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode file(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(InputStream in) {
        Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        return Json.MAPPER.valueToTree(data);
    }

    private YamlData() {
    }
}
