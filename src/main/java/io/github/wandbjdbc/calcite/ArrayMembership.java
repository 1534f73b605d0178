package io.github.wandbjdbc.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.List;

/**
 * Rewrites {@code 'x' MEMBER OF tags} as {@code ARRAY_CONTAINS(tags, 'x')} before validation.
 * SQL's MEMBER OF is for multisets and Calcite only accepts it on them (for an array it fails
 * with an internal error); the W&B tables have no multisets, and their one collection, {@code
 * tags}, is an array, which is what users mean. Only a column reference on the right is
 * rewritten, so {@code MEMBER OF MULTISET[...]} keeps its meaning.
 *
 * <p>The tree is changed in place: Calcite keeps using the parsed statement's own nodes after
 * validating it, so a rewritten copy would be a statement the validator has not seen.
 */
final class ArrayMembership extends SqlBasicVisitor<Void> {
  /**
   * {@code ARRAY_CONTAINS(array, element)}, whose element may be a parameter: it takes the type
   * of the array's elements. Calcite's own refused {@code ARRAY_CONTAINS(tags, ?)} as an illegal
   * use of a dynamic parameter.
   */
  static final SqlFunction ARRAY_CONTAINS =
      ((SqlBasicFunction) SqlLibraryOperators.ARRAY_CONTAINS).withOperandTypeInference(
          (binding, returnType, operandTypes) -> {
            RelDataType array = binding.getOperandType(0);
            RelDataType element = array.getComponentType();
            for (int i = 0; i < operandTypes.length; i++) {
              operandTypes[i] = i == 0 ? array : element == null ? returnType
                  : binding.getTypeFactory().createTypeWithNullability(element, true);
            }
          });

  private static final ArrayMembership INSTANCE = new ArrayMembership();

  private ArrayMembership() {}

  /** Rewrites every array MEMBER OF under {@code statement}, which must not be one itself. */
  static void rewrite(SqlNode statement) {
    statement.accept(INSTANCE);
  }

  @Override
  public Void visit(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      if (isArrayMembership(operands.get(i))) {
        call.setOperand(i, arrayContains((SqlCall) operands.get(i)));
      }
    }
    return super.visit(call);
  }

  @Override
  public Void visit(SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      if (isArrayMembership(list.get(i))) {
        list.set(i, arrayContains((SqlCall) list.get(i)));
      }
    }
    return super.visit(list);
  }

  private static boolean isArrayMembership(SqlNode node) {
    return node instanceof SqlCall c && c.getOperator() == SqlStdOperatorTable.MEMBER_OF
        && c.operand(1) instanceof SqlIdentifier;
  }

  private static SqlNode arrayContains(SqlCall memberOf) {
    return ARRAY_CONTAINS.createCall(memberOf.getParserPosition(),
        memberOf.operand(1), memberOf.operand(0));
  }
}
