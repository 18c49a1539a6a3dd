package homelabarr.catalog;

/** A template that was skipped: {@code file} is relative to its folder (never a server path). */
public record TemplateError(String file, String error) {
}
