// LiveFeed: the same Listener as `handshake-lab live --listen`, run on a thread for the window.
#include "app/live_feed.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "app/run_and_decode.hpp"
#include "core/live/lab_tls.hpp"
#include "core/live/listener.hpp"

namespace hl::app {
namespace {

std::string summary_of(const Transcript& transcript) {
  const std::string steps = std::to_string(transcript.steps.size()) + " steps";
  if (transcript.handshake_complete) return transcript.negotiated.version + " " + transcript.negotiated.cipher + ", " + steps;
  constexpr std::size_t kMaxReasonLen = 60;  // a menu line, not a paragraph: the trace says the rest
  const std::string& reason = transcript.failure;
  return "failed: " + (reason.size() > kMaxReasonLen ? reason.substr(0, kMaxReasonLen) + "..." : reason) + " (" + steps + ")";
}

}  // namespace

std::filesystem::path live_ca_path() {
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr && runtime[0] != '\0')
    return std::filesystem::path(runtime) / "handshake-lab" / "live-ca.pem";
  return std::filesystem::temp_directory_path() / ("handshake-lab-" + std::to_string(::getuid())) / "live-ca.pem";
}

bool LiveFeed::start(const Scenario& lesson, int port, std::string& out_error) {
  stop();
  if (lesson.attack != Attack::none) return out_error = "live mode plays no attacker: pick a lesson without one", false;
  const live::HostPort where{"127.0.0.1", port};
  auto settings = std::make_shared<live::ServeSettings>();
  settings->scenario = live::live_scenario(lesson, {"localhost", "127.0.0.1", "::1"});
  if (!live::live_contexts(settings->scenario, "", settings->contexts, out_error)) return false;
  auto listener = std::make_shared<live::Listener>();
  if (!listener->open(where, out_error)) return false;
  ca_path_ = live_ca_path();
  std::error_code ignored;
  std::filesystem::create_directories(ca_path_.parent_path(), ignored);
  std::ofstream(ca_path_, std::ios::binary) << live::root_certificate_pem(*settings->contexts);
  address_ = listener->address();
  stop_ = false;
  thread_ = std::thread([this, listener, settings] {
    listener->serve(
        *settings,
        [this, settings](live::ConnectionResult result) {
          LiveConnection connection{result.number, result.peer, summary_of(result.transcript), nullptr};
          connection.run = decode_run(settings->scenario, std::move(result.transcript),
                                      "live connection " + std::to_string(result.number) + " with " + result.peer);
          std::lock_guard<std::mutex> hold(mutex_);
          finished_.push_back(std::move(connection));
        },
        [](const std::string&) {}, stop_);
  });
  return true;
}

void LiveFeed::stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  thread_.join();
  address_.clear();
}

std::vector<LiveConnection> LiveFeed::take_finished() {
  std::lock_guard<std::mutex> hold(mutex_);
  return std::exchange(finished_, {});
}

}  // namespace hl::app
