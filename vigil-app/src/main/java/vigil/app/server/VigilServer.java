package vigil.app.server;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.imports.FileImporter;
import vigil.store.imports.Importer;
import vigil.store.intel.FeedImporter;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Slas;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeStore;
import vigil.store.query.AssetQueries;
import vigil.store.query.ExposureQueries;
import vigil.store.query.ImportQueries;

/**
 * The Spring Boot application behind {@code vigil serve}. Spring lives here and in {@code
 * vigil.app.api} only; the store and the engine know nothing of it.
 */
@SpringBootApplication(scanBasePackages = "vigil.app")
public class VigilServer {

  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication app = new SpringApplication(VigilServer.class);
    return app.run(args);
  }

  /**
   * The store, from {@code vigil.db.url} / {@code VIGIL_DB_URL} (with user and password), else the
   * embedded H2 file under {@code VIGIL_HOME}.
   */
  @Bean(destroyMethod = "close")
  Database database(Environment env) {
    String url = env.getProperty("vigil.db.url");
    StoreConfig config;
    if (url == null || url.isBlank()) {
      String home = env.getProperty("vigil.home");
      config = StoreConfig.fromEnvironment(home == null ? Map.of() : Map.of("VIGIL_HOME", home));
    } else {
      config = new StoreConfig(url, env.getProperty("vigil.db.user"), env.getProperty("vigil.db.password"));
    }
    return Database.open(config);
  }

  /**
   * The store's pool, for Spring Session's JDBC repository (web sessions live in the database so
   * any node serves any browser). Closed by the {@link Database} bean, not here.
   */
  @Bean(destroyMethod = "")
  javax.sql.DataSource dataSource(Database db) {
    return db.dataSource();
  }

  /** The OpenAPI document's title and description (served at /api/openapi.json). */
  @Bean
  io.swagger.v3.oas.models.OpenAPI openApi() {
    return new io.swagger.v3.oas.models.OpenAPI().info(new io.swagger.v3.oas.models.info.Info()
        .title("Vigil API")
        .description("Continuous threat exposure management: imports, assets, exposures ranked by risk, feeds,"
            + " scope, attack graph, mobilisation. Every endpoint but health and sign-in needs an API token"
            + " (Authorization: Bearer vgl_...) or a session (POST /api/v1/session; changes then need the"
            + " X-XSRF-TOKEN header echoing the XSRF-TOKEN cookie).")
        .version("v1"))
        .components(new io.swagger.v3.oas.models.Components()
            .addSecuritySchemes("token", new io.swagger.v3.oas.models.security.SecurityScheme()
                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API token: vgl_<id>_<secret>"))
            .addSecuritySchemes("session", new io.swagger.v3.oas.models.security.SecurityScheme()
                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                .in(io.swagger.v3.oas.models.security.SecurityScheme.In.COOKIE).name("VIGIL_SESSION")))
        .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("token"))
        .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("session"));
  }

  @Bean
  Rescorer rescorer(Database db) {
    return new Rescorer(db);
  }

  @Bean
  FileImporter fileImporter(Database db) {
    return new FileImporter(new Importer(db));
  }

  @Bean
  FeedImporter feedImporter(Database db, Rescorer rescorer) {
    return new FeedImporter(db, rescorer);
  }

  @Bean
  ScopeStore scopeStore(Database db, Rescorer rescorer) {
    return new ScopeStore(db, rescorer);
  }

  @Bean
  vigil.store.graph.GraphService graphService(Database db, Rescorer rescorer) {
    return new vigil.store.graph.GraphService(db, rescorer);
  }

  @Bean
  vigil.store.graph.TopologyStore topologyStore(Database db) {
    return new vigil.store.graph.TopologyStore(db);
  }

  @Bean
  ExposureQueries exposureQueries(Database db) {
    return new ExposureQueries(db);
  }

  @Bean
  AssetQueries assetQueries(Database db) {
    return new AssetQueries(db);
  }

  @Bean
  ImportQueries importQueries(Database db) {
    return new ImportQueries(db);
  }

  /** SLA readings under the policy file named by {@code vigil.sla.policy} / {@code VIGIL_SLA_POLICY}. */
  @Bean
  Slas slas(Database db, Environment env) {
    return new Slas(db, vigil.app.cli.SlaPolicyFile.load(env.getProperty("vigil.sla.policy")));
  }

  @Bean
  FixGroups fixGroups(Database db, Slas slas) {
    return new FixGroups(db, slas);
  }

  @Bean
  Decisions decisions(Database db) {
    return new Decisions(db);
  }
}
