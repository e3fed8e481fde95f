package dev.proximity.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many password hashes an instance computes at once. Each Argon2id hash holds its whole memory cost on the
 * heap while it runs ({@link SecurityConfiguration#ARGON2_MEMORY_KIB}, 19 MiB, about 20 MiB with the JVM's
 * block objects), and every sign-in computes one, for an unknown e-mail too (to take the same time). Unbounded,
 * 32 request threads signing in at once want some 640 MiB: more than the 512 MiB heap of the compose
 * instances, which exit on OutOfMemoryError. Keep {@code maxConcurrentHashes × 20 MiB} a small part of the heap
 * (the default, 4 × 20 MiB = 80 MiB, is under a sixth of 512 MiB), and no more than the cores, since hashes
 * beyond them only queue for the CPU.
 *
 * @param maxConcurrentHashes password hashes computed at the same time on this instance
 * @param hashWait            how long a sign-in or registration waits for a turn before it is answered 503 with
 *                            {@code Retry-After} (a turn lasts one hash, tens of milliseconds)
 */
@ConfigurationProperties("proximity.security.password")
@Validated
record PasswordHashingProperties(@DefaultValue("4") @Min(1) int maxConcurrentHashes,
        @DefaultValue("500ms") Duration hashWait) {
}
