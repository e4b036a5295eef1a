package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.yaml.YNode;
import dev.specql.deploy.model.yaml.YNode.ScalarKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A number written in one of YAML 1.1's other spellings: hexadecimal, binary, octal (a leading zero), '_' separators,
 * base 60 ({@code 1:30}), an exponent, a bare decimal point, NaN or infinity. SnakeYAML resolves them all to numbers,
 * but YAML 1.2 tools and people read several of them differently (010 is 8 in YAML 1.1 and 10 in YAML 1.2), so the
 * numeric types accept plain decimals only and say which spelling was used and what to write instead.
 *
 * @param problem    what is unusual, e.g. "0x10 is written in hexadecimal"
 * @param suggestion the plain decimal to write, when the value is a number
 */
record NumberSpelling(String problem, Optional<String> suggestion) {

    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");

    /** Longer decimals are not suggested: no setting takes them, and a suggestion must stay short. */
    private static final int MAX_DIGITS = 30;

    /** Whether YAML resolved the scalar to a number, in whatever spelling. */
    static boolean isNumber(YNode.YScalar scalar) {
        return scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.FLOAT;
    }

    /**
     * The scalar when it is a number written as a plain decimal; otherwise reports why not (not a number,
     * or an unusual spelling) and returns empty. The shared first step of every numeric type.
     *
     * @param expected what the type expects, e.g. "an integer from 1 to 100"
     */
    static Optional<YNode.YScalar> plainNumber(YNode node, String expected, String path, Validation context) {
        if (!(node instanceof YNode.YScalar scalar) || !isNumber(scalar)) {
            context.error(node.location(), path, "expected " + expected + ", got " + node.describe());
            return Optional.empty();
        }
        return refuse(scalar, expected, path, context) ? Optional.empty() : Optional.of(scalar);
    }

    /**
     * Reports a number not written as a plain decimal.
     *
     * @param expected what the type expects, e.g. "an integer from 1 to 100"
     * @return whether it was reported
     */
    static boolean refuse(YNode.YScalar scalar, String expected, String path, Validation context) {
        Optional<NumberSpelling> spelling = of(scalar.text());
        spelling.ifPresent(s -> context.error(scalar.location(), path, s.problem() + "; expected " + expected
                + ", written as a plain decimal", s.suggestion().orElse(null)));
        return spelling.isPresent();
    }

    /** Empty for a plain decimal, such as 42, -3 or 2.5 (whether it is in range is not checked here). */
    static Optional<NumberSpelling> of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        String sign = lower.startsWith("-") ? "-" : "";
        String shown = Printable.shorten(text);
        if (body.equals(".nan")) {
            return Optional.of(new NumberSpelling(shown + " is not a number", Optional.empty()));
        }
        if (body.equals(".inf")) {
            return Optional.of(new NumberSpelling(shown + " is infinite", Optional.empty()));
        }
        return unusual(body).map(problem -> new NumberSpelling(shown + " " + problem,
                decimal(body.replace("_", "")).map(decimal -> suggestion(body, sign, decimal))));
    }

    /** Write the decimal; for a leading zero, also say what YAML 1.2 reads, since either may have been meant. */
    private static String suggestion(String body, String sign, String decimal) {
        if (OCTAL.matcher(body).matches()) {
            return "write " + sign + new BigInteger(body) + ", or " + sign + decimal + " if octal was meant";
        }
        return "write " + sign + decimal;
    }

    /** What makes an unsigned number unusual, in words that follow the number; empty for a plain decimal. */
    private static Optional<String> unusual(String body) {
        if (body.contains("_")) {
            return Optional.of("has '_' between its digits");
        } else if (body.startsWith("0x")) {
            return Optional.of("is written in hexadecimal");
        } else if (body.startsWith("0b")) {
            return Optional.of("is written in binary");
        } else if (body.contains(":")) {
            return Optional.of("is a base-60 (sexagesimal) number in YAML 1.1");
        } else if (OCTAL.matcher(body).matches()) {
            return Optional.of("starts with 0, so YAML 1.1 reads it as octal");
        } else if (body.length() > 1 && body.startsWith("0") && Character.isDigit(body.charAt(1))) {
            return Optional.of("has a leading zero");
        } else if (body.contains("e")) {
            return Optional.of("has an exponent");
        } else if (body.startsWith(".") || body.endsWith(".")) {
            return Optional.of("needs digits on both sides of the decimal point");
        }
        return Optional.empty();
    }

    /**
     * The value of an unsigned YAML 1.1 number without '_', as a plain decimal; empty when that would be too long to
     * suggest (1e999999999 would be a billion digits).
     */
    private static Optional<String> decimal(String body) {
        BigDecimal value;
        if (body.startsWith("0x")) {
            value = new BigDecimal(new BigInteger(body.substring(2), 16));
        } else if (body.startsWith("0b")) {
            value = new BigDecimal(new BigInteger(body.substring(2), 2));
        } else if (body.contains(":")) {
            value = BigDecimal.ZERO;
            for (String part : body.split(":")) {
                value = value.multiply(BigDecimal.valueOf(60)).add(new BigDecimal(part));
            }
        } else if (OCTAL.matcher(body).matches()) {
            value = new BigDecimal(new BigInteger(body, 8));
        } else {
            value = new BigDecimal(body);
        }
        value = value.stripTrailingZeros();
        boolean tooLong = value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS;
        return tooLong ? Optional.empty() : Optional.of(value.toPlainString());
    }
}
