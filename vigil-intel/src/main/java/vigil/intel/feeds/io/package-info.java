/**
 * Streaming pieces shared by the feed readers and not meant for other callers: opening a file with
 * gzip detected from its magic bytes ({@link vigil.intel.feeds.io.FeedFile}), a JSON token cursor
 * that reads one record at a time ({@link vigil.intel.feeds.io.JsonFeed}), CSV/TSV rows with line
 * numbers ({@link vigil.intel.feeds.io.DelimitedFeed}), and typed field access whose errors name
 * the place ({@link vigil.intel.feeds.io.Fields}).
 */
package vigil.intel.feeds.io;
