// Address parsing, resolution through getaddrinfo, and the loopback test.
#include "core/live/address.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

namespace hl::live {
namespace {

constexpr const char* kDefaultListenHost = "127.0.0.1";

// "8443" -> 8443; false for anything but 1 to 5 digits within [min_port, 65535].
bool read_port(const std::string& text, int min_port, int& out_port) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out_port = std::stoi(text);
  return out_port >= min_port && out_port <= 65535;
}

// Splits "host:port" or "[v6]:port"; `host` stays empty when there is no host part.
bool split_host_port(const std::string& text, std::string& out_host, std::string& out_port) {
  if (text.starts_with("[")) {
    const std::size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return false;
    out_host = text.substr(1, close - 1);
    out_port = text.substr(close + 2);
    return !out_host.empty();
  }
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    out_port = text;
    return true;
  }
  out_host = text.substr(0, colon);
  out_port = text.substr(colon + 1);
  // An unbracketed IPv6 literal would be ambiguous: one colon at most.
  return !out_host.empty() && out_host.find(':') == std::string::npos;
}

std::string port_error(const std::string& port, int min_port) {
  return "the port must be a number from " + std::to_string(min_port) + " to 65535, got '" + port + "'";
}

}  // namespace

bool parse_listen(const std::string& text, HostPort& out, std::string& out_error) {
  std::string host, port;
  if (!split_host_port(text, host, port))
    return out_error = "--listen takes [ADDR:]PORT (IPv6 in brackets, [::1]:8443), got '" + text + "'", false;
  if (!read_port(port, 0, out.port)) return out_error = port_error(port, 0), false;
  out.host = host.empty() ? kDefaultListenHost : host;
  return true;
}

bool parse_connect(const std::string& text, HostPort& out, std::string& out_error) {
  std::string host, port;
  if (!split_host_port(text, host, port) || host.empty())
    return out_error = "--connect takes HOST:PORT (IPv6 in brackets, [::1]:443), got '" + text + "'", false;
  if (!read_port(port, 1, out.port)) return out_error = port_error(port, 1), false;
  out.host = host;
  return true;
}

bool resolve(const HostPort& where, bool passive, std::vector<Resolved>& out, std::string& out_error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(where.port);
  if (const int error = getaddrinfo(where.host.c_str(), port.c_str(), &hints, &found); error != 0)
    return out_error = "cannot resolve '" + where.host + "': " + gai_strerror(error), false;
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    Resolved resolved;
    std::memcpy(&resolved.address, entry->ai_addr, entry->ai_addrlen);
    resolved.address_len = entry->ai_addrlen;
    resolved.family = entry->ai_family;
    out.push_back(resolved);
  }
  freeaddrinfo(found);
  if (out.empty()) return out_error = "'" + where.host + "' has no address", false;
  return true;
}

bool is_loopback(const Resolved& address) {
  if (address.family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address.address);
    return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  }
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address.address);
  if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr) && v6->sin6_addr.s6_addr[12] == 127;
}

std::string address_text(const sockaddr* address) {
  char host[INET6_ADDRSTRLEN] = "?";
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(ntohs(v4->sin_port));
  }
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
  inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
  return "[" + std::string(host) + "]:" + std::to_string(ntohs(v6->sin6_port));
}

}  // namespace hl::live
