package homelabarr.notifications;

/** A delivery that did not go through; the message is shown to admins, so it never carries a secret. */
final class DeliveryException extends Exception {
    DeliveryException(String message) {
        super(message, null, false, false);
    }
}
