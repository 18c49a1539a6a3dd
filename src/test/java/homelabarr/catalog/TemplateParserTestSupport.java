package homelabarr.catalog;

/** The x-homelabarr block of a minimal test template, for parser tests that vary the services. */
final class TemplateParserTestSupport {
    static final String HEADER = """
            x-homelabarr:
              name: Demo
              description: A demo app.
              category: myapps
              icon: demo
              website: https://example.org
            """;

    private TemplateParserTestSupport() {
    }
}
