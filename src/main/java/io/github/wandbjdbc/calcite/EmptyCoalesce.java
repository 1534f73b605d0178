package io.github.wandbjdbc.calcite;

import static org.apache.calcite.util.Static.RESOURCE;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.Locale;

/**
 * Refuses {@code COALESCE()} without arguments before validation, as a validation error at its
 * position (42000). Calcite's validator rewrites COALESCE to CASE before it checks the number of
 * arguments, and the rewrite takes all but the last argument, which fails with an
 * IndexOutOfBoundsException that says nothing about the statement.
 */
final class EmptyCoalesce extends SqlBasicVisitor<Void> {
  private final SqlValidator validator;

  private EmptyCoalesce(SqlValidator validator) {
    this.validator = validator;
  }

  static void check(SqlNode statement, SqlValidator validator) {
    statement.accept(new EmptyCoalesce(validator));
  }

  @Override
  public Void visit(SqlCall call) {
    boolean coalesce = call.getKind() == SqlKind.COALESCE
        || call.getOperator().getName().toUpperCase(Locale.ROOT).equals("COALESCE");
    if (coalesce && call.operandCount() == 0) {
      throw validator.newValidationError(call, RESOURCE.requireAtLeastOneArg());
    }
    return super.visit(call);
  }
}
