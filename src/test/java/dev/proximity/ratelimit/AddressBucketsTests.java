package dev.proximity.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressBucketsTests {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.5, 203.0.113.5",
            // a /64 is one client, whichever of its addresses it picks
            "2001:db8:1:2::1, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "2001:db8::1, 2001:db8::/64",
            "::1, ::/64",
            // addresses that carry an IPv4 client: mapped, 6to4 (2002:cb00:7105::/48), IPv4-compatible
            "::ffff:203.0.113.5, 203.0.113.5",
            "2002:cb00:7105:1::1, 203.0.113.5",
            "::cb00:7105, 203.0.113.5",
            // what ClientAddress answers when the peer is no IP literal
            "unknown, unknown"})
    void ipv4PerAddressIpv6PerSlash64(String address, String bucket) {
        assertThat(AddressBuckets.of(address)).isEqualTo(bucket);
    }
}
