// Connection: bounded, non-blocking reads and writes around a Session.
#include "core/live/connection.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace hl::live {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
// Reads per wake-up: a peer that floods gets a fair share of the loop, never all of it.
constexpr int kMaxReadsPerWake = 4;

std::string seconds_text(int ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Connection::Connection(std::size_t number, std::string peer, Socket socket, std::unique_ptr<Session> session,
                       const Limits& limits)
    : number_(number), peer_(std::move(peer)), socket_(std::move(socket)), session_(std::move(session)), limits_(limits),
      started_(Clock::now()), last_heard_(started_) {
  unsent_ = session_->take_output();  // the lab may speak first: a greeting, a ClientHello
  write_pending();
  hang_up_if_done();
}

short Connection::poll_events() const {
  short events = 0;
  if (!read_closed_ && !session_->done()) events |= POLLIN;
  if (!unsent_.empty() && !write_broken_) events |= POLLOUT;
  return events;
}

void Connection::on_ready(short revents, Clock::time_point now) {
  if (over_) return;
  if (revents & (POLLIN | POLLHUP | POLLERR)) read_available(now);
  Bytes more = session_->take_output();
  unsent_.insert(unsent_.end(), more.begin(), more.end());
  write_pending();
  hang_up_if_done();
}

void Connection::read_available(Clock::time_point now) {
  std::uint8_t chunk[kReadChunk];
  for (int reads = 0; reads < kMaxReadsPerWake && !read_closed_ && !session_->done(); ++reads) {
    const ssize_t got = ::recv(socket_.fd(), chunk, sizeof chunk, 0);
    if (got > 0) {
      last_heard_ = now;
      session_->receive({chunk, static_cast<std::size_t>(got)});
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    read_closed_ = true;  // 0: end of stream (what the lab already owes still goes out); else a reset
    session_->peer_closed();
  }
}

void Connection::write_pending() {
  while (!unsent_.empty() && !write_broken_) {
    const ssize_t sent = ::send(socket_.fd(), unsent_.data(), unsent_.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      unsent_.erase(unsent_.begin(), unsent_.begin() + sent);
      continue;
    }
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    write_broken_ = true;  // a broken pipe or a reset: nobody is listening any more
    unsent_.clear();
    session_->peer_closed();
  }
}

// Over when nothing more will be read (the lab is done, or the peer left) and nothing more can be written.
void Connection::hang_up_if_done() {
  const bool nothing_to_read = session_->done() || read_closed_;
  if (nothing_to_read && (unsent_.empty() || write_broken_)) over_ = true;
  if (write_broken_) over_ = true;
}

Clock::time_point Connection::check_deadlines(Clock::time_point now) {
  using std::chrono::milliseconds;
  const Clock::time_point handshake_deadline = started_ + milliseconds(limits_.handshake_timeout_ms);
  const Clock::time_point idle_deadline = last_heard_ + milliseconds(limits_.idle_timeout_ms);
  if (!over_ && session_->handshake_pending() && now >= handshake_deadline)
    stop("The handshake did not finish within " + seconds_text(limits_.handshake_timeout_ms) +
         " (--handshake-timeout): the lab hung up.");
  if (!over_ && now >= idle_deadline)
    stop("The peer sent nothing for " + seconds_text(limits_.idle_timeout_ms) + " (--idle-timeout): the lab hung up.");
  if (!session_->handshake_pending()) return idle_deadline;
  return std::min(handshake_deadline, idle_deadline);
}

void Connection::stop(const std::string& why) {
  if (over_) return;
  session_->stop(why);
  Bytes last = session_->take_output();  // a final alert, sent if the socket takes it at once
  unsent_.insert(unsent_.end(), last.begin(), last.end());
  write_pending();
  over_ = true;
}

ConnectionResult Connection::result() {
  ::shutdown(socket_.fd(), SHUT_RDWR);
  socket_ = Socket();
  return {number_, peer_, session_->finish()};
}

}  // namespace hl::live
