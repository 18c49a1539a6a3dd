package homelabarr;

import homelabarr.db.PrivateFiles;
import homelabarr.docker.SocketAccess;
import homelabarr.http.ListenerWatchdog;
import io.helidon.logging.common.LogConfig;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Reads the configuration from the environment, starts the server and prints where it listens. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (Boolean.getBoolean("homelabarr.aotTraining")) {
            train();
            return;
        }
        long start = System.nanoTime();
        Config config;
        try {
            config = Config.load(System.getenv());
            prepareDataDir(config.dataDir());
        } catch (Config.InvalidConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app;
        try {
            app = new App(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                System.err.println("Configuration error: PORT: " + config.bindAddress() + ":" + config.port()
                        + " is already in use or cannot be bound");
                System.exit(2);
            }
            throw e;
        }
        ListenerWatchdog watchdog = ListenerWatchdog.start(config.bindAddress(), app.port(), Duration.ofSeconds(5), 3, () -> {
            // a dead listener never comes back: end the process so that its supervisor starts a fresh one
            LOG.log(System.Logger.Level.ERROR, "The HTTP listener has stopped accepting connections; exiting");
            System.exit(1);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watchdog.close();
            app.close();
        }, "shutdown"));
        SocketAccess.problem(config.dockerHost()).ifPresent(problem -> LOG.log(System.Logger.Level.WARNING, problem));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String host = config.bindAddress().equals("0.0.0.0") ? "localhost" : config.bindAddress();
        LOG.log(System.Logger.Level.INFO, "HomelabARR " + App.version() + " started in " + millis + " ms: http://"
                + host + ":" + app.port() + "/ (data in " + config.dataDir() + ")");
    }

    /** See {@link AotTraining}; exits the JVM, which then writes its AOT cache. */
    private static void train() {
        try {
            AotTraining.run(System.getenv());
        } catch (Exception e) {
            System.err.println("AOT training run failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    /** A data directory that cannot be created or written is a configuration error, reported by its name. */
    private static void prepareDataDir(Path dir) {
        try {
            PrivateFiles.folder(dir);
        } catch (IOException e) {
            throw new Config.InvalidConfigException("DATA_DIR", "cannot be created (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new Config.InvalidConfigException("DATA_DIR", "is not writable by this user");
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
