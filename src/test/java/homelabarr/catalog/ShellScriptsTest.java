package homelabarr.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A template may not splice a free-text setting into a script the container runs (issue 8, item 4). */
class ShellScriptsTest {
    private final TemplateParser parser = new TemplateParser();

    private static String template(String type, String entrypoint, String command) {
        return """
                x-homelabarr:
                  name: Scripted
                  description: Runs a script.
                  category: myapps
                  icon: demo
                  website: https://example.org
                  settings:
                    - key: VALUE
                      label: A value
                      type: %s
                      default: "%s"
                services:
                  app:
                    image: homelabarr-test/busybox:1
                    entrypoint: %s
                    command: %s
                    environment:
                      VALUE: "${VALUE}"
                """.formatted(type, switch (type) {
                    case "duration" -> "15d";
                    case "path" -> "/srv/x";
                    case "boolean" -> "true";
                    case "hostname" -> "nas.local";
                    default -> "1";
                }, entrypoint, command);
    }

    @Test
    void freeTextInAShellScriptIsRefusedWhateverTheSpelling() {
        for (String[] form : List.of(
                new String[] {"[\"/bin/sh\", \"-c\"]", "[\"echo ${VALUE}\"]"},
                new String[] {"[]", "[\"sh\", \"-ec\", \"exec app --retention=${VALUE}\"]"},
                new String[] {"[]", "\"/bin/bash -c 'run ${VALUE:-x}'\""},
                new String[] {"[\"/usr/bin/env\"]", "[\"busybox\", \"sh\", \"-c\", \"x=${VALUE}\"]"},
                new String[] {"[]", "[\"python3\", \"-c\", \"print('${VALUE}')\"]"},
                new String[] {"[]", "[\"su\", \"app\", \"-c\", \"run ${VALUE}\"]"})) {
            for (String type : List.of("string", "secret", "path")) {
                assertThatThrownBy(() -> parser.parse("myapps", "scripted", template(type, form[0], form[1]), true))
                        .as(type + " in " + form[0] + " " + form[1])
                        .isInstanceOf(TemplateException.class)
                        .hasMessageContaining("${VALUE}").hasMessageContaining("$$VALUE");
            }
        }
    }

    @Test
    void checkedTypesAndEnvironmentReadsAreAllowed() throws Exception {
        for (String type : List.of("duration", "number", "port", "boolean", "hostname")) {
            assertThat(parser.parse("myapps", "scripted",
                    template(type, "[\"/bin/sh\", \"-c\"]", "[\"exec app --x=${VALUE}\"]"), true)).isNotNull();
        }
        assertThat(parser.parse("myapps", "scripted",
                template("string", "[\"/bin/sh\", \"-c\"]", "[\"exec app --x=\\\"$$VALUE\\\"\"]"), true)).isNotNull();
        assertThat(parser.parse("myapps", "scripted",
                template("string", "[]", "[\"app\", \"--name\", \"${VALUE}\"]"), true)).as("no shell: one argv word").isNotNull();
    }

    @Test
    void settingTypesCheckTheirValues() {
        assertThat(SettingValues.problem(SettingType.DURATION, "15d")).isNull();
        assertThat(SettingValues.problem(SettingType.DURATION, "1h30m")).isNull();
        assertThat(SettingValues.problem(SettingType.DURATION, "15d $(id > /config/x)")).contains("duration");
        assertThat(SettingValues.problem(SettingType.DURATION, "15")).contains("duration");
        assertThat(SettingValues.problem(SettingType.HOSTNAME, "nas.local")).isNull();
        assertThat(SettingValues.problem(SettingType.HOSTNAME, "192.168.1.10")).isNull();
        assertThat(SettingValues.problem(SettingType.HOSTNAME, "nas;reboot")).contains("host name");
        assertThat(SettingValues.problem(SettingType.HOSTNAME, "`id`")).contains("host name");
    }
}
