package dev.proximity.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nothing a slow client or a stuck query does can hold a thread or a connection for long. */
@ApiIntegrationTest
class TimeoutsTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStatementOverFiveSecondsIsCancelled() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("5s");
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class)).isEqualTo("5min");
        long started = System.nanoTime();
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT pg_sleep(30)", String.class))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("statement timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        // the pooled connection is still good afterwards
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void anImportUploadSlowerThanTheStatementTimeoutStillCommits() throws Exception {
        ApiClient.Owner owner = new ApiClient(port).newOwner();
        String category = "slow" + UUID.randomUUID().toString().substring(0, 8);
        // 7 s of upload, in pieces 1 s apart (well inside the 10 s read timeout): COPY runs all that time
        InputStream slowBody = new InputStream() {
            private final byte[] header = "name,category,latitude,longitude\n".getBytes(StandardCharsets.UTF_8);
            private int sent;
            private int position;
            private byte[] current = header;

            @Override
            public int read() throws IOException {
                if (position == current.length) {
                    if (sent == 7) {
                        return -1;
                    }
                    sleep();
                    sent++;
                    current = ("Slow " + sent + "," + category + ",1.5,2.5\n").getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                return current[position++];
            }
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/businesses/import"))
                .header("Authorization", "Bearer " + owner.token())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business WHERE category = ?", Integer.class, category))
                .isEqualTo(7);
    }

    @Test
    void aClientThatStopsSendingItsRequestIsDisconnected() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/search/nearby?latitude=1&longitude=2 HTTP/1.1\r\nHost: x\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever Tomcat says before it closes is fine; the point is that it closes
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(30));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
