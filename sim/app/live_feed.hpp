// The window's live mode: the lesson's server listening on loopback in a background thread
// (core/live's poll loop), each finished connection decoded there and handed to the UI thread,
// which shows it in the normal views. No ImGui here; the Live menu (ui/live_menu.cpp) draws it.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/run_data.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

/// One connection a real client made to the window's live server.
struct LiveConnection {
  std::size_t number = 0;  // from 1 for each start()
  std::string peer;        // "127.0.0.1:50312"
  std::string summary;     // "TLSv1.3 TLS_AES_256_GCM_SHA384, 19 steps" or "failed: ..."
  std::shared_ptr<const RunData> run;
};

/// A live server for the window, on its own thread. Stops (and joins) when destroyed.
class LiveFeed {
 public:
  LiveFeed() = default;
  ~LiveFeed() { stop(); }
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  /// Plays `lesson`'s server on 127.0.0.1:port (0: any free port) and writes its root CA to
  /// ca_path(). False, with one sentence in out_error, when the port or the lesson cannot be used.
  [[nodiscard]] bool start(const Scenario& lesson, int port, std::string& out_error);
  /// Stops listening; connections still open are written out as stopped.
  void stop();
  /// True between a successful start() and stop().
  bool listening() const { return thread_.joinable(); }
  /// "127.0.0.1:8443" while listening.
  const std::string& address() const { return address_; }
  /// Where the root CA that clients should trust was written.
  const std::filesystem::path& ca_path() const { return ca_path_; }
  /// Connections that ended since the last call, oldest first.
  std::vector<LiveConnection> take_finished();

 private:
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::string address_;
  std::filesystem::path ca_path_;
  std::mutex mutex_;
  std::vector<LiveConnection> finished_;  // guarded by mutex_
};

/// $XDG_RUNTIME_DIR/handshake-lab/live-ca.pem, else the temporary directory's handshake-lab-<uid>/live-ca.pem.
std::filesystem::path live_ca_path();

}  // namespace hl::app
