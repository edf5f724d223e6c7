/**
 * Reading scanner outputs: one sub-package per tool, each with one {@link vigil.ingest.ScanParser}.
 * {@link vigil.ingest.Formats} detects a file's format from its content and hands out parsers.
 */
package vigil.ingest;
