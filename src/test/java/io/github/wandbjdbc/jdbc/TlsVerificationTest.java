package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.testserver.WandbTestServer;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS is verified: against a server whose certificate the JVM does not trust (a self-signed one
 * made with the JDK's keytool), connecting fails during the handshake with a message that says
 * what to do, and no request, so no key, reaches the server.
 */
class TlsVerificationTest {
  @Test
  void anUntrustedCertificateIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes()));

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);

    List<String> received = new CopyOnWriteArrayList<>();
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      received.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().keySet());
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.start();
    try {
      Properties p = new Properties();
      p.setProperty("baseUrl", "https://127.0.0.1:" + server.getAddress().getPort());
      p.setProperty("apiKey", WandbTestServer.DEFAULT_API_KEY);
      p.setProperty("entity", "demo-team");
      p.setProperty("project", "resnet-sweep");
      p.setProperty("maxRetries", "3");
      SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(WandbDriver.PREFIX, p).close());
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains("truststore"),
          e.getMessage());
      assertFalse(e.getMessage().contains(WandbTestServer.DEFAULT_API_KEY));
    } finally {
      server.stop(0);
    }
    assertEquals(List.of(), received, "no request got through the handshake");
  }
}
