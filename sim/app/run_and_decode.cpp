#include "app/run_and_decode.hpp"

#include <chrono>
#include <utility>

#include "core/engine/engine.hpp"
#include "core/engine/event_groups.hpp"

namespace hl::app {

namespace {

// The run with its events expanded; records keep the trees already decoded (events have none).
std::shared_ptr<const RunData> every_event_run(const RunData& grouped) {
  Transcript every = expand_events(grouped.transcript);
  std::vector<wire::DecodedStep> decoded(every.steps.size());
  std::size_t record = 0;
  for (std::size_t i = 0; i < every.steps.size(); ++i) {
    if (every.steps[i].kind == StepKind::event) continue;
    while (record < grouped.transcript.steps.size() && grouped.transcript.steps[record].kind == StepKind::event) ++record;
    if (record < grouped.decoded.size()) decoded[i] = grouped.decoded[record];
    ++record;
  }
  auto run = make_run_data(grouped.scenario, std::move(every), std::move(decoded));
  run->server_chain = grouped.server_chain;
  run->client_chain = grouped.client_chain;
  run->origin = grouped.origin;
  return run;
}

std::shared_ptr<RunData> decoded_run(const Scenario& scenario, Transcript transcript, std::string origin) {
  auto decoded = wire::decode_transcript(transcript);
  auto run = make_run_data(scenario, std::move(transcript), std::move(decoded));
  run->origin = std::move(origin);
  for (const auto& der : wire::certificate_chain(run->transcript, Side::server)) {
    if (auto summary = wire::summarize_certificate(der)) run->server_chain.push_back(std::move(*summary));
  }
  for (const auto& der : wire::certificate_chain(run->transcript, Side::client)) {
    if (auto summary = wire::summarize_certificate(der)) run->client_chain.push_back(std::move(*summary));
  }
  run->every_event = every_event_run(*run);
  return run;
}

}  // namespace

std::shared_ptr<const RunData> run_and_decode(const Scenario& scenario) {
  auto start = std::chrono::steady_clock::now();
  auto run = decoded_run(scenario, run_scenario(scenario), {});
  run->run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return run;
}

std::shared_ptr<const RunData> decode_run(const Scenario& scenario, Transcript transcript, std::string origin) {
  return decoded_run(scenario, std::move(transcript), std::move(origin));
}

}  // namespace hl::app
