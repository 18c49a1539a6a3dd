package homelabarr.db;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The SQLite file in DATA_DIR: WAL mode so readers never wait for the writer, migrated on open ({@link Migrations}), and a
 * small pool of connections shared by all virtual threads.
 */
public final class Database implements AutoCloseable {
    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int POOL_SIZE = 4;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final List<Connection> all = new ArrayList<>();
    /** The transaction the current thread has open, which its other database calls join. */
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    public Database(Path file) {
        createOwnerOnly(file);
        SqliteLibrary.keepIn(file.toAbsolutePath().getParent());
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Migrations.apply(source);
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection c = source.getConnection();
                all.add(c);
                pool.add(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the database", e);
        }
    }

    /**
     * SQLite would create the file 0644 (its default, less the umask), so the password hashes in it would be readable
     * by every local user. It is created empty (a valid empty database) with mode 0600 first; SQLite gives its -wal
     * and -shm files the database's mode. Files an older version left readable are narrowed.
     */
    private static void createOwnerOnly(Path file) {
        try {
            PrivateFiles.folder(file.toAbsolutePath().getParent());
            boolean narrowed = PrivateFiles.file(file);
            for (String suffix : new String[]{"-wal", "-shm", "-journal"}) {
                narrowed |= PrivateFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
            }
            if (narrowed) {
                LOG.log(System.Logger.Level.WARNING, "The database in DATA_DIR was readable by others; set it to 0600");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database file in DATA_DIR", e);
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. Every database
     * call the same thread makes meanwhile (through any store) joins it, so a change and its audit record are
     * stored together or not at all; a nested {@code transaction} joins too.
     */
    public <T> T transaction(Work<T> work) {
        Tx joined = current.get();
        if (joined != null) {
            return run(work);
        }
        Connection c = take();
        Tx tx = new Tx(c);
        current.set(tx);
        try {
            execute(c, "BEGIN IMMEDIATE");
            try {
                T result = work.run(tx);
                execute(c, "COMMIT");
                return result;
            } catch (RuntimeException | SQLException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } finally {
            current.remove();
            pool.add(c);
        }
    }

    /*
     * Transactions are plain BEGIN/COMMIT/ROLLBACK statements on connections that stay in autocommit mode. The
     * driver's setAutoCommit(false) marks the connection as in a transaction before its BEGIN runs, so a BEGIN that
     * fails (a read-only database) left the mark on a connection with no transaction, and every later COMMIT on it
     * failed; its commit() also begins the next transaction at once, holding the write lock between requests.
     */
    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * After SQLITE_FULL or an I/O error SQLite may already have rolled the transaction back, and then ROLLBACK
     * fails too; that second error must not replace the first, which says what went wrong.
     */
    private static void rollback(Connection c, Exception cause) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return run(tx -> tx.query(sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return run(tx -> tx.queryOne(sql, mapper, params));
    }

    public int update(String sql, Object... params) {
        return run(tx -> tx.update(sql, params));
    }

    /**
     * Runs {@code pragma} on every connection of the pool (SQLite keeps such settings per connection). Operators
     * never need it; tests use it to make storage fail for real: {@code max_page_count} fills the database,
     * {@code query_only} makes it read-only.
     */
    public void onEveryConnection(String pragma) {
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                taken.add(take());
            }
            for (Connection c : taken) {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA " + pragma);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } finally {
            pool.addAll(taken);
        }
    }

    /** On the thread's open transaction when there is one, else on a connection of its own in autocommit mode. */
    private <T> T run(Work<T> work) {
        Tx joined = current.get();
        try {
            if (joined != null) {
                return work.run(joined);
            }
            Connection c = take();
            try {
                return work.run(new Tx(c));
            } finally {
                pool.add(c);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private Connection take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a database connection", e);
        }
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing at shutdown: nothing left to do with the error
            }
        }
    }

    /** Statements on one connection. */
    public static final class Tx {
        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            try (PreparedStatement st = prepare(sql, params); ResultSet rs = st.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }

        public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            List<T> rows = query(sql, mapper, params);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement st = prepare(sql, params)) {
                return st.executeUpdate();
            }
        }

        private PreparedStatement prepare(String sql, Object... params) throws SQLException {
            PreparedStatement st = connection.prepareStatement(sql);
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st;
        }
    }
}
