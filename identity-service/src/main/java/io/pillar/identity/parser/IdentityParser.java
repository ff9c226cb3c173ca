package io.pillar.identity.parser;

/** One identity export format: recognises its documents and reads them into an {@link IdentityReport}. */
public interface IdentityParser {

    /** The name given as {@code ?format=}. */
    String format();

    /** Whether the document looks like this format (used when no format is given). */
    boolean detects(IdentityInput input);

    IdentityReport parse(IdentityInput input) throws MalformedExportException;
}
