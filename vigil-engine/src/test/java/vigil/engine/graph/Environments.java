package vigil.engine.graph;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vigil.model.WeaknessKind;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.Principal;
import vigil.model.identity.PrincipalKind;

/** Small hand-built environments whose paths, choke points and what-ifs are known. */
final class Environments {
  static final String LOG4SHELL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
  static final String REMOTE_ADMIN_HARD = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H";
  static final String REMOTE_USER = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N";
  static final String LOCAL_ROOT = "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H";

  static final String DOMAIN = "S-1-5-21-1";
  static final String ALICE = DOMAIN + "-1101";
  static final String BOB = DOMAIN + "-1102";
  static final String DA_USER = DOMAIN + "-500";
  static final String HELPDESK = DOMAIN + "-2001";
  static final String IT_ADMINS = DOMAIN + "-2002";
  static final String DOMAIN_ADMINS = DOMAIN + "-512";
  static final String ADMINISTRATORS = "CORP.LOCAL-S-1-5-32-544";
  static final String WS_ALICE = DOMAIN + "-3001";
  static final String DC01 = DOMAIN + "-1000";

  private Environments() {}

  static Topology topology() {
    try (Reader r = new InputStreamReader(Objects.requireNonNull(
        Environments.class.getResourceAsStream("/graph/topology.yaml")), StandardCharsets.UTF_8)) {
      return Topology.read("topology.yaml", r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Internet → DMZ web servers (web1: KEV RCE, web2: hard RCE with low EPSS) → database in the
   * servers zone (RCE as a user, EPSS 0.25) through flow dmz-to-db; also a phished user inside
   * and a VPN. Path likelihoods: web1 0.95 × 0.525, phished alice 0.3 × 0.525, VPN 0.2 × 0.525,
   * web2 0.145 × 0.525.
   */
  static Facts.Builder dmz() {
    Facts.Builder b = Facts.builder().topology(topology())
        .host(Host.of("web1", "10.0.1.10"))
        .host(Host.of("web2", "10.0.1.11"))
        .host(Host.of("db", "10.1.5.20"))
        .host(new Host("ws-alice", "ws-alice.corp.local", "10.1.2.30", null, null))
        .service(Service.tcp("web1:443", "web1", 443, "nginx"))
        .service(Service.tcp("web2:443", "web2", 443, "apache"))
        .service(Service.tcp("db:5432", "db", 5432, "postgresql"))
        .exposure(ExposureFact.cve("e-web1", "web1", "web1:443", "CVE-2021-44228", LOG4SHELL, 0.94, true))
        .exposure(ExposureFact.cve("e-web2", "web2", "web2:443", "CVE-2099-0002", REMOTE_ADMIN_HARD, 0.01, false))
        .exposure(ExposureFact.cve("e-db", "db", "db:5432", "CVE-2099-0003", REMOTE_USER, 0.25, false));
    b.add(user(ALICE, "ALICE@CORP.LOCAL"));
    b.add(new Principal(WS_ALICE, PrincipalKind.COMPUTER, "WS-ALICE.CORP.LOCAL", DOMAIN, true, Map.of()));
    return b;
  }

  /**
   * A directory where alice (phished) is in Helpdesk, Helpdesk holds GenericAll on IT Admins, IT
   * Admins holds WriteDacl on Domain Admins, Domain Admins is in Administrators, which holds
   * GetChanges and GetChangesAll on the domain (DCSync). Also: alice is local admin of her
   * workstation, where the domain admin user has a session.
   */
  static Facts.Builder directory() {
    Topology t = new Topology(List.of(Zone.of("office", "10.1.0.0/16")), List.of(),
        List.of(EntryPoint.phishedUser("phish-alice", null, "ALICE@CORP.LOCAL")), List.of(DOMAIN));
    Facts.Builder b = Facts.builder().topology(t)
        .host(new Host("ws-alice", "ws-alice.corp.local", "10.1.2.30", null, null));
    b.add(new Principal(DOMAIN, PrincipalKind.DOMAIN, "CORP.LOCAL", DOMAIN, true, Map.of()));
    b.add(user(ALICE, "ALICE@CORP.LOCAL"));
    b.add(user(BOB, "BOB@CORP.LOCAL"));
    b.add(user(DA_USER, "ADMINISTRATOR@CORP.LOCAL"));
    b.add(group(HELPDESK, "HELPDESK@CORP.LOCAL"));
    b.add(group(IT_ADMINS, "IT ADMINS@CORP.LOCAL"));
    b.add(group(DOMAIN_ADMINS, "DOMAIN ADMINS@CORP.LOCAL"));
    b.add(new Principal(WS_ALICE, PrincipalKind.COMPUTER, "WS-ALICE.CORP.LOCAL", DOMAIN, true, Map.of()));
    b.add(new Principal(DC01, PrincipalKind.COMPUTER, "DC01.CORP.LOCAL", DOMAIN, true, Map.of("isdc", "true")));
    b.add(IdentityEdge.of(ALICE, IdentityRelation.MEMBER_OF, HELPDESK));
    b.add(IdentityEdge.of(HELPDESK, IdentityRelation.GENERIC_ALL, IT_ADMINS));
    b.add(IdentityEdge.of(IT_ADMINS, IdentityRelation.WRITE_DACL, DOMAIN_ADMINS));
    b.add(IdentityEdge.of(DA_USER, IdentityRelation.MEMBER_OF, DOMAIN_ADMINS));
    b.add(IdentityEdge.of(DOMAIN_ADMINS, IdentityRelation.MEMBER_OF, ADMINISTRATORS));
    b.add(IdentityEdge.of(ADMINISTRATORS, IdentityRelation.GET_CHANGES, DOMAIN));
    b.add(IdentityEdge.of(ADMINISTRATORS, IdentityRelation.GET_CHANGES_ALL, DOMAIN));
    b.add(IdentityEdge.of(ALICE, IdentityRelation.ADMIN_TO, WS_ALICE));
    b.add(IdentityEdge.of(WS_ALICE, IdentityRelation.HAS_SESSION, DA_USER));
    return b;
  }

  static Principal user(String sid, String name) {
    return new Principal(sid, PrincipalKind.USER, name, DOMAIN, true, Map.of());
  }

  static Principal group(String sid, String name) {
    return new Principal(sid, PrincipalKind.GROUP, name, DOMAIN, true, Map.of());
  }

  static ExposureFact misconfiguration(String id, String host, String service) {
    return new ExposureFact(id, host, service, "check:" + id, WeaknessKind.MISCONFIGURATION, List.of(), null, null,
        false, "misconfiguration " + id);
  }
}
