package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatLngTests {

    @ParameterizedTest
    @CsvSource({"90, 0", "-90, 180", "0, -180", "0, 180", "45.5, -73.6"})
    void acceptsTheClosedRanges(double lat, double lng) {
        LatLng point = LatLng.ofDegrees(lat, lng);
        assertThat(point.latDegrees()).isEqualTo(lat);
        assertThat(point.lngDegrees()).isEqualTo(lng);
    }

    @ParameterizedTest
    @CsvSource({"90.000001, 0", "-91, 0", "0, 180.0000001", "0, -181", "NaN, 0", "0, NaN", "Infinity, 0"})
    void rejectsOutOfRangeAndNonFiniteCoordinates(double lat, double lng) {
        assertThatIllegalArgumentException().isThrownBy(() -> LatLng.ofDegrees(lat, lng));
        assertThat(LatLng.isValid(lat, lng)).isFalse();
    }

    @Test
    void isAValueType() {
        assertThat(LatLng.ofDegrees(1, 2)).isEqualTo(new LatLng(1, 2)).hasSameHashCodeAs(new LatLng(1, 2));
    }
}
