package io.pillar.platform.yaml;

import java.io.StringReader;
import java.util.List;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/**
 * A YAML file (rules, mappings) as JSON for its values and as YAML nodes for its lines, so that what is wrong in it is
 * reported at its line. Only plain data: no tags, no objects, a bounded number of aliases.
 */
public record YamlTree(JsonNode json, Node root) {

    /** The text is not valid YAML: at which line (1-based, 0 when unknown) and why. */
    public static final class Invalid extends Exception {
        private final int line;

        Invalid(int line, String reason) {
            super(reason);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Parses the text, with at most {@code maxCodePoints} characters. */
    public static YamlTree parse(String text, int maxCodePoints) throws Invalid {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(maxCodePoints);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Node root = yaml.compose(new StringReader(text));
            Object value = yaml.load(text);
            return new YamlTree(Json.MAPPER.valueToTree(value), root);
        } catch (MarkedYAMLException e) {
            throw new Invalid(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new Invalid(0, "not valid YAML: " + e.getMessage());
        }
    }

    /** Whether the file is a mapping at its top (keys and values), as rule and mapping files are. */
    public boolean isMapping() {
        return root instanceof MappingNode && json != null && json.isObject();
    }

    /** The value at a path of keys (and list indexes), or null. */
    public JsonNode at(List<String> path) {
        JsonNode n = json;
        for (String key : path) {
            n = n.isArray() && key.matches("\\d+") ? n.get(Integer.parseInt(key)) : n.get(key);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The YAML node of the value at a path, or null. */
    public Node node(List<String> path) {
        Node n = root;
        for (String key : path) {
            n = child(n, key);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The line of the key (or list item) at the path, or of its nearest enclosing one that exists. */
    public int line(List<String> path) {
        Node n = root;
        int line = 1;
        for (String key : path) {
            if (n instanceof MappingNode m) {
                Node next = null;
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        next = t.getValueNode();
                        line = k.getStartMark().getLine() + 1;
                    }
                }
                n = next;
            } else {
                n = child(n, key);
                if (n != null) {
                    line = n.getStartMark().getLine() + 1;
                }
            }
            if (n == null) {
                return line;
            }
        }
        return line;
    }

    /** Lines between a key and its value's first line: a block scalar ({@code |}, {@code >}) starts below. */
    public int blockOffset(List<String> path) {
        return node(path) instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) ? 1 : 0;
    }

    private static Node child(Node n, String key) {
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        } else if (n instanceof SequenceNode s && key.matches("\\d+") && Integer.parseInt(key) < s.getValue().size()) {
            return s.getValue().get(Integer.parseInt(key));
        }
        return null;
    }
}
