package dev.proximity.search;

import java.math.BigDecimal;
import java.util.Random;

import com.fasterxml.jackson.core.io.NumberOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast writer of a search answer's numbers against Jackson's general (Schubfach) conversion. */
class JsonDecimalsTests {

    private final char[] out = new char[32];

    @Test
    void coordinatesWithUpToSevenDecimalsAreWrittenAsTheShortestExactDecimal() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000_000; i++) {
            int decimals = random.nextInt(8);
            long units = (long) ((random.nextDouble() * 360 - 180) * Math.pow(10, decimals));
            double value = BigDecimal.valueOf(units, decimals).doubleValue();
            String text = text(JsonDecimals.coordinate(value, out));
            if (value == 0) {
                assertThat(text).isNull();
                continue;
            }
            assertThat(text).as("%s", value).isNotNull();
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            if (Math.abs(value) >= 1e-3) { // Jackson switches to E notation below that
                assertThat(text).isEqualTo(NumberOutput.toString(value, true));
            }
        }
    }

    @Test
    void anyOtherCoordinateIsLeftToTheGeneralPathOrWrittenExactly() {
        Random random = new Random(7);
        int general = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double value = random.nextDouble() * 360 - 180;
            String text = text(JsonDecimals.coordinate(value, out));
            if (text == null) {
                general++;
            } else {
                assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            }
        }
        assertThat(general).as("full-precision doubles have more than seven decimals").isGreaterThan(1_999_000);
    }

    @Test
    void edgeValues() {
        assertThat(text(JsonDecimals.coordinate(90, out))).isEqualTo("90.0");
        assertThat(text(JsonDecimals.coordinate(-180, out))).isEqualTo("-180.0");
        assertThat(text(JsonDecimals.coordinate(37.5664, out))).isEqualTo("37.5664");
        assertThat(text(JsonDecimals.coordinate(-0.5, out))).isEqualTo("-0.5");
        assertThat(text(JsonDecimals.coordinate(1e-7, out))).isEqualTo("0.0000001");
        assertThat(text(JsonDecimals.coordinate(-0.0001, out))).isEqualTo("-0.0001");
        assertThat(text(JsonDecimals.coordinate(1e-8, out))).isNull();
        assertThat(text(JsonDecimals.coordinate(0.0, out))).isNull();
        assertThat(text(JsonDecimals.coordinate(-0.0, out))).isNull();
        assertThat(text(JsonDecimals.coordinate(Double.NaN, out))).isNull();
        assertThat(text(JsonDecimals.coordinate(Double.POSITIVE_INFINITY, out))).isNull();
    }

    @Test
    void distancesAreWrittenToTheMillimetre() {
        assertThat(text(JsonDecimals.millimetres(13.7412345, out))).isEqualTo("13.741");
        assertThat(text(JsonDecimals.millimetres(13.7415, out))).isEqualTo("13.742");
        assertThat(text(JsonDecimals.millimetres(0, out))).isEqualTo("0.0");
        assertThat(text(JsonDecimals.millimetres(0.0004, out))).isEqualTo("0.0");
        assertThat(text(JsonDecimals.millimetres(0.02, out))).isEqualTo("0.02");
        assertThat(text(JsonDecimals.millimetres(50_000, out))).isEqualTo("50000.0");
        assertThat(text(JsonDecimals.millimetres(20_015_086.796, out))).isEqualTo("20015086.796");
        assertThat(text(JsonDecimals.millimetres(Double.NaN, out))).isNull();
        Random random = new Random(1);
        for (int i = 0; i < 1_000_000; i++) {
            double metres = random.nextDouble() * 50_000;
            String text = text(JsonDecimals.millimetres(metres, out));
            assertThat(Double.parseDouble(text)).isEqualTo(Math.round(metres * 1000) / 1000.0);
            assertThat(text).matches("\\d+\\.\\d{1,3}");
        }
    }

    private String text(int length) {
        return length < 0 ? null : new String(out, 0, length);
    }
}
