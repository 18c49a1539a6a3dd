package homelabarr.http;

import homelabarr.errors.Refused;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge's one mapping from a domain refusal to an answer: the status by kind, the words as they are. */
class RefusedAnswersTest {
    @Test
    void everyKindHasItsStatusAndKeepsItsWords() {
        Map<Refused, Integer> expected = Map.of(
                Refused.invalid("Invalid request", "a: b"), 400,
                Refused.invalidField("name", "is required"), 400,
                Refused.forbidden("Forbidden", "only an admin"), 403,
                Refused.notFound("Container not found", "no web"), 404,
                Refused.conflict("Last administrator", "one must remain"), 409,
                Refused.unavailable("Stats unavailable", "try again"), 503);
        expected.forEach((refused, status) -> {
            ApiException answer = ErrorMapper.answer(refused);
            assertThat(answer.status()).as(refused.getMessage()).isEqualTo(status);
            assertThat(answer.error()).isEqualTo(refused.error());
            assertThat(answer.details()).isEqualTo(refused.details());
        });
        assertThat(ErrorMapper.answer(Refused.invalidField("name", "is required")).details()).isEqualTo("name: is required");
    }
}
