package vigil.bench.generate;

/** What a generator wrote: how many assets (hosts or images), findings and bytes. */
public record Written(int assets, long findings, long bytes) {}
