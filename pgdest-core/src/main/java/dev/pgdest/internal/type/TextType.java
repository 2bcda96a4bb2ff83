package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.Text;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code text} and {@code varchar(n)}, from CharSequence, Character or an Enum's name. */
final class TextType extends ColumnType {
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.TEXT, PgType.Kind.VARCHAR);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return type.kind() == PgType.Kind.TEXT ? new Txt(25, -1) : new Txt(1043, type.precisionOrLength());
  }

  @Override
  public PgType parse(String formatted) {
    // An unbounded varchar behaves like text and has the same binary format.
    if ("text".equals(formatted) || "character varying".equals(formatted)) {
      return PgType.TEXT;
    }
    Matcher m = VARCHAR.matcher(formatted);
    return m.matches() ? PgType.varchar(Integer.parseInt(m.group(1))) : null;
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    if (from.equals(to)) {
      return true;
    }
    return from.kind() == PgType.Kind.VARCHAR && (to.kind() == PgType.Kind.TEXT
        || (to.kind() == PgType.Kind.VARCHAR && to.precisionOrLength() >= from.precisionOrLength()));
  }

  private static final class Txt extends ValueEncoder {
    private final int maxChars;

    Txt(int oid, int maxChars) {
      super(oid);
      this.maxChars = maxChars;
    }

    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      CharSequence s;
      if (v instanceof CharSequence c) {
        s = c;
      } else if (v instanceof Character c) {
        s = String.valueOf(c.charValue());
      } else if (v instanceof Enum<?> e) {
        s = e.name();
      } else {
        throw wrongType(v, "a String");
      }
      return Text.encode(s, out, ctx, false, maxChars, false);
    }
  }
}
