package dev.specql.deploy.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.yaml.YNode;
import dev.specql.deploy.model.yaml.YNode.ScalarKind;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberSpellingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0x10     | 0x10 is written in hexadecimal                         | write 16",
            "-0x1F    | -0x1F is written in hexadecimal                        | write -31",
            "0b101    | 0b101 is written in binary                             | write 5",
            "010      | 010 starts with 0, so YAML 1.1 reads it as octal       | write 10, or 8 if octal was meant",
            "+010     | +010 starts with 0, so YAML 1.1 reads it as octal      | write 10, or 8 if octal was meant",
            "012.5    | 012.5 has a leading zero                               | write 12.5",
            "8_000    | 8_000 has '_' between its digits                       | write 8000",
            "0x_1_0   | 0x_1_0 has '_' between its digits                      | write 16",
            "1:30     | 1:30 is a base-60 (sexagesimal) number in YAML 1.1     | write 90",
            "1:30.5   | 1:30.5 is a base-60 (sexagesimal) number in YAML 1.1   | write 90.5",
            "1e3      | 1e3 has an exponent                                    | write 1000",
            "1.5E-1   | 1.5E-1 has an exponent                                 | write 0.15",
            ".5       | .5 needs digits on both sides of the decimal point     | write 0.5",
            "5.       | 5. needs digits on both sides of the decimal point     | write 5"})
    void namesTheSpellingAndTheDecimalToWrite(String text, String problem, String suggestion) {
        assertThat(NumberSpelling.of(text)).contains(new NumberSpelling(problem, Optional.of(suggestion)));
    }

    @Test
    void notANumberAndInfinityHaveNoDecimal() {
        assertThat(NumberSpelling.of(".NaN")).contains(new NumberSpelling(".NaN is not a number", Optional.empty()));
        assertThat(NumberSpelling.of("-.inf")).contains(new NumberSpelling("-.inf is infinite", Optional.empty()));
    }

    @Test
    void aDecimalTooLongToSuggestIsNotComputedInFull() {
        assertThat(NumberSpelling.of("1e999999999")).contains(new NumberSpelling("1e999999999 has an exponent", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "+5", "42", "2.5", "100000.000001"})
    void plainDecimalsAreFine(String text) {
        assertThat(NumberSpelling.of(text)).isEmpty();
    }

    @Test
    void numbersTakeAtMostSixDecimals() {
        Validation context = new Validation();
        YNode node = new YNode.YScalar("0.1234567", ScalarKind.FLOAT, Location.startOf("spec.yaml"));
        assertThat(new ScalarType.NumberType(BigDecimal.ZERO, BigDecimal.TEN).validate(node, "x", context)).isNull();
        assertThat(context.problems()).extracting(Problem::message)
                .containsExactly("0.1234567 has more than 6 decimals: expected a number from 0 to 10");
    }
}
