/** Reading flight recordings of benchmark runs: where the CPU time goes. */
package vigil.bench.profile;
