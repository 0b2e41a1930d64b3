// Units are found by their own framing: a record by its 5-byte header and length, a line by
// its line feed, an SMTP/FTP reply by its last "NNN " line, an HTTP message by its blank line
// and Content-Length, an LDAP message by its BER length.
#include "core/capture/stream_units.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>

#include "core/model/record_layer.hpp"
#include "core/protocols/ber_codec.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl::capture {
namespace {

constexpr PortProtocol kPorts[] = {
    {80, "http", false},  {443, "http", true},  {8080, "http", false}, {8443, "http", true},
    {25, "smtp", false},  {587, "smtp", false}, {465, "smtp", true},   {143, "imap", false},
    {993, "imap", true},  {110, "pop3", false}, {995, "pop3", true},   {21, "ftp", false},
    {990, "ftp", true},   {389, "ldap", false}, {636, "ldap", true},
};

std::string_view text_of(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Length of a whole HTTP message at the front (header block, then a Content-Length body), 0 while incomplete.
std::size_t http_message_len(std::string_view text) {
  const std::size_t head_end = text.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return 0;
  const std::size_t head_len = head_end + 4;
  std::string lower(text.substr(0, head_len));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::size_t field = lower.find("\r\ncontent-length:");
  if (field == std::string::npos) return head_len;
  std::size_t at = field + 17;
  while (at < lower.size() && lower[at] == ' ') ++at;
  std::size_t body_len = 0;
  const auto parsed = std::from_chars(lower.data() + at, lower.data() + lower.size(), body_len);
  if (parsed.ec != std::errc() || body_len > text.size() - head_len) return 0;
  return head_len + body_len;
}

// Length of the first plaintext unit of `protocol` at the front of `rest`, 0 while incomplete.
std::size_t plaintext_unit_len(std::span<const std::uint8_t> rest, const std::string& protocol, bool from_client) {
  const std::string_view text = text_of(rest);
  if (protocol == "ldap") {
    ber::Tlv tlv;
    return ber::read_tlv(rest, tlv) ? tlv.total_len : 0;
  }
  if (protocol == "http") return http_message_len(text);
  if (!from_client && (protocol == "smtp" || protocol == "ftp") && reply_code(text) != 0) return numeric_reply_len(text);
  const std::size_t newline = text.find('\n');
  return newline == std::string_view::npos ? 0 : newline + 1;
}

}  // namespace

const PortProtocol* port_protocol(int port) {
  auto row = std::find_if(std::begin(kPorts), std::end(kPorts), [&](const PortProtocol& r) { return r.port == port; });
  return row == std::end(kPorts) ? nullptr : row;
}

bool looks_like_record(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= 3 && bytes[0] >= record::kChangeCipherSpec && bytes[0] <= record::kApplicationData &&
         bytes[1] == 3 && bytes[2] <= 4;
}

DirectionUnits cut_units(const StreamDirection& direction, const std::string& protocol, bool from_client) {
  DirectionUnits out;
  const std::span<const std::uint8_t> data(direction.data);
  std::size_t at = 0;
  bool in_tls = false;
  auto arrival = direction.arrivals.begin();
  while (at < data.size()) {
    const auto rest = data.subspan(at);
    in_tls = in_tls || looks_like_record(rest);
    std::size_t len = 0;
    if (in_tls && looks_like_record(rest) && rest.size() >= record::kHeaderLen)
      len = record::kHeaderLen + ((std::size_t{rest[3]} << 8) | rest[4]);
    if (in_tls && !looks_like_record(rest)) {
      out.stopped = "stream byte " + std::to_string(at) + " is not the start of a TLS record; the rest is left out";
      break;
    }
    if (!in_tls) len = plaintext_unit_len(rest, protocol, from_client);
    if (!in_tls && len == 0 && direction.stopped.empty()) len = rest.size();  // the connection's last words, unterminated
    if (len == 0 || len > rest.size()) {
      out.stopped = "the " + std::string(in_tls ? "TLS record" : "unit") + " at stream byte " + std::to_string(at) +
                    " is cut off: " + std::to_string(rest.size()) + " of its bytes arrived";
      break;
    }
    WireUnit unit{in_tls, at, len, 0};
    arrival = std::lower_bound(arrival, direction.arrivals.end(), at + len,
                               [](const Arrival& a, std::uint64_t end) { return a.end < end; });
    unit.packet = arrival == direction.arrivals.end() ? 0 : arrival->packet;
    out.units.push_back(unit);
    at += len;
  }
  return out;
}

}  // namespace hl::capture
