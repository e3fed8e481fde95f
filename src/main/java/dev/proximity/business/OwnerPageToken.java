package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.proximity.system.InvalidRequestException;

/** The keyset cursor of an owner's business list: the last id shown, opaque to clients. */
final class OwnerPageToken {

    private static final String PREFIX = "ob1:";

    private OwnerPageToken() {
    }

    static String after(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id to continue below; {@code Long.MAX_VALUE} for the first page. */
    static long parse(String token) {
        if (token == null) {
            return Long.MAX_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long id = Long.parseLong(text.substring(PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the 400 below
        }
        throw InvalidRequestException.invalidField("pageToken", "is not a token this API issued");
    }
}
