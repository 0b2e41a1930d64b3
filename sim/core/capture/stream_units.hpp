// One direction of a reassembled connection cut into what a lesson run calls steps: TLS
// records, and before TLS starts, the application protocol's plaintext units (a line, an
// SMTP multi-line reply, an HTTP message, an LDAP BER message).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/capture/tcp_reassembly.hpp"

namespace hl::capture {

/// The application protocol a server port usually speaks, and whether TLS starts at once.
struct PortProtocol {
  int port = 0;
  const char* protocol = "";  // "http", "smtp", "imap", "pop3", "ftp", "ldap"
  bool implicit_tls = false;  // TLS from the first byte (443, 465, 993, ...), else plaintext or STARTTLS
};

/// The row for a server port, or nullptr for a port the lab does not know (then the bytes decide).
const PortProtocol* port_protocol(int port);

/// One step's worth of one direction's bytes.
struct WireUnit {
  bool record = false;         // a TLS record; else an application-protocol unit in the clear
  std::size_t offset = 0;      // into the direction's data
  std::size_t len = 0;
  std::uint64_t packet = 0;    // the packet after which the unit had arrived whole
};

/// The units of one direction, and why cutting stopped before its end (empty when it did not).
struct DirectionUnits {
  std::vector<WireUnit> units;
  std::string stopped;
};

/// Cuts `direction` into units: plaintext units of `protocol` ("" when unknown) until a TLS
/// record starts, then records. `from_client` picks the unit rules (an SMTP client sends lines,
/// its server multi-line replies).
DirectionUnits cut_units(const StreamDirection& direction, const std::string& protocol, bool from_client);

/// True when the bytes at the front look like a TLS record header (type 20..23, version 3.x).
bool looks_like_record(std::span<const std::uint8_t> bytes);

}  // namespace hl::capture
