// BM_DecodeHandshake: decodes every record of one full TLS 1.3 handshake (the default
// scenario, seeded), transcript made once outside the timed loop. Sits beside BM_ScenarioRun:
// decoding must cost a small fraction of running the handshake.
#include <benchmark/benchmark.h>

#include "core/engine/engine.hpp"
#include "core/wire/decode.hpp"

namespace {

const hl::Transcript& default_transcript() {
  static const hl::Transcript transcript = [] {
    hl::Scenario scenario;
    scenario.seed = 1;
    return hl::run_scenario(scenario);
  }();
  return transcript;
}

void BM_DecodeHandshake(benchmark::State& state) {
  const hl::Transcript& transcript = default_transcript();
  std::size_t num_bytes = 0;
  for (const auto& step : transcript.steps) num_bytes += step.bytes.size() + step.plaintext.size();
  for (auto _ : state) {
    auto decoded = hl::wire::decode_transcript(transcript);
    benchmark::DoNotOptimize(decoded.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * num_bytes));
}
BENCHMARK(BM_DecodeHandshake)->Unit(benchmark::kMicrosecond);

// The same decode plus the explanation text of every field (what the GUI's tooltips cost).
void BM_DecodeAndExplainHandshake(benchmark::State& state) {
  const hl::Transcript& transcript = default_transcript();
  for (auto _ : state) {
    auto decoded = hl::wire::decode_transcript(transcript);
    std::size_t num_chars = 0;
    std::vector<const hl::Field*> stack;
    for (const auto& step : decoded) {
      for (const auto& field : step.fields) stack.push_back(&field);
      for (const auto& field : step.inner_fields) stack.push_back(&field);
    }
    while (!stack.empty()) {
      const hl::Field* field = stack.back();
      stack.pop_back();
      num_chars += hl::wire::explain(*field).size();
      for (const auto& child : field->children) stack.push_back(&child);
    }
    benchmark::DoNotOptimize(num_chars);
  }
}
BENCHMARK(BM_DecodeAndExplainHandshake)->Unit(benchmark::kMicrosecond);

}  // namespace
