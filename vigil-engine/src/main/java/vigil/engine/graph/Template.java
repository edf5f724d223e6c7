package vigil.engine.graph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.model.identity.IdentityRelation;

/**
 * A state pattern in a rule, {@code execCode(host, admin)}: a predicate whose arguments are a
 * fact's variables (by slot) or constants ({@code user}, {@code admin}, a right's name).
 *
 * @param slots per argument, the variable slot, or -1 for a constant
 * @param constants per argument, the constant's code where {@code slots} is -1
 */
record Template(Predicate predicate, int[] slots, int[] constants, String text) {
  private static final Pattern SHAPE = Pattern.compile("\\s*([A-Za-z]+)\\s*\\(([^()]*)\\)\\s*");

  /** Parses and type-checks a template against a fact type's variables. */
  static Template parse(YamlTree at, FactType on) throws DefinitionException {
    String text = at.text();
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw at.error("expected a state such as execCode(host, admin), found '" + text + "'");
    }
    Predicate p = Predicate.of(m.group(1));
    if (p == null) {
      throw at.error("unknown state '" + m.group(1) + "' (expected one of " + Predicate.words() + ")");
    }
    String body = m.group(2).strip();
    String[] args = body.isEmpty() ? new String[0] : body.split("\\s*,\\s*");
    if (args.length != p.args().size()) {
      throw at.error(p.word() + " takes " + p.args().size() + " argument(s), found " + args.length);
    }
    int[] slots = new int[args.length];
    int[] constants = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      ArgType want = p.args().get(i);
      ArgType var = on.variables().get(args[i]);
      if (var != null) {
        if (var != want) {
          throw at.error("argument " + (i + 1) + " of " + p.word() + " must be a " + want.name().toLowerCase()
              + ", but '" + args[i] + "' of a " + on.word() + " is a " + var.name().toLowerCase());
        }
        slots[i] = on.slot(args[i]);
        continue;
      }
      slots[i] = -1;
      constants[i] = constant(at, want, args[i], on);
    }
    return new Template(p, slots, constants, text.strip());
  }

  private static int constant(YamlTree at, ArgType want, String arg, FactType on) throws DefinitionException {
    if (want == ArgType.PRIVILEGE && (arg.equals("user") || arg.equals("admin"))) {
      return arg.equals("user") ? Predicate.USER : Predicate.ADMIN;
    }
    if (want == ArgType.RIGHT && IdentityRelation.fromName(arg) != null) {
      return IdentityRelation.fromName(arg).ordinal();
    }
    throw at.error("'" + arg + "' is neither a variable of " + on.word() + " (" + String.join(", ",
        on.variables().keySet()) + ") nor a " + want.name().toLowerCase() + " constant");
  }
}
