package vigil.bench.e2e;

/** Exits 0 when the PostgreSQL of the benchmarks ({@code -Dvigil.bench.pg.url}) is reachable, else 1. */
public final class PostgresProbe {
  private PostgresProbe() {}

  public static void main(String[] args) {
    System.exit(BenchDatabase.postgresReachable() ? 0 : 1);
  }
}
