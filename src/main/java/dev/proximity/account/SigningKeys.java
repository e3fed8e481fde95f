package dev.proximity.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Finds the token signing key: from configuration, or (embedded mode) from a file made once in the data dir. */
final class SigningKeys {

    static final String KEY_FILE = "token-signing-key";
    private static final int MIN_BYTES = 32;

    private SigningKeys() {
    }

    static final String SIGNING_KEY_PROPERTY = "proximity.security.token.signing-key";
    static final String VERIFICATION_KEYS_PROPERTY = "proximity.security.token.verification-keys";

    static SecretKey fromConfiguration(String base64) {
        return fromConfiguration(base64, SIGNING_KEY_PROPERTY);
    }

    /** A base64 key of at least 32 bytes; the errors name {@code property} and never the key. */
    static SecretKey fromConfiguration(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(property + " must be at least " + MIN_BYTES
                    + " bytes (HMAC-SHA256)");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /** Reads the key file, creating it (owner-only permissions) on first use. */
    static SecretKey fromDataDir(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(key);
                Path tmp = Files.createTempFile(dataDir, KEY_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return fromConfiguration(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key in " + dataDir, e);
        }
    }
}
