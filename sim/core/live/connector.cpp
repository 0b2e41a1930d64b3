// connect_and_record(): a non-blocking connect bounded by the handshake timeout, then the same
// loop that serves the listener's connections, with one connection in it.
#include "core/live/connector.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "core/live/loop.hpp"

namespace hl::live {
namespace {

constexpr int kMaxWaitMs = 200;

// A connected non-blocking socket to `address`, or an invalid one with the reason in out_error.
Socket connect_within(const Resolved& address, int timeout_ms, std::string& out_error) {
  Socket socket(::socket(address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) return out_error = std::strerror(errno), Socket();
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address.address), address.address_len) == 0) return socket;
  if (errno != EINPROGRESS) return out_error = std::strerror(errno), Socket();
  pollfd wait{socket.fd(), POLLOUT, 0};
  if (::poll(&wait, 1, timeout_ms) != 1) return out_error = "no answer within " + std::to_string(timeout_ms) + " ms", Socket();
  int error = 0;
  socklen_t error_len = sizeof error;
  getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &error_len);
  if (error != 0) return out_error = std::strerror(error), Socket();
  return socket;
}

}  // namespace

bool connect_and_record(const HostPort& where, const Scenario& scenario, std::shared_ptr<const ContextPair> contexts,
                        const Limits& limits, const std::atomic<bool>& stop, ConnectionResult& out_result,
                        std::string& out_error) {
  std::vector<Resolved> addresses;
  if (!resolve(where, false, addresses, out_error)) return false;
  Socket socket;
  std::string peer_text, why;
  for (const Resolved& address : addresses) {
    peer_text = address_text(reinterpret_cast<const sockaddr*>(&address.address));
    socket = connect_within(address, limits.handshake_timeout_ms, why);
    if (socket.fd() >= 0) break;
  }
  if (socket.fd() < 0) return out_error = "cannot connect to " + where.host + ":" + std::to_string(where.port) + ": " + why, false;
  auto session = std::make_unique<Session>(scenario, Side::client, std::move(contexts), limits);
  if (!session->start(out_error)) return false;

  Loop loop;
  loop.add(std::make_unique<Connection>(1, peer_text, std::move(socket), std::move(session), limits));
  bool recorded = false;
  const ResultHandler keep = [&](ConnectionResult result) {
    out_result = std::move(result);
    recorded = true;
  };
  while (!recorded && !stop.load()) loop.round(-1, kMaxWaitMs, keep);
  if (!recorded) loop.stop_all("The lab was stopped while the connection was open.", keep);
  return true;
}

}  // namespace hl::live
