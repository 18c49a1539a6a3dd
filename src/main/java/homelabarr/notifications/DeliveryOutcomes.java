package homelabarr.notifications;

/** Counts delivery attempts by channel type and outcome, for /metrics. */
@FunctionalInterface
public interface DeliveryOutcomes {
    void attempt(String channelType, boolean delivered);

    DeliveryOutcomes NONE = (type, delivered) -> { };
}
