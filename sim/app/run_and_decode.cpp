#include "app/run_and_decode.hpp"

#include <chrono>
#include <utility>

#include "core/engine/engine.hpp"

namespace hl::app {

std::shared_ptr<const RunData> run_and_decode(const Scenario& scenario) {
  auto start = std::chrono::steady_clock::now();
  Transcript transcript = run_scenario(scenario);
  auto decoded = wire::decode_transcript(transcript);
  auto run = make_run_data(scenario, std::move(transcript), std::move(decoded));
  for (const auto& der : wire::certificate_chain(run->transcript, Side::server)) {
    if (auto summary = wire::summarize_certificate(der)) run->server_chain.push_back(std::move(*summary));
  }
  run->run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace hl::app
