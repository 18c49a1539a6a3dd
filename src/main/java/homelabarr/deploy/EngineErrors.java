package homelabarr.deploy;

import com.github.dockerjava.api.exception.DockerException;
import homelabarr.docker.EngineUnreachableException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine's own words from a docker-java exception ("Status 404: {"message":"..."}" → "..."). */
final class EngineErrors {
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX = 400;

    private EngineErrors() {
    }

    static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = MESSAGE.matcher(text);
        if (m.find()) {
            text = m.group(1).replace("\\\"", "\"").replace("\\n", " ");
        } else if (e instanceof EngineUnreachableException) {
            text = "the Docker Engine is not reachable";
        } else if (!(e instanceof DockerException)) {
            text = "the Docker Engine could not be reached (" + e.getClass().getSimpleName() + ")";
        }
        text = text.strip();
        return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
    }

    static int status(Throwable e) {
        return e instanceof DockerException d ? d.getHttpStatus() : 0;
    }
}
