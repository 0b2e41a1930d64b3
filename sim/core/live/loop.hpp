// The one thread that serves every live connection: a poll() loop over non-blocking sockets.
// Why one thread and not one per connection: the lab's side of a handshake costs about a
// millisecond of CPU, so one thread keeps up with any classroom; a slow or silent peer costs
// a poll entry, not a blocked thread; memory is bounded by the connection count times one
// record; and the sessions, their SSLs and the engine's caches are never shared across threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/live/connection.hpp"

namespace hl::live {

/// Receives each connection when it is over.
using ResultHandler = std::function<void(ConnectionResult)>;

/// The open connections and the poll() round that drives them.
class Loop {
 public:
  /// Adds a connection to serve.
  void add(std::unique_ptr<Connection> connection) { open_.push_back(std::move(connection)); }
  /// How many connections are open.
  std::size_t size() const { return open_.size(); }
  /// One round: waits until a socket is ready, the next deadline or `max_wait_ms`, serves what is
  /// ready, ends what ran out of time, and hands every connection that is over to `finished`.
  /// `listen_fd` (-1: none) is polled for input too; returns true when it is readable.
  bool round(int listen_fd, int max_wait_ms, const ResultHandler& finished);
  /// Ends every open connection for `why` and hands each to `finished`.
  void stop_all(const std::string& why, const ResultHandler& finished);

 private:
  void hand_over_finished(const ResultHandler& finished);

  std::vector<std::unique_ptr<Connection>> open_;
};

}  // namespace hl::live
