package vigil.engine.graph;

import java.util.List;

/** The attacker states of the graph, each with the types of its arguments. */
enum Predicate {
  ATTACKER("attacker", ArgType.ENTRY),
  NET_ACCESS("netAccess", ArgType.ZONE),
  REACH("reach", ArgType.ZONE, ArgType.PORT),
  ACCESS("access", ArgType.SERVICE),
  EXEC_CODE("execCode", ArgType.HOST, ArgType.PRIVILEGE),
  OWNS("owns", ArgType.CREDENTIAL),
  CONTROLS("controls", ArgType.PRINCIPAL),
  HOLDS("holds", ArgType.RIGHT, ArgType.PRINCIPAL),
  AUTHENTICATED("authenticated");

  static final int USER = 0;
  static final int ADMIN = 1;

  private final String word;
  private final List<ArgType> args;

  Predicate(String word, ArgType... args) {
    this.word = word;
    this.args = List.of(args);
  }

  String word() {
    return word;
  }

  List<ArgType> args() {
    return args;
  }

  static Predicate of(String word) {
    for (Predicate p : values()) {
      if (p.word.equals(word)) {
        return p;
      }
    }
    return null;
  }

  static String words() {
    StringBuilder sb = new StringBuilder();
    for (Predicate p : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(p.word);
    }
    return sb.toString();
  }
}
