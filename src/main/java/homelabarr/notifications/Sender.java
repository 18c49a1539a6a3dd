package homelabarr.notifications;

/** Delivers one notification over one kind of channel: webhook, ntfy, Gotify, Discord or e-mail. */
interface Sender {
    /** One attempt; {@code deliveryId} lets a receiver recognise a retry of the same delivery. */
    void send(Channel channel, Notification n, long deliveryId) throws DeliveryException;
}
