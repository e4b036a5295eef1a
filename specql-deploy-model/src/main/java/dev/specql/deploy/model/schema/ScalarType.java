package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.text.Secrets;
import dev.specql.deploy.model.yaml.YNode;
import dev.specql.deploy.model.yaml.YNode.ScalarKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The scalar types of the spec. */
public sealed interface ScalarType extends Type {

    /** A string of a given {@link Format}. Numbers and booleans must be quoted, as JSON Schema sees them. */
    record StringType(Format format) implements ScalarType {
        @Override
        public Object validate(YNode node, String path, Validation context) {
            if (!(node instanceof YNode.YScalar scalar) || scalar.kind() != ScalarKind.STRING) {
                wrongKind(node, path, context);
                return null;
            }
            var problem = format.check(scalar.text());
            if (problem.isPresent() && format.standsInForSecret()) {
                withheld(scalar, problem.get(), path, context);
                return null;
            }
            if (problem.isPresent()) {
                String lower = scalar.text().toLowerCase(Locale.ROOT);
                String hint = !lower.equals(scalar.text()) && format.check(lower).isEmpty() ? "use lowercase: " + lower : null;
                context.error(node.location(), path, Printable.quote(scalar.text()) + " is invalid: " + problem.get(), hint);
                return null;
            }
            return scalar.text();
        }

        private void wrongKind(YNode node, String path, Validation context) {
            if (node instanceof YNode.YScalar scalar && format.standsInForSecret()) {
                context.error(node.location(), path, "expected " + format.description() + ", got " + scalar.kind().description());
                return;
            }
            String hint = node instanceof YNode.YScalar s && !s.isNull() ? "quote it: " + Printable.quote(s.text()) : null;
            context.error(node.location(), path, "expected " + format.description() + ", got " + node.describe(), hint);
        }

        /** A wrong value where a reference to a secret belongs may be the secret: say what is wrong, not what it is. */
        private static void withheld(YNode.YScalar scalar, String problem, String path, Validation context) {
            Secrets.Misplaced misplaced = Secrets.misplacedReference(scalar.text());
            context.error(scalar.location(), path, misplaced.problem() + ": " + problem, misplaced.suggestion());
        }

        @Override
        public String describe() {
            return format.description();
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            schema.put("pattern", format.regex());
            if (format.maxLength() > 0) {
                schema.put("maxLength", format.maxLength());
            }
            return schema;
        }
    }

    /** One of a fixed set of words; {@code numeric} also accepts the unquoted number form (version: 17). */
    record EnumType(List<String> values, boolean numeric) implements ScalarType {
        public EnumType {
            values = List.copyOf(values);
        }

        public static EnumType of(String... values) {
            return new EnumType(List.of(values), false);
        }

        @Override
        public Object validate(YNode node, String path, Validation context) {
            boolean acceptedKind = node instanceof YNode.YScalar s && (s.kind() == ScalarKind.STRING
                    || (numeric && (s.kind() == ScalarKind.INTEGER || s.kind() == ScalarKind.FLOAT)));
            if (!acceptedKind) {
                context.error(node.location(), path, "expected one of " + String.join(", ", values) + ", got " + node.describe());
                return null;
            }
            String text = ((YNode.YScalar) node).text();
            if (!values.contains(text)) {
                context.unknown(node.location(), path, "value", text, values);
                return null;
            }
            return text;
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", values);
        }

        @Override
        public Map<String, Object> jsonSchema() {
            List<Object> allowed = new ArrayList<>(values);
            if (numeric) {
                values.stream().map(BigDecimal::new).forEach(allowed::add);
            }
            return new LinkedHashMap<>(Map.of("enum", allowed));
        }
    }

    /**
     * A language version: one of the supported minor versions ({@code 3.12}, also unquoted), or an exact release of
     * one ({@code "3.12.7"}), which a version file or a Gemfile may demand.
     */
    record VersionType(List<String> minors) implements ScalarType {
        private static final Pattern EXACT = Pattern.compile("(\\d{1,2}\\.\\d{1,2})\\.\\d{1,3}");

        public VersionType {
            minors = List.copyOf(minors);
        }

        @Override
        public Object validate(YNode node, String path, Validation context) {
            if (!(node instanceof YNode.YScalar s) || !(s.kind() == ScalarKind.STRING || s.kind() == ScalarKind.FLOAT
                    || s.kind() == ScalarKind.INTEGER)) {
                context.error(node.location(), path, "expected " + describe() + ", got " + node.describe());
                return null;
            }
            String text = s.text();
            var exact = EXACT.matcher(text);
            if (minors.contains(text) || exact.matches() && minors.contains(exact.group(1))) {
                return text;
            }
            context.unknown(node.location(), path, "value", text, minors);
            return null;
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", minors) + ", or an exact release of one such as " + minors.get(0) + ".1";
        }

