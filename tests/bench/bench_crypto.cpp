// BM_KeySchedule: recomputes the whole key schedule of one default run and opens every
// protected record with it; compare with BM_ScenarioRun (bench_engine.cpp), the run itself.
// The /p256 and /ffdhe2048 variants hold both sides to that group (BM_ScenarioRun has the same).
#include <benchmark/benchmark.h>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/engine.hpp"
#include "bench_scenarios.hpp"

namespace {

void BM_KeySchedule(benchmark::State& state, const hl::Scenario& scenario) {
  const hl::Transcript transcript = hl::run_scenario(scenario);
  for (auto _ : state) {
    const hl::crypto::KeySchedule schedule = hl::crypto::compute_key_schedule(transcript);
    const auto records = hl::crypto::open_records(transcript, schedule);
    if (!schedule.all_checks_pass() || records.empty() || !records.back().opened)
      state.SkipWithError("the run's schedule does not check out");
    benchmark::DoNotOptimize(records.data());
  }
}

// The key exchange alone: loading both captured keys, both derivations and the checks.
void BM_KeyExchange(benchmark::State& state, const hl::Scenario& scenario) {
  const hl::Transcript transcript = hl::run_scenario(scenario);
  for (auto _ : state) {
    const hl::crypto::KeyExchange exchange = hl::crypto::key_exchange(transcript);
    if (!exchange.all_checks_pass() || !exchange.secrets().shared_secret)
      state.SkipWithError("the run's key exchange does not check out");
    benchmark::DoNotOptimize(exchange.values.data());
  }
}

}  // namespace

BENCHMARK_CAPTURE(BM_KeySchedule, x25519, hl::Scenario{})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KeySchedule, p256, hl::bench::scenario_with_group("P-256"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KeySchedule, ffdhe2048, hl::bench::scenario_with_group("ffdhe2048"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KeyExchange, x25519, hl::Scenario{})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KeyExchange, p256, hl::bench::scenario_with_group("P-256"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KeyExchange, ffdhe2048, hl::bench::scenario_with_group("ffdhe2048"))->Unit(benchmark::kMicrosecond);
