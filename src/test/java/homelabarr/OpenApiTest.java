package homelabarr;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml stays true: it is a valid OpenAPI 3.1 document, and every documented route and method is served,
 * at the root and under /api.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** What swagger-parser (the maintained parser behind swagger-core) reports as wrong; empty when valid. */
    private static SwaggerParseResult validate(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    @Test
    void isAValidOpenApi31Document() throws Exception {
        SwaggerParseResult result = validate(Files.readString(Path.of("docs/openapi.yaml")));
        assertThat(result.getOpenAPI()).as("parsed").isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getMessages()).as("validation messages").isEmpty();
    }

    /** The validator is not lenient about the mistake docs/openapi.yaml once had: commas in a flow mapping. */
    @Test
    void theValidatorCatchesAPlainScalarWithCommasInAFlowMapping() {
        SwaggerParseResult result = validate("""
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /applications:
                    get:
                      parameters:
                        - {name: q, in: query, description: text in the name, description or id, schema: {type: string}}
                      responses:
                        "200": {description: Apps}
                """);
        assertThat(result.getMessages()).anySatisfy(m -> assertThat(m).contains("description or id is unexpected"));
    }

    @Test
    void everyDocumentedRouteIsServed(@TempDir Path dir) throws Exception {
        Map<String, Object> spec;
        try (Reader in = Files.newBufferedReader(Path.of("docs/openapi.yaml"))) {
            spec = new Yaml().load(in);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
        assertThat(paths).hasSizeGreaterThanOrEqualTo(29);
        try (TestServer server = TestServer.start(dir)) {
            for (var path : paths.entrySet()) {
                for (String method : path.getValue().keySet()) {
                    if (!METHODS.contains(method)) {
                        continue;
                    }
                    for (String prefix : new String[]{"", "/api"}) {
                        String url = prefix + path.getKey().replaceAll("\\{[^}]+}", "no-such-thing");
                        HttpRequest.Builder request = server.http().request(url, null)
                                .method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
                        Http.Response res = server.http().send(request);
                        String what = method.toUpperCase() + " " + url + " -> " + res.status() + " " + res.body();
                        assertThat(res.status()).as(what).isNotEqualTo(405);
                        assertThat(res.body()).as(what).doesNotContain("No route for");
                    }
                }
            }
        }
    }
}
