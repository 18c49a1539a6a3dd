package homelabarr.db;

import java.sql.SQLException;

/** A database failure; the HTTP layer reports it as a 500 without its message. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** True when the statement broke a UNIQUE constraint (a duplicate name, say). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException sql && sql.getMessage() != null
                && sql.getMessage().contains("UNIQUE constraint failed");
    }
}
