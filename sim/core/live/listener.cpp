// Listener: bind, listen, accept without blocking, hand each connection a Session of the lab's server.
#include "core/live/listener.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace hl::live {
namespace {

constexpr int kBacklog = 128;
constexpr int kMaxWaitMs = 200;  // how soon a stop request is seen

std::string errno_text() { return std::strerror(errno); }

}  // namespace

bool Listener::open(const HostPort& where, std::string& out_error) {
  std::vector<Resolved> addresses;
  if (!resolve(where, true, addresses, out_error)) return false;
  const Resolved& address = addresses.front();
  socket_ = Socket(::socket(address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket_.fd() < 0) return out_error = "cannot create a socket: " + errno_text(), false;
  const int yes = 1;
  setsockopt(socket_.fd(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (::bind(socket_.fd(), reinterpret_cast<const sockaddr*>(&address.address), address.address_len) != 0)
    return out_error = "cannot listen on " + where.host + ":" + std::to_string(where.port) + ": " + errno_text(), false;
  if (::listen(socket_.fd(), kBacklog) != 0) return out_error = "cannot listen: " + errno_text(), false;
  sockaddr_storage bound{};
  socklen_t bound_len = sizeof bound;
  getsockname(socket_.fd(), reinterpret_cast<sockaddr*>(&bound), &bound_len);
  address_ = address_text(reinterpret_cast<const sockaddr*>(&bound));
  port_ = bound.ss_family == AF_INET ? ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port)
                                     : ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port);
  return true;
}

void Listener::serve(const ServeSettings& settings, const ResultHandler& finished,
                     const std::function<void(const std::string&)>& notice, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    const bool accepting = !settings.once || accepted_ == 0;
    if (!accepting && loop_.size() == 0) return;
    if (loop_.round(accepting ? socket_.fd() : -1, kMaxWaitMs, finished)) accept_waiting(settings, notice);
  }
  loop_.stop_all("The lab was stopped while this connection was open.", finished);
}

// Accepts every waiting connection; one over the bound is closed at once, so it fails fast
// instead of waiting in the backlog.
void Listener::accept_waiting(const ServeSettings& settings, const std::function<void(const std::string&)>& notice) {
  while (!settings.once || accepted_ == 0) {
    sockaddr_storage peer{};
    socklen_t peer_len = sizeof peer;
    Socket client(::accept4(socket_.fd(), reinterpret_cast<sockaddr*>(&peer), &peer_len, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (client.fd() < 0) return;  // EAGAIN: no more waiting; anything else: try again next round
    const std::string peer_text = address_text(reinterpret_cast<const sockaddr*>(&peer));
    if (loop_.size() >= settings.limits.max_connections) {
      notice("refused " + peer_text + ": " + std::to_string(loop_.size()) + " connections are open (--max-connections " +
             std::to_string(settings.limits.max_connections) + ")");
      continue;
    }
    auto session = std::make_unique<Session>(settings.scenario, Side::server, settings.contexts, settings.limits);
    std::string error;
    if (!session->start(error)) {
      notice("cannot serve " + peer_text + ": " + error);
      continue;
    }
    ++accepted_;
    loop_.add(std::make_unique<Connection>(accepted_, peer_text, std::move(client), std::move(session), settings.limits));
  }
}

}  // namespace hl::live
