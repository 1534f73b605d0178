package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.EntitySchema;
import io.github.wandbjdbc.calcite.WandbPrepare;
import io.github.wandbjdbc.calcite.WandbTypeFactory;
import io.github.wandbjdbc.calcite.common.ScanSettings;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.FetchListener;
import io.github.wandbjdbc.client.StorageClient;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.client.WandbClient;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.Viewer;
import io.github.wandbjdbc.source.GraphQlSource;
import io.github.wandbjdbc.source.WandbSource;
import io.github.wandbjdbc.source.exports.ExportedHistorySource;
import io.github.wandbjdbc.source.exports.HistorySourceMode;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.Schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC driver for {@code jdbc:wandb:} URLs. A Calcite driver whose connections have one schema
 * per W&B project of the entity, configured only through {@link ConnectionProperty}: Calcite's
 * own connection properties (models, schema factories, plugins) are not reachable from a URL.
 */
public final class WandbDriver extends Driver {
  public static final String PREFIX = "jdbc:wandb:";
  private static final String BINDABLE_CACHE = "calcite.bindable.cache.maxSize";
  private static final String CHARSET = "calcite.default.charset";
  private static final String NATIONAL_CHARSET = "calcite.default.nationalcharset";
  private static final String COLLATION = "calcite.default.collation.name";

  static {
    // Calcite compiles each statement's generated code anew unless this cache is on; it is read
    // once, when Calcite's classes load. Repeated statements then skip compilation.
    if (System.getProperty(BINDABLE_CACHE) == null) {
      System.setProperty(BINDABLE_CACHE, "100");
    }
    // Strings are UTF-8 in every connection's types (WandbTypeFactory). Calcite's JVM-wide
    // default, read once when its classes load, only decides whether EXPLAIN and messages
    // spell every literal out as _UTF-8'…' CHARACTER SET "UTF-8"; set it unless someone has.
    if (System.getProperty(CHARSET) == null && System.getProperty(COLLATION) == null) {
      System.setProperty(CHARSET, "UTF-8");
      System.setProperty(NATIONAL_CHARSET, "UTF-8");
      System.setProperty(COLLATION, "UTF-8$en_US");
    }
    WandbDriver driver = new WandbDriver();
    driver.register();
    PlannerWarmUp.start(driver);
  }

  private final Environment environment;

  public WandbDriver() {
    this(Environment.system());
  }

