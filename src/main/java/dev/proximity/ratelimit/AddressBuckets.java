package dev.proximity.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import com.google.common.net.InetAddresses;

/**
 * Whose bucket a client address draws from. An IPv4 address is one client. An IPv6 address is not: a home or
 * a rented server gets a whole /64 (and usually more), and picks any of its 2^64 addresses per request, so
 * IPv6 clients are bucketed per /64. An IPv6 address that carries an IPv4 one (IPv4-mapped, which
 * {@code ClientAddress} already writes as IPv4; 6to4; Teredo; IPv4-compatible) is bucketed as that IPv4
 * address, which is the one client behind all of them.
 */
final class AddressBuckets {

    static final int IPV6_PREFIX_BITS = 64;

    private AddressBuckets() {
    }

    /** The bucket subject of an address as {@code ClientAddress} writes it; anything else is kept as it is. */
    static String of(String address) {
        if (!InetAddresses.isInetAddress(address)) {
            return address;
        }
        InetAddress parsed = InetAddresses.forString(address);
        if (parsed instanceof Inet4Address) {
            return InetAddresses.toAddrString(parsed);
        }
        Inet6Address ipv6 = (Inet6Address) parsed;
        if (InetAddresses.hasEmbeddedIPv4ClientAddress(ipv6)) {
            return InetAddresses.toAddrString(InetAddresses.getEmbeddedIPv4ClientAddress(ipv6));
        }
        byte[] prefix = Arrays.copyOf(ipv6.getAddress(), 16);
        Arrays.fill(prefix, IPV6_PREFIX_BITS / 8, 16, (byte) 0);
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/" + IPV6_PREFIX_BITS;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
