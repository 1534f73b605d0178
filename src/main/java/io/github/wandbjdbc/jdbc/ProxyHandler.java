package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.client.CallControl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every proxy of {@link JdbcProxies} does with a call. It exists so that each kind of proxy
 * (connection, statement, result set, metadata) states only the calls it answers itself, as a
 * table from method name to {@link Answer}, and shares the path of every other call: Object's
 * methods, {@code unwrap} and {@code isWrapperFor} answered for the proxy, then the kind's
 * answers, then Calcite's object — SQL text checked by {@link ReadOnlyGuard}, the progress line
 * driven, failures turned into SQLExceptions with the key scrubbed, and the JDBC objects it
 * returns wrapped in proxies of their own.
 */
abstract class ProxyHandler<H extends ProxyHandler<H>> implements InvocationHandler {
  /** What an answer returns to hand the call on to Calcite's object after all. */
  static final Object DELEGATE = new Object();

  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class);
  private static final Set<String> SQL_TAKING = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "addBatch", "prepareStatement", "prepareCall");
  /** What every kind answers itself. */
  private static final Map<String, Answer<ProxyHandler<?>>> COMMON = Map.of(
      "unwrap", ProxyHandler::unwrap,
      "isWrapperFor", ProxyHandler::isWrapperFor,
      "getConnection", ProxyHandler::connection);

  /**
   * A call that a kind of proxy answers itself, or hands on by returning {@link #DELEGATE}.
   *
   * @param <P> the kind of proxy's handler
   */
  @FunctionalInterface
  interface Answer<P> {
    Object answer(P handler, Call call) throws Throwable;
  }

  /** One call on a proxy; {@code args} is null for a method without parameters. */
  record Call(Object proxy, Method method, Object[] args) {
    String name() {
      return method.getName();
    }

    int arity() {
      return args == null ? 0 : args.length;
    }
  }

  /** The JDBC interface the proxy implements. */
  final Class<?> type;
  /** Calcite's object. */
  final Object delegate;
  final JdbcProxies.Shared shared;
  /** The calls this kind answers itself, by method name. */
  private final Map<String, Answer<H>> answers;
  /**
   * How each method called so far is answered, worked out at its first call: a result set's
   * getters are called once per column and row, and looking their answers up by name each time
   * cost as much as reading the values.
   */
  private final Map<Method, Route<H>> routes = new ConcurrentHashMap<>();

  /**
   * How one method is answered: by Object's rules, by an answer common to every kind or of this
   * kind (either may hand on), or by Calcite's object, whose result is wrapped as {@code wrapAs}
   * when that is one of the JDBC types proxied.
   */
  private record Route<H>(boolean objectMethod, Answer<ProxyHandler<?>> common, Answer<H> own,
      boolean takesSql, Class<?> wrapAs) {}

  ProxyHandler(Class<?> type, Object delegate, JdbcProxies.Shared shared,
      Map<String, Answer<H>> answers) {
    this.type = type;
    this.delegate = delegate;
    this.shared = shared;
    this.answers = answers;
  }

  /** Whether the call starts a statement's execution, for the progress line. */
  boolean startsExecution(String name) {
    return false;
  }

  /** Whether the call, having returned {@code result}, ends the rows, for the progress line. */
  boolean endsRows(String name, Object result) {
    return false;
  }

  /**
   * The cancel and timeout to plan the call under when it may plan SQL (executing or preparing
   * it), else null.
   */
  CallControl planning(String name) throws SQLException {
    return null;
  }

  /** The parent of the result sets this object returns, so that getStatement() is the proxy. */
  Object parentOfResults(Object proxy) {
    return null;
  }

  @Override
  public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Route<H> route = routes.computeIfAbsent(method, this::route);
    Call call = new Call(proxy, method, args);
    if (route.objectMethod()) {
      return switch (call.name()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "wandb-jdbc " + type.getSimpleName() + "[" + shared.description + "]";
      };
    }
    Object answer = route.common() == null ? DELEGATE : route.common().answer(this, call);
    if (answer == DELEGATE && route.own() != null) {
      answer = route.own().answer(self(), call);
    }
    return answer == DELEGATE ? delegate(call, route) : answer;
  }

  private Route<H> route(Method method) {
    String name = method.getName();
    Class<?> wrapAs = WRAPPED.stream().filter(w -> method.getReturnType() == w).findFirst()
        .orElse(null);
    return new Route<>(method.getDeclaringClass() == Object.class, COMMON.get(name),
        answers.get(name), SQL_TAKING.contains(name), wrapAs);
  }

  /** This handler as its kind, which its answers take. */
  @SuppressWarnings("unchecked")
  private H self() {
    return (H) this;
  }

  private static Object unwrap(ProxyHandler<?> handler, Call call) {
    return call.arity() == 1 && ((Class<?>) call.args()[0]).isInstance(call.proxy())
        ? call.proxy() : DELEGATE;
  }

  private static Object isWrapperFor(ProxyHandler<?> handler, Call call) {
    return call.arity() == 1 && ((Class<?>) call.args()[0]).isInstance(call.proxy())
        ? Boolean.TRUE : DELEGATE;
  }

  /** A statement's or metadata's connection is the connection proxy. */
  private static Object connection(ProxyHandler<?> handler, Call call) {
    return call.arity() == 0 ? handler.shared.connection : DELEGATE;
  }

  /** The call as Calcite's object answers it, refusing writing SQL and driving the progress. */
  private Object delegate(Call call, Route<H> route) throws Throwable {
    String name = call.name();
    if (route.takesSql() && call.arity() >= 1 && call.args()[0] instanceof String sql) {
      ReadOnlyGuard.check(sql);
    }
    StatementProgress progress = shared.progress;
    if (progress == null) {
      return wrap(invokeDelegate(call.method(), call.args()), call, route);
    }
    if (startsExecution(name)) {
      progress.started();
    }
    try {
      Object result = invokeDelegate(call.method(), call.args());
      if (endsRows(name, result)) {
        progress.finished();
      }
      return wrap(result, call, route);
    } catch (Throwable t) {
      progress.finished();
      throw t;
    }
  }

  /** Calls Calcite's object, with its failure as an SQLException where the method throws one. */
  final Object invokeDelegate(Method method, Object[] args) throws Throwable {
    try {
      CallControl control = planning(method.getName());
      if (control != null) {
        // Planning may ask W&B (columns, projects): under this statement's timeout and cancel.
        return PlanningControl.during(control, () -> method.invoke(delegate, args));
      }
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
        throw SqlErrors.translate(cause, shared.key);
      }
      throw cause;
    }
  }

  private Object wrap(Object result, Call call, Route<H> route) {
    if (result == null || route.wrapAs() == null) {
      return result;
    }
    // A result set's statement is the statement proxy that made it; metadata result sets
    // answer with Calcite's own statement, wrapped like any other.
    return JdbcProxies.proxy(route.wrapAs(), result, shared, parentOfResults(call.proxy()));
  }
}