  /** A driver reading its defaults from {@code environment}; not registered with DriverManager. */
  public WandbDriver(Environment environment) {
    super(WandbPrepare::new);
    this.environment = environment;
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(DriverInfo.NAME, DriverInfo.VERSION, "Weights & Biases",
        "GraphQL API", false, DriverInfo.major(), DriverInfo.minor(), 1, 0);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties fromUrl = acceptsURL(url) ? parseUrl(url) : new Properties();
    ConnectionProperty[] all = ConnectionProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      ConnectionProperty p = all[i];
      String given = info != null && info.getProperty(p.propertyName()) != null
          ? info.getProperty(p.propertyName()) : fromUrl.getProperty(p.propertyName());
      boolean secret = p == ConnectionProperty.API_KEY || p == ConnectionProperty.PASSWORD;
      DriverPropertyInfo d = new DriverPropertyInfo(p.propertyName(),
          secret ? null : Optional.ofNullable(given).orElse(p.defaultValue()));
      d.description = p.description();
      d.required = false;
      if (p == ConnectionProperty.PUSHDOWN || p == ConnectionProperty.ALLOW_INSECURE_HTTP) {
        d.choices = new String[] {"true", "false"};
      }
      out[i] = d;
    }
    return out;
  }

  /** GraphQL, with history from W&B's exports unless {@code historySource=graphql}. */
  private static WandbSource historySource(WandbClient client, ConnectionConfig config,
      StatementProgress progress) {
    GraphQlSource graphql = new GraphQlSource(client);
    if (config.historySource() == HistorySourceMode.GRAPHQL) {
      return graphql;
    }
    return new ExportedHistorySource(graphql, config.historySource(), new StorageClient(
        config.clientOptions(DriverInfo.userAgent()), config.allowInsecureHttp()),
        2 * config.parallelism(), progress == null ? FetchListener.NONE : progress);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ConnectionConfig config = new ConnectionConfigResolver(environment)
        .resolve(parseUrl(url), info);
    StatementProgress progress = config.progress()
        ? new StatementProgress(System.err, System::nanoTime) : null;
    WandbClient client = progress == null
        ? new WandbClient(config.clientOptions(DriverInfo.userAgent()))
        : new WandbClient(config.clientOptions(DriverInfo.userAgent()), progress);
    CallControl login = CallControl.forLogin(Duration.ofSeconds(DriverManager.getLoginTimeout()));
    try {
      String entity = resolveEntity(config, client, login);
      Optional<ProjectNode> project =
          config.project().map(p -> requireProject(client, entity, p, login));
      return open(historySource(client, config, progress), entity, project, config, progress);
    } catch (WandbApiException e) {
      client.close();
      throw withKeySource(SqlErrors.translate(e, config.apiKey()), e, config);
    } catch (SQLException | RuntimeException e) {
      client.close();
      throw SqlErrors.translate(e, config.apiKey());
    }
  }

  /**
   * A connection reading {@code source} instead of W&B's GraphQL API, with the settings of
   * {@code info} (the properties a URL takes, apiKey included); {@code project} must exist in
   * the source. For the sources that are not W&B's API: an in-memory one in tests today. The
   * connection closes the source; so does a failure to connect.
   */
  public Connection connect(WandbSource source, String entity, String project, Properties info)
      throws SQLException {
    ConnectionConfig config = new ConnectionConfigResolver(environment)
        .resolve(new Properties(), withProject(info, entity, project));
    CallControl login = CallControl.forLogin(Duration.ofSeconds(DriverManager.getLoginTimeout()));
    try {
      return open(source, entity,
          Optional.of(requireProject(source, entity, project, login)), config, null);
    } catch (SQLException | RuntimeException e) {
      source.close();
      throw SqlErrors.translate(e, config.apiKey());
    }
  }

  private static Properties withProject(Properties info, String entity, String project) {
    Properties p = new Properties();
    p.putAll(info);
    p.setProperty("entity", entity);
    p.setProperty("project", project);
    return p;
  }

  /** The Calcite connection over one source, wrapped in the driver's proxies. */
  private Connection open(WandbSource source, String entity, Optional<ProjectNode> project,
      ConnectionConfig config, StatementProgress progress) throws SQLException {
    WandbSession session = new WandbSession(source, entity, new ScanSettings(config.pushdown(),
        config.pageSize(), config.columnSampleSize(), config.progress(),
        config.parallelism() - 1));
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "",
        project.map(p -> new EntitySchema(session, p)).orElseGet(() -> new EntitySchema(session)));
    String description = entity + config.project().map(p -> "/" + p).orElse("");
    AvaticaConnection calcite = ((CalciteFactory) factory).newConnection(this, factory,
        PREFIX + "entity=" + entity + config.project().map(p -> ";project=" + p).orElse(""),
        calciteProperties(), root, new WandbTypeFactory());
    // Not handler.onConnectionInit: it loads Calcite models (none here) and walks every
    // schema for lattices, which would list every project of the entity at connect.
    if (config.project().isPresent()) {
      calcite.setSchema(config.project().get());
    }
    return JdbcProxies.connection(calcite, session, config.apiKey(), description, progress);
  }

  /** A connection on {@code schema} with this driver's Calcite settings and no W&B behind it. */
  Connection inMemoryConnection(Schema schema) throws SQLException {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", schema);
    return ((CalciteFactory) factory).newConnection(this, factory, PREFIX + "in-memory",
        calciteProperties(), root, new WandbTypeFactory());
  }

  private static Properties parseUrl(String url) throws SQLException {
    try {
      return ConnectStringParser.parse(url.substring(PREFIX.length()));
    } catch (SQLException e) {
      // Avatica's parser reports an unterminated quote without an SQLState; every error of the
      // driver has one (found by the bad-input corpus, URL tail "entity='unterminated"). Its
      // message quotes the whole URL, apiKey included, so neither it nor the exception is kept.
      throw new SQLException("Invalid JDBC URL: a quoted value is not closed. The URL is " + PREFIX
          + "key=value;key=value; quote a value containing ';' with ' or \" and close the quote.",
          SqlStates.UNABLE_TO_CONNECT);
    }
  }

  private static String resolveEntity(ConnectionConfig config, WandbClient client,
      CallControl login) {
    if (config.entity().isPresent()) {
      return config.entity().get();
    }
    Viewer viewer = client.viewer(login);
    if (viewer.defaultEntity() == null || viewer.defaultEntity().isBlank()) {
      throw new WandbApiException(WandbApiException.Kind.NOT_FOUND, "W&B names no default entity"
          + " for this API key. Set the entity property (your user or team name).");
    }
    return viewer.defaultEntity();
  }

  private static ProjectNode requireProject(WandbClient client, String entity, String project,
      CallControl login) {
    return requireProject(new GraphQlSource(client), entity, project, login);
  }

  private static ProjectNode requireProject(WandbSource source, String entity, String project,
      CallControl login) {
    return source.project(entity, project, login).orElseThrow(() ->
        new WandbApiException(WandbApiException.Kind.NOT_FOUND, "Project '" + project
            + "' not found in entity '" + entity + "', or the API key cannot read it. Check the"
            + " project and entity properties."));
  }

  /** Says where a rejected key came from: the most useful hint when several sources exist. */
  private static SQLException withKeySource(SQLException translated, WandbApiException e,
      ConnectionConfig config) {
    if (e.kind() != WandbApiException.Kind.AUTHENTICATION) {
      return translated;
    }
    // The translation's cause, not e: SqlErrors swaps a cause that shows the key for a redacted copy.
    return new SQLInvalidAuthorizationSpecException(translated.getMessage() + " The key came from "
        + config.apiKeySource() + ".", translated.getSQLState(), translated.getErrorCode(),
        translated.getCause());
  }

  /**
   * Calcite's settings for W&B SQL: {@code "} quotes identifiers, unquoted identifiers match
   * case-insensitively and keep their case, times are UTC like W&B's, NULLs sort as in
   * PostgreSQL. Also the factories that add REMARKS to metadata.
   */
  private static Properties calciteProperties() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
    p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(),
        NullCollation.HIGH.name());
    p.setProperty(CalciteConnectionProperty.META_COLUMN_FACTORY.camelName(),
        WandbMetaColumnFactory.class.getName());
    p.setProperty(CalciteConnectionProperty.META_TABLE_FACTORY.camelName(),
        WandbMetaTableFactory.class.getName());
    return p;
  }
}
