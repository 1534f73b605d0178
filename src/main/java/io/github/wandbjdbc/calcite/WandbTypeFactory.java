package io.github.wandbjdbc.calcite;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The types of a wandb-jdbc connection, where Calcite's defaults would differ from PostgreSQL's:
 *
 * <ul>
 *   <li>character strings are UTF-8, so that a literal in any script works (Calcite's default,
 *       ISO-8859-1, refused {@code 'значение'}, CJK and emoji with "Failed to encode");</li>
 *   <li>{@code TIMESTAMP} without a precision keeps milliseconds, not whole seconds;</li>
 *   <li>CASE, UNION and VALUES of strings of different lengths are VARCHAR, not CHAR padded to
 *       the longest ({@code 'short '}).</li>
 * </ul>
 *
 * <p>Per connection, not through Calcite's JVM-wide {@code calcite.default.charset}, which is read
 * once, whenever Calcite's classes happen to load, and is shared with any other Calcite in the JVM.
 */
public final class WandbTypeFactory extends JavaTypeFactoryImpl {
  private static final RelDataTypeSystemImpl TYPE_SYSTEM = new RelDataTypeSystemImpl() {
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
      return true;
    }

    /** A TIMESTAMP without precision keeps milliseconds, the most Calcite holds (PostgreSQL: 6). */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
      return typeName == SqlTypeName.TIMESTAMP ? getMaxPrecision(typeName)
          : super.getDefaultPrecision(typeName);
    }
  };

  public WandbTypeFactory() {
    super(TYPE_SYSTEM);
  }

  @Override
  public Charset getDefaultCharset() {
    return StandardCharsets.UTF_8;
  }
}
