package vigil.engine.graph;

/** What an argument of a state or a variable of a fact stands for. */
enum ArgType {
  ENTRY,
  ZONE,
  PORT,
  SERVICE,
  HOST,
  PRIVILEGE,
  CREDENTIAL,
  PRINCIPAL,
  RIGHT,
  FLOW,
  EXPOSURE
}
