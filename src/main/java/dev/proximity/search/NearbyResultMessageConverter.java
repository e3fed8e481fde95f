package dev.proximity.search;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Sends a search answer as one JSON body with a {@code Content-Length}. Through the general Jackson converter a
 * 50-business page (about 9 KB) outgrew the 8 KB response buffer and was flushed, so it went out chunked in
 * several socket writes, each one waking the client; here it is serialized first and written once. The text is
 * the API object mapper's, so {@link NearbyResultSerializer} and the Jackson settings still apply.
 */
final class NearbyResultMessageConverter implements HttpMessageConverter<NearbyResult> {

    private static final List<MediaType> SUPPORTED = List.of(MediaType.APPLICATION_JSON);

    private final ObjectWriter writer;

    NearbyResultMessageConverter(ObjectMapper json) {
        this.writer = json.writerFor(NearbyResult.class);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false; // an answer, never a request body
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return NearbyResult.class.isAssignableFrom(type)
                && (mediaType == null || mediaType.isWildcardType() || MediaType.APPLICATION_JSON.includes(mediaType));
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return SUPPORTED;
    }

    @Override
    public NearbyResult read(Class<? extends NearbyResult> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A search answer is not read from a request", input);
    }

    @Override
    public void write(NearbyResult result, MediaType contentType, HttpOutputMessage output) throws IOException {
        byte[] body = writer.writeValueAsBytes(result);
        output.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        output.getHeaders().setContentLength(body.length);
        output.getBody().write(body);
    }
}
