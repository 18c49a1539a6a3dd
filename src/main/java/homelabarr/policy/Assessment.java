package homelabarr.policy;

import java.util.List;

/** What the deploy policy found in a deployment: empty when anyone who may deploy may deploy it. */
public record Assessment(List<Finding> findings) {
    public static final Assessment CLEAN = new Assessment(List.of());

    public Assessment {
        findings = List.copyOf(findings);
    }

    public boolean adminOnly() {
        return !findings.isEmpty();
    }

    public List<String> reasons() {
        return findings.stream().map(Finding::describe).distinct().toList();
    }
}
