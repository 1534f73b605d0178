package io.github.wandbjdbc.testserver.faults;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Resets the TCP connection under an exchange of the JDK's HTTP server, the way a proxy or a
 * crashing server does: with {@code SO_LINGER} 0, closing sends RST instead of FIN, so the client
 * reads "connection reset" rather than a clean end of stream.
 *
 * <p>The socket is not closed here but by the server itself: {@link #reset} throws, and the
 * server closes a connection whose handler threw. Closing the socket behind its back would leave
 * the connection, with its buffers, in the server's set of connections for good.
 *
 * <p>The JDK server does not expose its sockets, so this reaches into {@code sun.net.httpserver};
 * the JVM must run with {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED}, which
 * the build's test configuration passes. Without it the reset fails loudly rather than being
 * replaced by something milder.
 */
public final class ConnectionBreaker {
  static final String REQUIRED_OPTION = "--add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED";

  private ConnectionBreaker() {
  }

  /** Thrown out of the handler so that the server closes, and forgets, the connection. */
  public static final class ResetOnPurpose extends IOException {
    public ResetOnPurpose() {
      super("test server: connection reset on purpose (scripted fault)");
    }
  }

  /** Makes the connection's close a reset, and has the server close it now. */
  public static ResetOnPurpose reset(HttpExchange exchange) throws IOException {
    channelOf(exchange).setOption(StandardSocketOptions.SO_LINGER, 0);
    throw new ResetOnPurpose();
  }

  private static SocketChannel channelOf(HttpExchange exchange) {
    try {
      Field impl = exchange.getClass().getDeclaredField("impl");
      impl.setAccessible(true);
      Object exchangeImpl = impl.get(exchange);
      Method getConnection = exchangeImpl.getClass().getDeclaredMethod("getConnection");
      getConnection.setAccessible(true);
      Object connection = getConnection.invoke(exchangeImpl);
      Method getChannel = connection.getClass().getDeclaredMethod("getChannel");
      getChannel.setAccessible(true);
      return (SocketChannel) getChannel.invoke(connection);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot reach the socket of " + exchange.getClass().getName()
          + " to reset it; run the JVM with " + REQUIRED_OPTION, e);
    }
  }
}
