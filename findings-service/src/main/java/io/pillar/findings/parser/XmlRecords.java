package io.pillar.findings.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The records of an XML report, each read as JSON so that XML and JSON formats are mapped alike: an element becomes
 * an object with its attributes as {@code @name}, its child elements by name (a name that repeats becomes an array)
 * and its text as {@code #text}; an element with text only becomes that text. A path is element names from the root
 * down to the record elements, {@code /}-separated, e.g. {@code OWASPZAPReport/site/alerts/alertitem}.
 * <p>
 * Untrusted input: a document with a DTD is refused (so no entity is ever expanded, internal or external), elements
 * nest at most {@value #MAX_DEPTH} deep, and one text holds at most {@value #MAX_TEXT} characters.
 */
public final class XmlRecords {
    static final int MAX_DEPTH = 64;
    static final int MAX_TEXT = 10_000_000;
    private static final XMLInputFactory FACTORY = factory();

    /**
     * Streams the records; the context is the root element and the element holding each record (see
     * {@link #holder}), each with its attributes and the children written before the record (scanners write a
     * site's attributes before its alerts).
     */
    public static void read(InputStream in, List<List<String>> paths, String what, FindingSink sink,
            JsonRecords.Handler handler) throws MalformedReportException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            List<String> open = new ArrayList<>();
            List<ObjectNode> contexts = new ArrayList<>();
            long index = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw refusedDtd(r);
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    open.add(r.getLocalName());
                    if (open.size() == 1 && !onPath(paths, open)) {
                        throw at(r, "expected " + what + ": a document whose root is " + String.join(" or ",
                                paths.stream().map(p -> "<" + p.get(0) + ">").distinct().toList()) + ", found <"
                                + r.getLocalName() + ">");
                    }
                    if (paths.contains(open)) {
                        open.remove(open.size() - 1);
                        JsonNode record = element(r, open.size() + 1);
                        handler.record(index++, record, new JsonRecords.Context(contexts.get(0), holder(contexts)));
                    } else if (onPath(paths, open)) {
                        contexts.add(attributes(r));
                    } else {
                        String name = open.remove(open.size() - 1);
                        put(contexts.get(contexts.size() - 1), name, element(r, open.size() + 1));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.remove(open.size() - 1);
                    contexts.remove(contexts.size() - 1);
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(r);
        }
    }

    /**
     * Copies a report to {@code out}, checking on the way that it is well-formed XML without a DTD and within the
     * bounds: what an import checks before it writes anything.
     */
    public static void copyChecked(InputStream in, OutputStream out) throws IOException, MalformedReportException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(JsonReport.tee(in, out));
            int depth = 0;
            boolean root = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw refusedDtd(r);
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    root = true;
                    if (++depth > MAX_DEPTH) {
                        throw tooDeep(r);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.CHARACTERS && r.getTextLength() > MAX_TEXT) {
                    throw tooLong(r);
                }
            }
            if (!root) {
                throw new MalformedReportException("expected an XML report, found nothing", 1, 1, 0);
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(r);
        }
    }

    /**
     * The element holding the records as JSON would: a wrapper holding only records ({@code <alerts>} around
     * {@code <alertitem>}s, a JSON array's equivalent) is skipped for the element around it.
     */
    private static ObjectNode holder(List<ObjectNode> contexts) {
        int i = contexts.size() - 1;
        while (i > 0 && contexts.get(i).isEmpty()) {
            i--;
        }
        return contexts.get(i);
    }

    /** The element the reader is at (its START_ELEMENT) as JSON, reading up to its END_ELEMENT. */
    private static JsonNode element(XMLStreamReader r, int depth) throws XMLStreamException, MalformedReportException {
        if (depth > MAX_DEPTH) {
            throw tooDeep(r);
        }
        ObjectNode object = attributes(r);
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    put(object, name, element(r, depth + 1));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() + r.getTextLength() > MAX_TEXT) {
                        throw tooLong(r);
                    }
                    text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String trimmed = text.toString().strip();
                    if (object.isEmpty()) {
                        return TextNode.valueOf(trimmed);
                    }
                    if (!trimmed.isEmpty()) {
                        object.put("#text", trimmed);
                    }
                    return object;
                }
                default -> {
                    // comments and processing instructions carry nothing of a finding
                }
            }
        }
    }

    private static ObjectNode attributes(XMLStreamReader r) {
        ObjectNode object = JsonReport.MAPPER.createObjectNode();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            object.put("@" + r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        return object;
    }

    /** A child under its name; a second child of the same name turns the member into an array. */
    private static void put(ObjectNode object, String name, JsonNode child) {
        JsonNode existing = object.get(name);
        if (existing == null) {
            object.set(name, child);
        } else if (existing instanceof ArrayNode array && !(child instanceof ArrayNode)) {
            array.add(child);
        } else {
            ArrayNode array = object.putArray(name);
            array.add(existing);
            array.add(child);
        }
    }

    private static boolean onPath(List<List<String>> paths, List<String> open) {
        for (List<String> path : paths) {
            if (path.size() > open.size() && path.subList(0, open.size()).equals(open)) {
                return true;
            }
        }
        return false;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static MalformedReportException refusedDtd(XMLStreamReader r) {
        return at(r, "a DTD (<!DOCTYPE ...>) is not accepted in a report: entities are never expanded");
    }

    private static MalformedReportException tooDeep(XMLStreamReader r) {
        return at(r, "elements nest deeper than " + MAX_DEPTH + " levels");
    }

    private static MalformedReportException tooLong(XMLStreamReader r) {
        return at(r, "a text is longer than " + MAX_TEXT + " characters");
    }

    private static MalformedReportException at(XMLStreamReader r, String message) {
        Location at = r.getLocation();
        return new MalformedReportException(message + " (line " + at.getLineNumber() + ", column "
                + at.getColumnNumber() + ")", at.getLineNumber(), at.getColumnNumber(), at.getCharacterOffset());
    }

    private static MalformedReportException malformed(XMLStreamException e) {
        Location at = e.getLocation();
        String message = e.getMessage();
        // the JDK's messages start with "ParseError at [row,col]:[l,c]\nMessage: ..."
        int m = message == null ? -1 : message.indexOf("Message: ");
        String reason = m >= 0 ? message.substring(m + "Message: ".length()) : String.valueOf(message);
        if (at == null) {
            return new MalformedReportException("not valid XML: " + reason, -1, -1, -1);
        }
        return new MalformedReportException("not valid XML at line " + at.getLineNumber() + ", column "
                + at.getColumnNumber() + ": " + reason, at.getLineNumber(), at.getColumnNumber(),
                at.getCharacterOffset());
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing held beyond the stream, which its owner closes
            }
        }
    }

    private XmlRecords() {
    }
}
