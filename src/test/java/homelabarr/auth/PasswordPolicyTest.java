package homelabarr.auth;

import homelabarr.errors.Refused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void lengthBetween12And256CodePoints() {
        assertThat(policy.problem("river-stone", "bob")).contains("at least 12");
        assertThat(policy.problem("river-stone1", "bob")).isNull();
        assertThat(policy.problem("abcd".repeat(64), "bob")).isNull();
        assertThat(policy.problem("abcd".repeat(64) + "e", "bob")).contains("at most 256");
        // six emoji are twelve UTF-16 chars but six characters
        assertThat(policy.problem("😀😁😂🤣😃😄", "bob")).contains("at least 12");
        assertThat(policy.problem("😀😁😂🤣😃😄😅😆😉😊😋😎", "bob")).isNull();
    }

    @Test
    void noCompositionRules() {
        assertThat(policy.problem("correct horse battery staple", "bob")).isNull();
        assertThat(policy.problem("alllowercaseletters", "bob")).isNull();
        assertThat(policy.problem("827364519283", "bob")).isNull();
    }

    @Test
    void refusesCommonPasswordsIgnoringCase() {
        assertThat(policy.problem("password1234", "bob")).contains("too common");
        assertThat(policy.problem("PassWord1234", "bob")).contains("too common");
        assertThat(policy.problem("123456789012", "bob")).contains("too common");
    }

    @Test
    void refusesTheUsernameAndMonotony() {
        assertThat(policy.problem("my name is alice!", "Alice")).contains("username");
        assertThat(policy.problem("aaaaaaaaaaaaaaaa", "bob")).contains("variety");
    }

    @Test
    void checkNamesTheField() {
        assertThatThrownBy(() -> policy.check("newPassword", null, "bob"))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refused.Kind.INVALID);
                    assertThat(e.details()).startsWith("newPassword: ");
                });
    }
}
