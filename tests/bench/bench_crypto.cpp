// BM_KeySchedule: recomputes the whole key schedule of one default run and opens every
// protected record with it; compare with BM_ScenarioRun (bench_engine.cpp), the run itself.
#include <benchmark/benchmark.h>

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

}  // namespace

BENCHMARK(BM_KeySchedule)->Unit(benchmark::kMicrosecond);
