package io.pillar.inventory.parser.awsconfig;

/** Opens the parser's package-private mapping of relationship names to tests in other packages. */
public final class AwsConfigParserAccess {
    public static String kind(String name, String targetType) {
        return AwsConfigParser.kindOf(name, targetType);
    }

    private AwsConfigParserAccess() {
    }
}
