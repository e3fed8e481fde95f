package dev.proximity.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DowntownTests {

    @Test
    void distanceIsTheInverseOfTheShareWithin() {
        for (double share = 0; share < 1; share += 0.01) {
            assertThat(Downtown.shareWithin(Downtown.distanceKm(share))).isCloseTo(share, within(1e-9));
        }
        assertThat(Downtown.distanceKm(0)).isCloseTo(0, within(1e-9));
        assertThat(Downtown.shareWithin(Downtown.MAX_KM)).isEqualTo(1.0);
        assertThat(Downtown.shareWithin(100)).isEqualTo(1.0);
    }

    @Test
    void twoThirdsLieWithinTwoKilometresAndTheCoreIsDenserThanTheRing() {
        assertThat(Downtown.shareWithin(2.0)).isCloseTo(0.66, within(0.01));
        assertThat(Downtown.shareWithin(0.5)).isCloseTo(0.11, within(0.01));
        // businesses per km², relative: the first 500 m against the ring from 1.5 to 2 km
        double core = Downtown.shareWithin(0.5) / (Math.PI * 0.5 * 0.5);
        double ring = (Downtown.shareWithin(2.0) - Downtown.shareWithin(1.5)) / (Math.PI * (2.0 * 2.0 - 1.5 * 1.5));
        assertThat(core / ring).isBetween(3.0, 8.0);
    }
}
