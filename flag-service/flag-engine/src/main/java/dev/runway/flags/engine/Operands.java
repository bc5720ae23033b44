package dev.runway.flags.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import org.semver4j.Semver;

/**
 * How rule operands and context values are read. The validator and the compiler both use these functions,
 * so what validates is exactly what compiles; evaluation uses them on context values, where every function
 * returns a sentinel instead of throwing.
 */
final class Operands {

    /** Longest accepted regular expression; longer ones are rejected at validation (RE2 size grows with it). */
    static final int MAX_REGEX_LENGTH = 256;

    /**
     * Longest context string a regex is run on. RE2 is linear, but linear in a megabyte on every evaluation is
     * still a denial of service; longer values simply do not match.
     */
    static final int MAX_REGEX_INPUT = 8_192;

    /** Longest string parsed as a number, version or date; nothing legitimate is longer. */
    static final int MAX_PARSED_LENGTH = 256;

    /**
     * Epoch numbers below this magnitude are seconds, above it milliseconds. 10^11 seconds is the year 5138 and
     * 10^11 milliseconds is March 1973, so every realistic date reads correctly whichever unit a caller used.
     */
    static final long EPOCH_SECONDS_LIMIT = 100_000_000_000L;

    /** Marker for "not an instant". */
    static final long NO_INSTANT = Long.MIN_VALUE;

    private static final double MAX_EXACT_LONG = 9.007199254740992E15; // 2^53

    private Operands() {}

    /**
     * The canonical string of a scalar, used by the equality and string operators: strings as they are,
     * booleans as {@code "true"/"false"}, integral numbers without a fraction ({@code 18}, {@code 18.0} and
     * {@code 18.00} all read {@code "18"}), other numbers in Java's shortest repeatable form. {@code null}
     * for anything else (maps, lists, nulls).
     */
    static String scalar(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < MAX_EXACT_LONG) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (value instanceof BigInteger i) {
            return i.toString();
        }
        if (value instanceof BigDecimal d) {
            BigDecimal stripped = d.stripTrailingZeros();
            return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
        }
        return null;
    }

    /**
     * A number from a {@link Number} or a decimal string ({@code "18"}, {@code "-2.5"}, {@code "1e3"}, spaces
     * around allowed); {@code NaN} when there is none. Java-only spellings that {@link Double#parseDouble}
     * would also take ({@code "NaN"}, {@code "Infinity"}, {@code "0x1p3"}, {@code "18d"}) are refused, so that
     * SDKs in other languages read the same strings as numbers.
     */
    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && s.length() <= MAX_PARSED_LENGTH) {
            String trimmed = s.trim();
            if (!isDecimal(trimmed)) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(trimmed);
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * An instant as epoch milliseconds, or {@link #NO_INSTANT}. Accepts {@link Instant}, {@link Date}, {@link
     * OffsetDateTime}, {@link ZonedDateTime}, epoch numbers (seconds or milliseconds, see {@link
     * #EPOCH_SECONDS_LIMIT}), digit strings the same way, ISO-8601 instants with {@code Z} or an offset, and
     * ISO dates (start of that day, UTC).
     */
    static long epochMillis(Object value) {
        try {
            return switch (value) {
                case Instant i -> i.toEpochMilli();
                case Date d -> d.getTime();
                case OffsetDateTime o -> o.toInstant().toEpochMilli();
                case ZonedDateTime z -> z.toInstant().toEpochMilli();
                case Number n -> fromEpochNumber(n.doubleValue());
                case String s -> parseInstant(s.trim());
                case null, default -> NO_INSTANT;
            };
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return NO_INSTANT;
        }
    }

    private static long parseInstant(String s) {
        if (s.isEmpty() || s.length() > MAX_PARSED_LENGTH) {
            return NO_INSTANT;
        }
        if (isEpochDigits(s)) {
            return fromEpochNumber(Double.parseDouble(s));
        }
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }

    private static boolean isEpochDigits(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static long fromEpochNumber(double n) {
        if (!Double.isFinite(n)) {
            return NO_INSTANT;
        }
        double millis = Math.abs(n) < EPOCH_SECONDS_LIMIT ? n * 1000 : n;
        if (Math.abs(millis) > Long.MAX_VALUE / 2.0) {
            return NO_INSTANT;
        }
        return (long) millis;
    }

    /** A semantic version from a string (a leading {@code v} or {@code V} allowed), or {@code null}. */
    static Semver semver(Object value) {
        if (!(value instanceof String s) || s.isEmpty() || s.length() > MAX_PARSED_LENGTH) {
            return null;
        }
        String version = s.charAt(0) == 'v' || s.charAt(0) == 'V' ? s.substring(1) : s;
        try {
            return Semver.parse(version);
        } catch (RuntimeException rejected) {
            return null;
        }
    }

    /** The compiled regex, or {@code null} when the pattern is too long or not valid RE2 syntax. */
    static Pattern regex(Object value) {
        if (!(value instanceof String s) || s.length() > MAX_REGEX_LENGTH) {
            return null;
        }
        try {
            return Pattern.compile(s);
        } catch (PatternSyntaxException invalid) {
            return null;
        }
    }
}
