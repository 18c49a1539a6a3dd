package homelabarr.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateParserTest {
    private final TemplateParser parser = new TemplateParser();

    private static final String MINIMAL = """
            x-homelabarr:
              name: Demo
              description: A demo app.
              category: myapps
              icon: demo
              website: https://example.org
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  default: "18080"
            services:
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080"]
                environment:
                  FLAG: yes
                  VERSION: 1.10
                  DB_PORT: 05432
                  TZ: "${TZ}"
                ports:
                  - "${WEBUI_PORT}:8080"
            """;

    @Test
    void parsesAMinimalTemplateKeepingLiteralText() throws Exception {
        AppTemplate app = parser.parse("myapps", "demo", MINIMAL, true);
        assertThat(app.id()).isEqualTo("myapps-demo");
        assertThat(app.slug()).isEqualTo("demo");
        var env = app.defaults().services().get("web").environment();
        assertThat(env).containsEntry("FLAG", "yes").containsEntry("VERSION", "1.10").containsEntry("DB_PORT", "05432")
                .containsEntry("TZ", "Etc/UTC");
        assertThat(app.defaultWebPort()).isEqualTo(18080);
    }

    @Test
    void mergeKeysWork() throws Exception {
        String yaml = MINIMAL.replace("services:\n", """
                x-common: &common
                  restart: unless-stopped
                  labels:
                    origin: merged
                services:
                """).replace("  web:\n", "  web:\n    <<: *common\n");
        var web = parser.parse("myapps", "demo", yaml, true).defaults().services().get("web");
        assertThat(web.restart()).isEqualTo("unless-stopped");
        assertThat(web.labels()).containsEntry("origin", "merged");
    }

    @Test
    void rejectsAliasBombs() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        assertThatThrownBy(() -> parser.parse("myapps", "bomb", bomb.toString(), true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("invalid YAML");
    }

    @Test
    void rejectsHugeFiles() {
        String huge = MINIMAL + "# " + "x".repeat(YamlReader.MAX_CODE_POINTS) + "\n";
        assertThatThrownBy(() -> parser.parse("myapps", "huge", huge, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("larger than");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = MINIMAL + "x-deep: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertThatThrownBy(() -> parser.parse("myapps", "deep", deep, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("invalid YAML");
    }

    @Test
    void rejectsDuplicateKeys() {
        String dup = MINIMAL.replace("    image: homelabarr-test/busybox:1\n",
                "    image: homelabarr-test/busybox:1\n    image: other:1\n");
        assertThatThrownBy(() -> parser.parse("myapps", "dup", dup, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void rejectsUnknownBlockFields() {
        String unknown = MINIMAL.replace("  icon: demo\n", "  icon: demo\n  colour: blue\n");
        assertThatThrownBy(() -> parser.parse("myapps", "unknown", unknown, true))
                .isInstanceOf(TemplateException.class).hasMessage("x-homelabarr: unknown field 'colour'");
    }

    @Test
    void rejectsUndeclaredAndUnusedVariables() {
        String undeclared = MINIMAL.replace("TZ: \"${TZ}\"", "TZ: \"${NOT_DECLARED}\"");
        assertThatThrownBy(() -> parser.parse("myapps", "undeclared", undeclared, true))
                .hasMessageContaining("${NOT_DECLARED} is used but not declared");
        String unused = MINIMAL.replace("\"${WEBUI_PORT}:8080\"", "\"18080:8080\"");
        assertThatThrownBy(() -> parser.parse("myapps", "unused", unused, true))
                .hasMessageContaining("WEBUI_PORT: declared but never used");
    }

    @Test
    void rejectsAWebUiThatIsNotPublished() {
        String unpublished = MINIMAL.replace("port: 8080\n  settings", "port: 9999\n  settings");
        assertThatThrownBy(() -> parser.parse("myapps", "hidden", unpublished, true))
                .hasMessageContaining("does not publish port 9999");
    }

    @Test
    void rejectsUnsupportedComposeFieldsInsteadOfDroppingThem() {
        String build = MINIMAL.replace("    image: homelabarr-test/busybox:1\n", "    image: homelabarr-test/busybox:1\n    build: .\n");
        assertThatThrownBy(() -> parser.parse("myapps", "build", build, true))
                .hasMessageContaining("field 'build' is not supported");
    }

    @Test
    void builtInTemplatesMustDeclareTheirRiskButCustomOnesGetItDerived() throws Exception {
        String socket = MINIMAL.replace("    ports:\n", "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n    ports:\n");
        assertThat(parser.parse("myapps", "socket", socket, true).info().risk().dockerSocket()).isTrue();
        String builtin = socket.replace("category: myapps", "category: system");
        assertThatThrownBy(() -> parser.parse("system", "socket", builtin, false))
                .hasMessageContaining("x-homelabarr.risk");
    }

    @Test
    void rejectsBadImageReferencesAndRelativeBindMounts() {
        String badImage = MINIMAL.replace("homelabarr-test/busybox:1", "Not A Valid/Image");
        assertThatThrownBy(() -> parser.parse("myapps", "img", badImage, true)).hasMessageContaining("image");
        String relative = MINIMAL.replace("    ports:\n", "    volumes:\n      - ./data:/data\n    ports:\n");
        assertThatThrownBy(() -> parser.parse("myapps", "rel", relative, true)).hasMessageContaining("relative");
    }

    @Test
    void rejectsBadFileNamesAndNonMappings() {
        assertThatThrownBy(() -> parser.parse("myapps", "Bad_Name", MINIMAL, true)).hasMessageContaining("file name");
        assertThatThrownBy(() -> parser.parse("myapps", "list", "- a\n- b\n", true)).hasMessageContaining("mapping");
        assertThatThrownBy(() -> parser.parse("myapps", "noblock", "services: {}\n", true))
                .hasMessageContaining("x-homelabarr block is missing");
    }

    @Test
    void rejectsDependencyCycles() {
        String cycle = MINIMAL.replace("    ports:\n", "    depends_on: [db]\n    ports:\n") + """
                  db:
                    image: homelabarr-test/busybox:1
                    depends_on: [web]
                """;
        assertThatThrownBy(() -> parser.parse("myapps", "cycle", cycle, true)).hasMessageContaining("cycle");
    }

    @Test
    void aWebPortMayFollowAPortSetting() throws Exception {
        String yaml = MINIMAL.replace("    port: 8080\n", "    port: ${WEBUI_PORT}\n").replace("\"${WEBUI_PORT}:8080\"",
                "\"${WEBUI_PORT}:${WEBUI_PORT}\"");
        AppTemplate app = parser.parse("myapps", "demo", yaml, true);
        assertThat(app.info().webUi().port()).isEqualTo(18080);
        assertThat(app.info().webUi().portSetting()).isEqualTo("WEBUI_PORT");
        assertThat(app.info().webUi().port(java.util.Map.of("WEBUI_PORT", "9999"))).isEqualTo(9999);
        assertThat(app.defaultWebPort()).isEqualTo(18080);
        assertThatThrownBy(() -> parser.parse("myapps", "demo", yaml.replace("type: port", "type: number"), true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("must be a port setting with a default");
        assertThatThrownBy(() -> parser.parse("myapps", "demo", yaml.replace("port: ${WEBUI_PORT}", "port: ${OTHER}"), true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("is not a setting");
    }

    @Test
    void providesIsProxyOrForwardAuth() throws Exception {
        String proxy = MINIMAL.replace("  website: https://example.org\n", "  website: https://example.org\n  provides: proxy\n");
        assertThat(parser.parse("myapps", "demo", proxy, true).info().isProxy()).isTrue();
        assertThatThrownBy(() -> parser.parse("myapps", "demo", proxy.replace("provides: proxy", "provides: dns"), true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("x-homelabarr.provides");
    }

    @Test
    void serverValuesAreReadableButNotDeclarable() throws Exception {
        String reads = MINIMAL.replace("      TZ: \"${TZ}\"\n", "      TZ: \"${TZ}\"\n      NET: \"${TRAEFIK_NETWORK}\"\n");
        assertThat(parser.parse("myapps", "demo", reads, true).defaults().services().get("web").environment())
                .containsEntry("NET", "proxy");
        String declares = reads.replace("  settings:\n", """
                  settings:
                    - key: TRAEFIK_NETWORK
                      label: Network
                      type: string
                """);
        assertThatThrownBy(() -> parser.parse("myapps", "demo", declares, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("set by the server");
    }
}
