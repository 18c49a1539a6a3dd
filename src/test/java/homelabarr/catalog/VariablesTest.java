package homelabarr.catalog;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariablesTest {
    private final Map<String, String> values = Map.of("SET", "value", "EMPTY", "");

    @Test
    void composeSyntax() {
        assertThat(Variables.interpolate("${SET}/$SET", values)).isEqualTo("value/value");
        assertThat(Variables.interpolate("${MISSING:-fallback} ${EMPTY:-fallback} ${EMPTY-kept}", values))
                .isEqualTo("fallback fallback ");
        assertThat(Variables.interpolate("cost $$5 ${SET:?needed}", values)).isEqualTo("cost $5 value");
        assertThat(Variables.interpolate("${MISSING:-${SET}}", values)).isEqualTo("value");
    }

    @Test
    void requiredVariablesFailWithTheirMessage() {
        assertThatThrownBy(() -> Variables.interpolate("${EMPTY:?set a password}", values))
                .hasMessage("EMPTY: set a password");
    }

    @Test
    void referencesAreFoundEverywhereButEscapedDollarsAreNot() {
        Object tree = Map.of("a", java.util.List.of("${ONE}", "$$NOT"), "b", Map.of("c", "${TWO:-${FOUR}} $THREE"));
        assertThat(Variables.references(tree)).containsExactlyInAnyOrder("ONE", "TWO", "THREE", "FOUR");
    }

    @Test
    void aRequiredDefaultIsOnlyCheckedWhenItIsUsed() {
        assertThat(Variables.interpolate("${SET:-${MISSING:?needed}}", values)).isEqualTo("value");
        assertThatThrownBy(() -> Variables.interpolate("${ALSO_MISSING:-${MISSING:?needed}}", values))
                .hasMessage("MISSING: needed");
    }

    @Test
    void malformedReferencesAreReported() {
        assertThatThrownBy(() -> Variables.interpolate("${", values)).isInstanceOf(Variables.VariableException.class);
        assertThatThrownBy(() -> Variables.interpolate("${A:-x", values)).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Variables.interpolate("${A!}", values)).hasMessageContaining("malformed");
    }

    @Test
    void theServerEnvironmentIsNeverConsulted() {
        assertThat(Variables.interpolate("${PATH}${HOME}", Map.of())).isEmpty();
    }
}
