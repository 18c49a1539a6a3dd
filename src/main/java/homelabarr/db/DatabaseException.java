package homelabarr.db;

import java.sql.SQLException;

/**
 * A database failure. What it means for the client is told by {@link #kind()}: a full disk or database, storage
 * that cannot be written or read right now, or anything else (a bug: the HTTP layer answers 500 and logs it).
 */
public final class DatabaseException extends RuntimeException {
    /** What kind of failure it is, from SQLite's primary result code. */
    public enum Kind {
        /** SQLITE_FULL: the disk (or the database's page limit) is full. */
        FULL,
        /** I/O error, read-only file or folder, cannot open, locked for too long, or a damaged file. */
        UNAVAILABLE,
        OTHER
    }

    private final Kind kind;

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.kind = kindOf(cause);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the statement broke a UNIQUE constraint (a duplicate name, say). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException sql && sql.getMessage() != null
                && sql.getMessage().contains("UNIQUE constraint failed");
    }

    /** The primary code is the low byte of SQLite's (possibly extended) result code, e.g. SQLITE_IOERR_WRITE → 10. */
    private static Kind kindOf(SQLException e) {
        return switch (e.getErrorCode() & 0xFF) {
            case 13 -> Kind.FULL;  // SQLITE_FULL
            case 5, 6, 8, 10, 11, 14, 26 -> Kind.UNAVAILABLE;  // BUSY, LOCKED, READONLY, IOERR, CORRUPT, CANTOPEN, NOTADB
            default -> Kind.OTHER;
        };
    }
}
