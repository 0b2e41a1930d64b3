// The one main() of handshake-lab-bench.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