        @Override
        public Map<String, Object> jsonSchema() {
            List<Object> allowed = new ArrayList<>(minors);
            minors.stream().map(BigDecimal::new).forEach(allowed::add);
            String alternatives = String.join("|", minors.stream().map(m -> m.replace(".", "\\.")).toList());
            Map<String, Object> exactRelease = new LinkedHashMap<>();
            exactRelease.put("type", "string");
            exactRelease.put("pattern", "^(" + alternatives + ")\\.[0-9]{1,3}$");
            return new LinkedHashMap<>(Map.of("anyOf", List.of(new LinkedHashMap<>(Map.of("enum", allowed)), exactRelease)));
        }
    }

    /** A decimal integer within bounds; hex, octal, sexagesimal and '_' separators are refused ({@link NumberSpelling}). */
    record IntegerType(long min, long max) implements ScalarType {
        private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

        @Override
        public Object validate(YNode node, String path, Validation context) {
            Optional<YNode.YScalar> number = NumberSpelling.plainNumber(node, describe(), path, context);
            if (number.isEmpty()) {
                return null;
            }
            YNode.YScalar scalar = number.get();
            if (!DECIMAL.matcher(scalar.text()).matches()) {
                context.error(node.location(), path, "expected " + describe() + ", got " + node.describe());
                return null;
            }
            BigInteger value = new BigInteger(scalar.text());
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                context.error(node.location(), path, Printable.shorten(value.toString()) + " is out of range: expected " + describe());
                return null;
            }
            return value.longValueExact();
        }

