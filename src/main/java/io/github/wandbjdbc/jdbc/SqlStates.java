package io.github.wandbjdbc.jdbc;

/** The SQLStates the driver reports, with the situations they stand for. */
public final class SqlStates {
  /** Credentials missing or rejected. */
  /** A warning: the statement's answer is right, read another way than asked (SQL's 01000). */
  public static final String WARNING = "01000";

  public static final String INVALID_AUTHORIZATION = "28000";
  /** The key's user may not read this. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** The project (schema) does not exist or is not visible. */
  public static final String INVALID_SCHEMA_NAME = "3F000";
  /** SQL that does not parse or validate. */
  public static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
  /** A statement that would change data. */
  public static final String READ_ONLY = "25006";
  /** A feature the driver or the server does not support. */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  /** The host cannot be reached, or the base URL leads nowhere. */
  public static final String UNABLE_TO_CONNECT = "08001";
  /** The connection broke during a request. */
  public static final String CONNECTION_FAILURE = "08006";
  /** The server answered with something that is not its protocol. */
  public static final String PROTOCOL_VIOLATION = "08P01";
  /** Rate-limited beyond the retries. */
  public static final String RATE_LIMITED = "53400";
  /** W&B server errors beyond the retries. */
  public static final String SERVER_ERROR = "58000";
  /** The query timeout ran out. */
  public static final String TIMEOUT = "HYT00";
  /** The statement was cancelled. */
  public static final String CANCELLED = "HY008";
  /** An unknown connection property. */
  public static final String INVALID_ATTRIBUTE_NAME = "HY092";
  /** A bad value of a connection property. */
  public static final String INVALID_ATTRIBUTE_VALUE = "HY024";
  /** A value W&B sent that does not fit the column's type. */
  public static final String DATA_EXCEPTION = "22000";
  /** CAST of a text that is not a number of the target type. */
  public static final String INVALID_CAST_VALUE = "22018";
  /** A text that is not a date or timestamp. */
  public static final String INVALID_DATETIME = "22007";
  /** A date or timestamp field out of range (February 30th). */
  public static final String DATETIME_FIELD_OVERFLOW = "22008";
  /** A NULL, or no value at all, where the statement needs one (a LIMIT parameter). */
  public static final String NULL_VALUE_NOT_ALLOWED = "22004";
  /** LN or LOG of zero or a negative number. */
  public static final String INVALID_LOGARITHM_ARGUMENT = "2201E";
  /** Another value a SQL function cannot take. */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  /** Division by zero. */
  public static final String DIVISION_BY_ZERO = "22012";
  /** Other arithmetic out of range. */
  public static final String NUMERIC_OUT_OF_RANGE = "22003";
  /** A scalar subquery gave more than one row. */
  public static final String CARDINALITY_VIOLATION = "21000";
  /** A statement nested too deeply to plan or run. */
  public static final String TOO_COMPLEX = "54001";
  /** A prepared statement executed with a parameter left unset. */
  public static final String PARAMETER_UNSET = "07001";
  /** A parameter index outside the statement's parameters. */
  public static final String INVALID_INDEX = "07009";
  /** Anything else. */
  public static final String GENERAL_ERROR = "HY000";

  private SqlStates() {}
}
