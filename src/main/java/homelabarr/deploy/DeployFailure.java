package homelabarr.deploy;

/** Why a running deployment stops short of success; the message is shown to the user as the reason. */
final class DeployFailure extends Exception {
    enum Kind { FAILED, CANCELLED, SHUTDOWN }

    private final Kind kind;

    DeployFailure(String reason) {
        this(Kind.FAILED, reason);
    }

    DeployFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
