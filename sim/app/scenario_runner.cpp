#include "app/scenario_runner.hpp"

#include <exception>
#include <utility>

#include "core/engine/chain_cache.hpp"

namespace hl::app {

ScenarioRunner::ScenarioRunner(RunFunction run) : run_(std::move(run)) {}

ScenarioRunner::~ScenarioRunner() {
  waiting_.reset();
  if (!in_flight_.valid()) return;
  // Nobody will see this run: an RSA key generation in it gives up instead of taking seconds.
  AbandonKeyGeneration abandon;
  in_flight_.wait();
}

void ScenarioRunner::start(const Scenario& scenario) {
  started_ = std::chrono::steady_clock::now();
  in_flight_ = std::async(std::launch::async, run_, scenario);
}

void ScenarioRunner::request(const Scenario& scenario) {
  if (in_flight_.valid()) {
    waiting_ = scenario;
    return;
  }
  start(scenario);
}

std::shared_ptr<const RunData> ScenarioRunner::collect() {
  std::shared_ptr<const RunData> result;
  try {
    result = in_flight_.get();
    last_error_.clear();
  } catch (const std::exception& e) {
    last_error_ = e.what();
  }
  if (waiting_) {
    Scenario next = std::move(*waiting_);
    waiting_.reset();
    start(next);
  }
  return result;
}

std::shared_ptr<const RunData> ScenarioRunner::poll() {
  if (!in_flight_.valid()) return nullptr;
  if (in_flight_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return nullptr;
  return collect();
}

std::shared_ptr<const RunData> ScenarioRunner::wait() {
  std::shared_ptr<const RunData> last;
  while (in_flight_.valid()) last = collect();
  return last;
}

double ScenarioRunner::busy_seconds() const {
  if (!busy()) return 0;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace hl::app
