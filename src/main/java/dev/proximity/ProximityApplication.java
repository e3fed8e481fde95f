package dev.proximity;

import java.util.Arrays;

import dev.proximity.web.AssetExport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProximityApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("export-assets")) {
            AssetExport.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(ProximityApplication.class, args);
    }
}
