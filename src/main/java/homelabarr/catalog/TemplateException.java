package homelabarr.catalog;

/** A template that cannot be used; the message says why in words a template author understands. */
public final class TemplateException extends Exception {
    public TemplateException(String reason) {
        super(reason, null, false, false);
    }
}
