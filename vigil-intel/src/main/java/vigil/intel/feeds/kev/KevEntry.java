package vigil.intel.feeds.kev;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One CVE in the KEV catalog as CISA publishes it. {@code knownRansomwareCampaignUse} is
 * {@code true} for CISA's "Known", {@code false} for "Unknown" or absent; {@code notes} is CISA's
 * text (URLs separated by " ; "), empty when none; {@code cwes} are normalised ("CWE-79").
 */
public record KevEntry(
    String cveId,
    String vendorProject,
    String product,
    String vulnerabilityName,
    LocalDate dateAdded,
    LocalDate dueDate,
    boolean knownRansomwareCampaignUse,
    List<String> cwes,
    String shortDescription,
    String requiredAction,
    String notes) {

  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(dueDate, "dueDate");
    cwes = List.copyOf(cwes);
    notes = notes == null ? "" : notes;
  }
}
