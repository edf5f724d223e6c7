package vigil.store.graph;

/**
 * What an identity import stored.
 *
 * @param importId the import's id (the earlier import's for a duplicate)
 * @param duplicate the same bytes were imported before; nothing was stored
 */
public record IdentityImportResult(
    long importId, String file, String fileType, int principals, int edges, int trusts, boolean duplicate) {}
