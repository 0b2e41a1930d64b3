// Where live mode listens or connects: "[ADDR:]PORT" and "HOST:PORT" read, resolved and checked
// against the safety rule (loopback only, unless the user allows remote peers).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <vector>

namespace hl::live {

/// A host (name or literal, IPv6 without brackets) and a port.
struct HostPort {
  std::string host;
  int port = 0;
};

/// Reads "[ADDR:]PORT" (--listen): ADDR defaults to 127.0.0.1, PORT 0 asks for an ephemeral port.
/// IPv6 literals go in brackets: "[::1]:8443". False, with one sentence in out_error, when malformed.
[[nodiscard]] bool parse_listen(const std::string& text, HostPort& out, std::string& out_error);

/// Reads "HOST:PORT" (--connect), PORT from 1 to 65535. False, with one sentence in out_error, when malformed.
[[nodiscard]] bool parse_connect(const std::string& text, HostPort& out, std::string& out_error);

/// One resolved socket address.
struct Resolved {
  sockaddr_storage address{};
  socklen_t address_len = 0;
  int family = AF_INET;
};

/// Every address `where` resolves to (numeric hosts need no lookup; `passive` for binding).
/// False, with one sentence in out_error, when it resolves to none.
[[nodiscard]] bool resolve(const HostPort& where, bool passive, std::vector<Resolved>& out, std::string& out_error);

/// True when the address is in 127.0.0.0/8 or is ::1 (or an IPv4-mapped loopback).
bool is_loopback(const Resolved& address);

/// "127.0.0.1:8443", "[::1]:8443".
std::string address_text(const sockaddr* address);

}  // namespace hl::live
