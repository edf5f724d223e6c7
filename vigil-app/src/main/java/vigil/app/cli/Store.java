package vigil.app.cli;

import vigil.store.Database;
import vigil.store.StoreConfig;

/** Opens the configured store for one command. */
final class Store {
  private Store() {}

  static Database open() {
    return Database.open(StoreConfig.fromEnvironment());
  }
}
