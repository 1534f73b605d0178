package io.github.wandbjdbc.client;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of a connection's requests, to W&B's API and to its storage alike: a pool of
 * at most {@link ClientOptions#MAX_PARALLELISM} connections with the connection's timeouts, TLS
 * set up on first use ({@link LazyTls}), sockets that log nothing ({@link QuietConnectionFactory}),
 * and nothing automatic: no retries (the callers retry under their policy), no redirects (a
 * redirect could carry a request elsewhere), no cookies, no cached authentication.
 */
final class PooledHttp {
  private PooledHttp() {}

  static CloseableHttpClient client(ClientOptions options) {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .useSystemProperties()
            .setTlsSocketStrategy(new LazyTls())
            .setConnectionFactory(new QuietConnectionFactory())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(options.connectTimeout()))
                .setSocketTimeout(Timeout.of(options.requestTimeout()))
                .build())
            .setMaxConnPerRoute(ClientOptions.MAX_PARALLELISM)
            .setMaxConnTotal(ClientOptions.MAX_PARALLELISM)
            .build())
        .useSystemProperties()
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(options.userAgent())
        .build();
  }
}
