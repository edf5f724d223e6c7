package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeDiffTest {

  private static ScopeDocument parse(String yaml) throws ScopeFileException {
    return ScopeYaml.parse(yaml, "scope.yaml");
  }

  private static final String CURRENT = """
      owners:
        - team: pay-team
          contact: pay@example.com
        - team: legacy-team
      environments:
        - name: production
        - name: staging
      services:
        - name: payments
          owner: pay-team
          criticality: 4
          include:
            - cidr: 10.1.0.0/16
              environment: staging
            - domain: pay.example.com
        - name: legacy
          owner: legacy-team
          criticality: 2
          include:
            - hostname: old-*
      exclude:
        - cidr: 10.99.0.0/16
      """;

  @Test
  void sameDocumentHasNoChanges() throws Exception {
    assertThat(ScopeDiff.diff(parse(CURRENT), parse(CURRENT))).isEmpty();
  }

  @Test
  void listsCreationsUpdatesAndDeletionsInAnOrderThatKeepsReferencesValid() throws Exception {
    ScopeDocument desired = parse("""
        owners:
          - team: pay-team
            contact: payments-oncall@example.com
          - team: risk-team
        environments:
          - name: production
          - name: staging
          - name: dev
        services:
          - name: payments
            owner: risk-team
            criticality: 5
            crownJewel: true
            include:
              - cidr: 10.1.0.0/16
                environment: production
              - tag: pci
        exclude:
          - cidr: 10.99.0.0/16
            note: guest Wi-Fi
        """);
    List<ScopeChange> changes = ScopeDiff.diff(parse(CURRENT), desired);
    assertThat(changes).extracting(ScopeChange::description).containsExactly(
        "create owner 'risk-team'",
        "create environment 'dev'",
        "update owner 'pay-team': contact 'pay@example.com' → 'payments-oncall@example.com'",
        "update service 'payments': owner 'pay-team' → 'risk-team', criticality 4 → 5, crown jewel no → yes",
        "delete rule service 'payments' include domain pay.example.com",
        "delete rule service 'legacy' include hostname old-*",
        "create rule service 'payments' include tag pci",
        "update rule service 'payments' include cidr 10.1.0.0/16: environment 'staging' → 'production'",
        "update rule top level exclude cidr 10.99.0.0/16: note (none) → 'guest Wi-Fi'",
        "delete service 'legacy'",
        "delete owner 'legacy-team'");
    assertThat(changes).extracting(ScopeChange::action).containsExactly(
        ScopeChange.Action.CREATE, ScopeChange.Action.CREATE, ScopeChange.Action.UPDATE, ScopeChange.Action.UPDATE,
        ScopeChange.Action.DELETE, ScopeChange.Action.DELETE, ScopeChange.Action.CREATE, ScopeChange.Action.UPDATE,
        ScopeChange.Action.UPDATE, ScopeChange.Action.DELETE, ScopeChange.Action.DELETE);
  }

  @Test
  void changesCarryTheElementsBeforeAndAfter() throws Exception {
    ScopeDocument desired = parse(CURRENT.replace("criticality: 4", "criticality: 3"));
    ScopeChange change = ScopeDiff.diff(parse(CURRENT), desired).get(0);
    assertThat(change.action()).isEqualTo(ScopeChange.Action.UPDATE);
    assertThat(change.elementType()).isEqualTo("service");
    assertThat(change.key()).isEqualTo("payments");
    assertThat(((BusinessService) change.before()).criticality()).isEqualTo(4);
    assertThat(((BusinessService) change.after()).criticality()).isEqualTo(3);
  }

  @Test
  void creationDescribesTheNewElement() throws Exception {
    ScopeDocument desired = parse(CURRENT.replace("""
          - name: legacy
        """, """
          - name: cards
            description: Card issuing
            owner: pay-team
            criticality: 5
            crownJewel: true
            dataClassification: restricted
            include:
              - asset: fqdn:vault.example.com
                crownJewel: true
                note: the vault
          - name: legacy
        """));
    assertThat(ScopeDiff.diff(parse(CURRENT), desired)).extracting(ScopeChange::description).containsExactly(
        "create service 'cards' (criticality 5, crown jewel, owner pay-team, data restricted)",
        "create rule service 'cards' include asset fqdn:vault.example.com (crown jewel, note the vault)");
  }

  @Test
  void reorderingEnvironmentsIsAChangeBecauseOrderIsPrecedence() throws Exception {
    ScopeDocument desired = parse(CURRENT.replace("""
          - name: production
          - name: staging
        """, """
          - name: staging
          - name: production
        """));
    assertThat(ScopeDiff.diff(parse(CURRENT), desired)).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(ScopeChange.Action.REORDER);
      assertThat(c.description())
          .isEqualTo("reorder environments (first wins when rules propose several): production, staging → staging, production");
    });
  }

  @Test
  void renamingAServiceIsADeletionAndACreationOfItAndItsRules() throws Exception {
    ScopeDocument desired = parse(CURRENT.replace("name: legacy", "name: archive"));
    assertThat(ScopeDiff.diff(parse(CURRENT), desired)).extracting(ScopeChange::description).containsExactly(
        "create service 'archive' (criticality 2, owner legacy-team)",
        "delete rule service 'legacy' include hostname old-*",
        "create rule service 'archive' include hostname old-*",
        "delete service 'legacy'");
  }
}
