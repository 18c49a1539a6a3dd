package homelabarr.containers;

import homelabarr.docker.ContainerRef;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.errors.Refused;

import java.util.regex.Pattern;

/**
 * Finds the container a path names: its full id, a short id (12 or more hex characters) or its name. Shorter id
 * prefixes, which the engine would accept, are refused: {@code DELETE /containers/a} should not remove whichever
 * container happens to be the only one whose id starts with "a".
 */
final class ContainerLookup {
    static final int SHORT_ID = 12;
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
    private final Engine engine;

    ContainerLookup(Engine engine) {
        this.engine = engine;
    }

    ContainerRef resolve(String raw) {
        if (raw == null || !REF.matcher(raw).matches()) {
            throw Refused.invalid("Invalid container id",
                    "Give a container id (at least 12 hex characters) or a name made of letters, digits, '_', '.' and '-'");
        }
        ContainerRef found;
        try {
            found = engine.inspect(raw);
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                throw notFound(raw);
            }
            throw e;
        }
        boolean byName = found.name().equals(raw);
        boolean byId = raw.length() >= SHORT_ID && found.id().startsWith(raw);
        if (!byName && !byId) {
            throw notFound(raw);
        }
        return found;
    }

    static Refused notFound(String raw) {
        return Refused.notFound("Container not found",
                "No container has the name or id " + raw + " (ids need at least " + SHORT_ID + " characters)");
    }
}