        @Override
        public String describe() {
            return "an integer from " + min + " to " + max;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "integer");
            schema.put("minimum", min);
            schema.put("maximum", max);
            return schema;
        }
    }

    /** A decimal number within bounds, with at most {@value #MAX_DECIMALS} decimals; other spellings are refused. */
    record NumberType(BigDecimal min, BigDecimal max) implements ScalarType {
        private static final int MAX_DECIMALS = 6;
        private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?");

        @Override
        public Object validate(YNode node, String path, Validation context) {
            Optional<YNode.YScalar> number = NumberSpelling.plainNumber(node, describe(), path, context);
            if (number.isEmpty()) {
                return null;
            }
            BigDecimal value = new BigDecimal(number.get().text()).stripTrailingZeros();
            String shown = Printable.shorten(value.toPlainString());
            if (value.scale() > MAX_DECIMALS) {
                context.error(node.location(), path, shown + " has more than " + MAX_DECIMALS + " decimals: expected " + describe());
                return null;
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                context.error(node.location(), path, shown + " is out of range: expected " + describe());
                return null;
            }
            return value;
        }

        @Override
        public String describe() {
            return "a number from " + min.toPlainString() + " to " + max.toPlainString();
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "number");
            schema.put("minimum", min);
            schema.put("maximum", max);
            return schema;
        }
    }

    /** true or false. YAML 1.1's yes/no/on/off are refused: they surprise people ("the Norway problem"). */
    record BooleanType() implements ScalarType {
        @Override
        public Object validate(YNode node, String path, Validation context) {
            if (node instanceof YNode.YScalar scalar && scalar.kind() == ScalarKind.BOOLEAN) {
                String text = scalar.text().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                boolean truthy = text.equals("yes") || text.equals("on");
                context.error(node.location(), path, Printable.quote(scalar.text()) + " is ambiguous in YAML; expected true or false",
                        "write " + truthy);
                return null;
            }
            context.error(node.location(), path, "expected true or false, got " + node.describe());
            return null;
        }

        @Override
        public String describe() {
            return "true or false";
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return new LinkedHashMap<>(Map.of("type", "boolean"));
        }
    }

    /** An environment variable value: strings, numbers and booleans are all taken as the text written. */
    record EnvValueType() implements ScalarType {
        @Override
        public Object validate(YNode node, String path, Validation context) {
            if (!(node instanceof YNode.YScalar scalar) || scalar.isNull()) {
                context.error(node.location(), path, "expected a value (a string, number or boolean), got " + node.describe());
                return null;
            }
            var problem = Format.ENV_VALUE.check(scalar.text());
            if (problem.isPresent()) {
                context.error(node.location(), path, problem.get());
                return null;
            }
            return scalar.text();
        }

        @Override
        public String describe() {
            return Format.ENV_VALUE.description();
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", List.of("string", "number", "boolean"));
            schema.put("pattern", Format.ENV_VALUE.regex());
            return schema;
        }
    }

    /**
     * A size or CPU amount written as a bare integer in the base unit or as a string with a unit
     * ("1GB", "512MB", "0.5 vCPU"), normalised to the base unit.
     *
     * @param unit        the base unit's name, e.g. "MiB"
     * @param suffixes    unit suffix (lowercase, no spaces) to its factor in the base unit
     * @param step        the normalised value must be a multiple of it (1 for any integer)
     * @param choices     the normalised values allowed, or empty for any in range; data rather than a predicate,
     *                    so the schema can state them too
     * @param allowedText describes what {@code min}, {@code max}, {@code step} and {@code choices} accept
     */
    record QuantityType(String unit, Map<String, BigDecimal> suffixes, long min, long max, long step, List<Long> choices,
                        String allowedText) implements ScalarType {
        // One definition of the number for the Java check and the schema pattern; no leading zero, as at IntegerType.
        private static final String AMOUNT = "(?:0|[1-9][0-9]{0,6})(?:\\.[0-9]{1,3})?";
        private static final Pattern QUANTITY = Pattern.compile("(" + AMOUNT + ") ?([A-Za-z]{0,6})");

        public QuantityType {
            choices = List.copyOf(choices);
        }

        @Override
        public Object validate(YNode node, String path, Validation context) {
            if (!(node instanceof YNode.YScalar scalar) || scalar.isNull() || scalar.kind() == ScalarKind.BOOLEAN) {
                context.error(node.location(), path, "expected " + describe() + ", got " + node.describe());
                return null;
            }
            var matcher = QUANTITY.matcher(scalar.text().trim());
            BigDecimal factor = null;
            if (matcher.matches()) {
                String suffix = matcher.group(2).toLowerCase(Locale.ROOT);
                factor = suffix.isEmpty() ? BigDecimal.ONE : suffixes.get(suffix);
            }
            if (factor == null) {
                context.error(node.location(), path, Printable.quote(scalar.text()) + " is not " + describe());
                return null;
            }
            BigDecimal amount = new BigDecimal(matcher.group(1)).multiply(factor);
            if (amount.stripTrailingZeros().scale() > 0 || amount.compareTo(BigDecimal.valueOf(min)) < 0
                    || amount.compareTo(BigDecimal.valueOf(max)) > 0 || !allowed(amount.longValueExact())) {
                context.error(node.location(), path, Printable.quote(scalar.text()) + " is not allowed: expected " + allowedText);
                return null;
            }
            return amount.longValueExact();
        }

        private boolean allowed(long value) {
            return value % step == 0 && (choices.isEmpty() || choices.contains(value));
        }

        @Override
        public String describe() {
            return "an amount in " + unit + " (" + allowedText + "), optionally with a unit: "
                    + String.join(", ", suffixes.keySet());
        }

        @Override
        public Map<String, Object> jsonSchema() {
            // A bare number is in the base unit and must come out whole, so it is an integer here.
            Map<String, Object> number = new LinkedHashMap<>();
            number.put("type", "integer");
            if (choices.isEmpty()) {
                number.put("minimum", min);
                number.put("maximum", max);
            } else {
                number.put("enum", choices);
            }
            if (step > 1) {
                number.put("multipleOf", step);
            }
            // [\x00-\x20]* on both ends is what String.trim() removes before the Java check. Amounts with a unit
            // are checked for range and step by the validator only: a regex cannot multiply.
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("type", "string");
            text.put("pattern", "^[\\x00-\\x20]*" + AMOUNT + " ?(" + String.join("|", caseInsensitive(suffixes.keySet()))
                    + ")?[\\x00-\\x20]*$");
            return new LinkedHashMap<>(Map.of("oneOf", List.of(number, text)));
        }

        private static List<String> caseInsensitive(java.util.Set<String> suffixes) {
            List<String> alternatives = new ArrayList<>();
            for (String suffix : suffixes) {
                StringBuilder sb = new StringBuilder();
                for (char c : suffix.toCharArray()) {
                    sb.append(Character.isLetter(c) ? "[" + Character.toLowerCase(c) + Character.toUpperCase(c) + "]" : String.valueOf(c));
                }
                alternatives.add(sb.toString());
            }
            return alternatives;
        }
    }
}
