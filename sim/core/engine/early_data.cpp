// write_early_data(), read_early_data(): OpenSSL's 0-RTT calls and what the learner is told.
#include "core/engine/early_data.hpp"

#include <utility>

namespace hl {
namespace {

constexpr std::size_t kMaxEarlyReads = 64;
constexpr std::size_t kEarlyReadLen = 16384 + 256;

const char* the(Side side) { return side == Side::server ? "The server" : "The client"; }

}  // namespace

const char* early_data_status(const SSL* ssl) {
  static constexpr std::pair<int, const char*> kStatuses[] = {{SSL_EARLY_DATA_ACCEPTED, "accepted"},
                                                              {SSL_EARLY_DATA_REJECTED, "rejected"}};
  const int status = SSL_get_early_data_status(ssl);
  for (const auto& [code, name] : kStatuses)
    if (code == status) return name;
  return "none";  // SSL_EARLY_DATA_NOT_SENT
}

bool write_early_data(Endpoint& side, std::string& out_error) {
  std::vector<AppUnit> units = side.peer->take_output();
  if (units.empty()) return true;
  side.capture.add_event(EventKind::note, "sends early data",
                         "The ticket allows early data (its max_early_data_size), so the client does not wait: it sends "
                         "its ClientHello with the early_data extension and right behind it the request, encrypted "
                         "under client_early_traffic_secret, a key derived from the ticket's PSK and this ClientHello "
                         "alone (RFC 8446 §2.3, §7.1). No fresh key share protects it: it is 0-RTT data, and anyone "
                         "who records it can send it again (§8).");
  for (AppUnit& unit : units) {
    std::size_t written = 0;
    ERR_clear_error();
    if (SSL_write_early_data(side.ssl.get(), unit.bytes.data(), unit.bytes.size(), &written) != 1 ||
        written != unit.bytes.size()) {
      out_error = std::string(the(side.side)) + " could not send early data: " + ossl::take_error("OpenSSL refused") + ".";
      return false;
    }
    side.capture.add_app_data(unit);
    side.early_units.push_back(std::move(unit));
  }
  return true;
}

EarlyRead read_early_data(Endpoint& side, Bytes& buffer, std::string& out_error) {
  buffer.resize(kEarlyReadLen);
  for (std::size_t reads = 0; reads < kMaxEarlyReads; ++reads) {
    std::size_t read = 0;
    ERR_clear_error();
    const int result = SSL_read_early_data(side.ssl.get(), buffer.data(), buffer.size(), &read);
    if (result == SSL_READ_EARLY_DATA_SUCCESS) {
      side.received_application_data = true;
      side.capture.add_event(EventKind::note, "accepts the early data",
                             "The server opened the client's 0-RTT record with client_early_traffic_secret and hands "
                             "the request to its application now, before the handshake has finished: before the "
                             "client's Finished has proved that this is a live connection rather than a copy.");
      side.peer->receive(std::span<const std::uint8_t>(buffer.data(), read));
      continue;
    }
    if (result == SSL_READ_EARLY_DATA_FINISH) {
      side.early_data_read = true;
      if (SSL_get_early_data_status(side.ssl.get()) == SSL_EARLY_DATA_REJECTED)
        side.capture.add_event(EventKind::note, "declines the early data",
                               "The server did not take the client's early data: its EncryptedExtensions carry no "
                               "early_data extension, and it throws the 0-RTT records away unread (they do not open "
                               "under its handshake keys; it skips up to max_early_data bytes, RFC 8446 §4.2.10). "
                               "Whoever sent the ClientHello learns this from EncryptedExtensions and must send the request again after the handshake.");
      return EarlyRead::finished;
    }
    const int error = SSL_get_error(side.ssl.get(), result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return EarlyRead::waiting;
    out_error = std::string(the(side.side)) + " stopped the handshake: " + ossl::take_error("reading early data failed") + ".";
    return EarlyRead::failed;
  }
  return EarlyRead::waiting;
}

}  // namespace hl
