/** Mobilisation logic without storage: fix actions (the grouping key), SLA policy and clock. */
package vigil.engine.mobilise;
