package homelabarr.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class or method that needs a Docker Engine (at DOCKER_HOST, or the default socket). Tagged {@code docker}
 * ({@code mvn test -DexcludedGroups=docker} leaves them out). Without a reachable engine they are skipped, with the
 * reason, unless {@code -Dhomelabarr.requireDocker=true} (as {@code ./test.sh} runs), where a missing engine fails
 * them: there it is a broken setup. {@link SkipSummary} lists what was skipped at the end of the run.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerCondition.class)
public @interface NeedsDocker {
}
