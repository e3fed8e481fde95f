package dev.proximity.support.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The containers of {@code -Pcontainers} run the images docker-compose.yml runs, so the two cannot drift apart. */
class ContainerImagesTests {

    @Test
    void theTestContainersUseTheComposeFilesImages() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        assertThat(compose).contains("image: " + ServerContainers.POSTGRES_IMAGE + "\n")
                .contains("image: " + ServerContainers.REDIS_IMAGE + "\n");
    }
}
