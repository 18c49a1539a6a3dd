package homelabarr;

import io.helidon.logging.common.LogConfig;

import java.time.Clock;

/** Reads the configuration from the environment, starts the server and prints where it listens. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long start = System.nanoTime();
        Config config;
        try {
            config = Config.load(System.getenv());
        } catch (Config.InvalidConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String host = config.bindAddress().equals("0.0.0.0") ? "localhost" : config.bindAddress();
        LOG.log(System.Logger.Level.INFO, "HomelabARR " + App.version() + " started in " + millis + " ms: http://"
                + host + ":" + app.port() + "/ (data in " + config.dataDir() + ")");
    }
}
