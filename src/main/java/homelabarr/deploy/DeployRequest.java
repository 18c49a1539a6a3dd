package homelabarr.deploy;

import java.util.Map;

/**
 * The body of {@code POST /deploy} as sent. {@code config} values may be JSON text, numbers or booleans;
 * {@code pull} is {@code missing} (default: pull only images not present) or {@code always}.
 */
record DeployRequest(String appId, Map<String, Object> config, ModeBody mode, Boolean redeploy, String pull) {

    record ModeBody(String type) {
    }
}
