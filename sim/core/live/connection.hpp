// One live TCP connection: a non-blocking socket, the Session that plays the lab's side on it,
// and the clock that bounds it. The listener and the connector drive any number of these from
// one poll() loop (loop.hpp).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <poll.h>

#include "core/live/limits.hpp"
#include "core/live/session.hpp"

namespace hl::live {

using Clock = std::chrono::steady_clock;

/// What one connection left behind.
struct ConnectionResult {
  std::size_t number = 0;  // from 1, in the order connections were accepted (or made)
  std::string peer;        // "127.0.0.1:50312"
  Transcript transcript;
};

/// A socket the lab owns, closed when this dies.
class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

/// One connection: socket in, session, socket out, deadlines.
class Connection {
 public:
  /// Takes a connected non-blocking socket; `session` must have started.
  Connection(std::size_t number, std::string peer, Socket socket, std::unique_ptr<Session> session, const Limits& limits);

  /// The events to poll for now.
  short poll_events() const;
  int fd() const { return socket_.fd(); }
  /// Reads what arrived, writes what is due, after poll() reported `revents`.
  void on_ready(short revents, Clock::time_point now);
  /// Ends the connection when a bound ran out; returns the time of its next deadline.
  Clock::time_point check_deadlines(Clock::time_point now);
  /// Ends it now, for `why` (the lab is stopping).
  void stop(const std::string& why);
  /// True once there is nothing more to read or write: call result().
  bool over() const { return over_; }
  /// Closes the socket and returns the recorded connection. Call once.
  ConnectionResult result();

 private:
  void read_available(Clock::time_point now);
  void write_pending();
  void hang_up_if_done();

  std::size_t number_;
  std::string peer_;
  Socket socket_;
  std::unique_ptr<Session> session_;
  Limits limits_;
  Bytes unsent_;
  Clock::time_point started_;
  Clock::time_point last_heard_;
  bool read_closed_ = false;   // end of stream or a reset: nothing more will arrive
  bool write_broken_ = false;  // a broken pipe or a reset: nothing more can go out
  bool over_ = false;
};

}  // namespace hl::live
