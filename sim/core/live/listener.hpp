// `live --listen`: the lab plays a lesson's server on a real TCP socket, every accepted
// connection recorded as a transcript. This and connector.hpp are the only code of the lab
// that touches the network; the engine's runs never do.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/live/address.hpp"
#include "core/live/connection.hpp"
#include "core/live/loop.hpp"

namespace hl::live {

/// What the server side plays and how it is bounded.
struct ServeSettings {
  Scenario scenario;                           // from live_scenario()
  std::shared_ptr<const ContextPair> contexts;  // from live_contexts()
  Limits limits;
  bool once = false;  // stop after the first connection is over (no other is accepted)
};

/// A listening socket and the loop that serves it.
class Listener {
 public:
  /// Binds and listens on `where` (already checked against the loopback rule). False, with one
  /// sentence in out_error, when the address cannot be used.
  [[nodiscard]] bool open(const HostPort& where, std::string& out_error);
  /// The address it listens on, with the real port when port 0 was asked for: "127.0.0.1:43123".
  const std::string& address() const { return address_; }
  /// The port it listens on.
  int port() const { return port_; }
  /// Serves until `stop` becomes true, or with settings.once until the first connection is over.
  /// `finished` gets every connection; `notice` gets one line for a person (a refused connection).
  void serve(const ServeSettings& settings, const ResultHandler& finished,
             const std::function<void(const std::string&)>& notice, const std::atomic<bool>& stop);

 private:
  void accept_waiting(const ServeSettings& settings, const std::function<void(const std::string&)>& notice);

  Socket socket_;
  std::string address_;
  int port_ = 0;
  Loop loop_;
  std::size_t accepted_ = 0;
};

}  // namespace hl::live
