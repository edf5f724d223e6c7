/** Immutable domain types shared by every stage of the CTEM loop. */
package vigil.model;
