package dev.proximity.account;

/** An access token for {@code Authorization: Bearer}; {@code expiresIn} in seconds. */
record TokenResponse(String accessToken, String tokenType, long expiresIn) {
}
