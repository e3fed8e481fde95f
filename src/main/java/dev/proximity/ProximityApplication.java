package dev.proximity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProximityApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProximityApplication.class, args);
    }
}
