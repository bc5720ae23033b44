package dev.runway.gateway.shadow.diff;

/**
 * One difference between two answers.
 *
 * @param path {@code status}, {@code header:<name>}, {@code body} (bodies that are not JSON), or a JSON field
 *     path such as {@code items[0].price} ({@code $} for the whole document)
 * @param left the value in the primary's answer, shortened for display; null when absent
 * @param right the value in the other answer, shortened; null when absent
 */
public record FieldDiff(String path, String left, String right) {}
