// NSS key log lines (the format SSLKEYLOGFILE writes), parsed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::crypto {

/// One line: "<LABEL> <client_random hex> <secret hex>"; for label RSA (TLS 1.2 RSA key exchange)
/// the middle field is the first 8 bytes of the encrypted premaster and the secret is the premaster.
struct KeyLogEntry {
  std::string label;
  Bytes client_random;
  Bytes secret;
  std::size_t step = 0;     // the secret event's step (from 1), 0 when read from Transcript::keylog only
  std::optional<Side> side; // who logged it, when known
};

/// Parses one line; nullopt for a comment, a blank or a malformed line.
std::optional<KeyLogEntry> parse_keylog_line(const std::string& line);

/// Every key log line for the connection with `client_random` (and every RSA line): each side's
/// from its secret events on `connection` (with side and step), then any line of Transcript::keylog
/// no event carries. A replayed ClientHello (attack=replay-early-data) brings the same client random
/// to another connection: the connection tells their lines apart.
std::vector<KeyLogEntry> keylog_entries(const Transcript& transcript, const Bytes& client_random, int connection);

}  // namespace hl::crypto
