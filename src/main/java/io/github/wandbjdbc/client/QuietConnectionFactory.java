package io.github.wandbjdbc.client;

import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

/**
 * HTTP connections that never log what they send. HttpClient's own connections print every
 * request header at DEBUG ({@code org.apache.hc.client5.http.headers}) and every byte
 * ({@code org.apache.hc.client5.http.wire}), which includes the {@code Authorization} header: a
 * user turning on debug logging would find their API key in the log.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
  private static final AtomicLong COUNTER = new AtomicLong();

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    QuietConnection connection = new QuietConnection("wandb-jdbc-" + COUNTER.incrementAndGet());
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  /** HttpClient's connection without its header and wire logging. */
  private static final class QuietConnection extends DefaultManagedHttpClientConnection {
    QuietConnection(String id) {
      super(id);
    }

    @Override
    public void bind(Socket socket) throws IOException {
      bind(new SocketHolder(socket));
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
      bind(new SocketHolder(sslSocket, socket));
    }

    @Override
    protected void onRequestSubmitted(ClassicHttpRequest request) {
      // Deliberately silent: the headers include Authorization.
    }

    @Override
    protected void onResponseReceived(ClassicHttpResponse response) {
      // Silent as well, for symmetry; the driver logs statuses itself.
    }
  }
}
