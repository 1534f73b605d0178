package io.github.wandbjdbc.client;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

/**
 * The JVM's default TLS (its trust store, {@code javax.net.ssl.*} properties), set up on the first
 * https connection instead of when the HTTP client is built. Loading the trust store and the TLS
 * context is a noticeable part of a cold start, and a connection to a local W&B server or the
 * test server over http:// never needs it. Certificates are verified exactly as before.
 */
final class LazyTls implements TlsSocketStrategy {
  private volatile TlsSocketStrategy tls;

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment,
      HttpContext context) throws IOException {
    return tls().upgrade(socket, target, port, attachment, context);
  }

  private TlsSocketStrategy tls() {
    TlsSocketStrategy t = tls;
    if (t == null) {
      synchronized (this) {
        t = tls;
        if (t == null) {
          t = DefaultClientTlsStrategy.createSystemDefault();
          tls = t;
        }
      }
    }
    return t;
  }
}
