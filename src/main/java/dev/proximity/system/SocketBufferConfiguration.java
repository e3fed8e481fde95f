package dev.proximity.system;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Gives each connection a 16 KiB socket write buffer instead of Tomcat's 8 KiB. A full search page (50
 * businesses, about 9.5 KB with its headers) then leaves in one write instead of two; the second write cost a
 * system call and a second wake-up of the client. Tomcat allocates the buffer per open connection, so this adds
 * at most 8 KiB times {@code server.tomcat.max-connections} (64 MiB at its default of 8,192).
 */
@Configuration(proxyBeanMethods = false)
class SocketBufferConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final int WRITE_BUFFER_BYTES = 16 * 1024;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector ->
                connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES)));
    }
}
