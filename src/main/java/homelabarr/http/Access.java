package homelabarr.http;

/** The access rule of one route. Every route names one, so nothing is public by accident. */
public enum Access {
    /** No credentials needed (the contract marks the route public). */
    PUBLIC,
    /** Any signed-in account, even one that still has to change its password (me, logout, change-password). */
    SELF,
    /** Any signed-in account with a usable password, read-only roles included. */
    READ,
    /** Roles that may change things: user and admin. */
    WRITE,
    /** Administrators only. */
    ADMIN
}
