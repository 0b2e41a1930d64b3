// Runs scenarios off the UI thread so a slow key generation (RSA-4096, ~1.5 s) never
// freezes the window. One run at a time; while one runs, only the latest request waits.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/run_data.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

class ScenarioRunner {
 public:
  using RunFunction = std::function<std::shared_ptr<const RunData>(const Scenario&)>;

  /// A runner that calls run (run_and_decode() for the real thing) on a worker thread.
  explicit ScenarioRunner(RunFunction run);
  /// Waits for the run in flight, abandoning any RSA key generation in it (so closing the
  /// window never waits for a key): a thread is never left running past its owner.
  ~ScenarioRunner();
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;

  /// Starts scenario now when idle; otherwise it replaces any request still waiting.
  void request(const Scenario& scenario);
  /// Non-blocking: a finished run, or nullptr. Starts the waiting request when one finishes.
  std::shared_ptr<const RunData> poll();
  /// Blocks until nothing is running or waiting; returns the last finished run (nullptr if it failed).
  std::shared_ptr<const RunData> wait();
  /// True while a run is in flight or waiting.
  bool busy() const { return in_flight_.valid() || waiting_.has_value(); }
  /// Seconds the current run has taken so far (0 when idle).
  double busy_seconds() const;
  /// Why the last run failed; empty after a success.
  const std::string& last_error() const { return last_error_; }

 private:
  void start(const Scenario& scenario);
  std::shared_ptr<const RunData> collect();

  RunFunction run_;
  std::future<std::shared_ptr<const RunData>> in_flight_;
  std::optional<Scenario> waiting_;
  std::chrono::steady_clock::time_point started_;
  std::string last_error_;
};

}  // namespace hl::app
