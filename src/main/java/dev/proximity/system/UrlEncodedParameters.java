package dev.proximity.system;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A query string or an {@code application/x-www-form-urlencoded} body, decoded strictly: Tomcat puts U+FFFD in
 * place of bytes that are not UTF-8 (the text changes without a word), and only flags broken {@code %} escapes,
 * without saying which parameter. Here every name and value must be well-formed percent-encoding of UTF-8 text
 * that {@link UnicodeText} accepts, and the first one that is not is named.
 */
final class UrlEncodedParameters {

    /**
     * A name is echoed in an answer only if it looks like one of ours ({@code q}, {@code hours[2].open}): letters,
     * with digits only as a short index, so a name can never carry a location. Values are never echoed.
     */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_]{1,40}(\\[\\d{1,3}]\\.[A-Za-z_]{1,40})?");
    static final String UNNAMED = "(parameter name)";

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private FieldProblem problem;
    private boolean malformedEscape;

    private UrlEncodedParameters() {
    }

    /** {@code encoded} holds one char per byte (as a query string or an ISO-8859-1 read body does). */
    static UrlEncodedParameters decode(String encoded) {
        UrlEncodedParameters parameters = new UrlEncodedParameters();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            Decoded name = decode(rawName, utf8);
            String field = name.text != null && PLAIN_NAME.matcher(name.text).matches() ? name.text : UNNAMED;
            if (name.text == null || name.problem != null) {
                parameters.fail(field, name, name.problem);
                return parameters;
            }
            Decoded value = decode(rawValue, utf8);
            if (value.text == null || value.problem != null) {
                parameters.fail(field, value, value.problem);
                return parameters;
            }
            parameters.values.computeIfAbsent(name.text, k -> new ArrayList<>()).add(value.text);
        }
        return parameters;
    }

    /** The first parameter that cannot be accepted, with why; null when all can. */
    FieldProblem problem() {
        return problem;
    }

    /** Whether the problem is a broken {@code %} escape rather than the text it stands for. */
    boolean malformedEscape() {
        return malformedEscape;
    }

    /** Names in order of first appearance, each with its values in order. */
    Map<String, List<String>> values() {
        return values;
    }

    private void fail(String field, Decoded decoded, String why) {
        malformedEscape = decoded.malformedEscape;
        problem = new FieldProblem(field, why);
    }

    private static Decoded decode(String raw, CharsetDecoder utf8) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0 && isAscii(raw)) {
            return Decoded.of(raw);
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes[length++] = ' ';
            } else if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    return Decoded.brokenEscape();
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            CharBuffer text = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length));
            return Decoded.of(text.toString());
        } catch (CharacterCodingException e) {
            return Decoded.invalid(UnicodeText.NOT_UTF8);
        }
    }

    private static boolean isAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private record Decoded(String text, String problem, boolean malformedEscape) {

        static Decoded of(String text) {
            return new Decoded(text, UnicodeText.problem(text), false);
        }

        static Decoded invalid(String problem) {
            return new Decoded(null, problem, false);
        }

        static Decoded brokenEscape() {
            return new Decoded(null, "is not valid percent-encoding", true);
        }
    }
}
