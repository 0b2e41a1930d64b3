// BM_KeySchedule: recomputes the whole key schedule of one default run and opens every
// protected record with it; compare with BM_ScenarioRun (bench_engine.cpp), the run itself.
#include <benchmark/benchmark.h>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/engine.hpp"

namespace {

void BM_KeySchedule(benchmark::State& state) {
  const hl::Transcript transcript = hl::run_scenario(hl::Scenario{});
  for (auto _ : state) {
    const hl::crypto::KeySchedule schedule = hl::crypto::compute_key_schedule(transcript);
    const auto records = hl::crypto::open_records(transcript, schedule);
    if (!schedule.all_checks_pass() || records.empty() || !records.back().opened)
      state.SkipWithError("the default run's schedule does not check out");
    benchmark::DoNotOptimize(records.data());
  }
}

// The key exchange alone: loading both captured keys, both derivations and the checks.
void BM_KeyExchange(benchmark::State& state) {
  const hl::Transcript transcript = hl::run_scenario(hl::Scenario{});
  for (auto _ : state) {
    const hl::crypto::KeyExchange exchange = hl::crypto::key_exchange(transcript);
    if (!exchange.all_checks_pass() || !exchange.secrets().shared_secret)
      state.SkipWithError("the default run's key exchange does not check out");
    benchmark::DoNotOptimize(exchange.values.data());
  }
}

}  // namespace

BENCHMARK(BM_KeySchedule)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_KeyExchange)->Unit(benchmark::kMicrosecond);
