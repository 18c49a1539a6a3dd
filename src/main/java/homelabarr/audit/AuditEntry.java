package homelabarr.audit;

import java.time.Instant;

/** One recorded action: who did what to which target, from where, with what result. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String client,
                         String result, String details) {
}
