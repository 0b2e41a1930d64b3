// ServerHello: version and suite; key_share (TLS 1.3) or ServerKeyExchange (TLS 1.2): group;
// CertificateVerify: signature scheme; EncryptedExtensions or ServerHello: ALPN.
#include "core/capture/capture_outcome.hpp"

#include "core/crypto/handshake_log.hpp"
#include "core/engine/outcome.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/names.hpp"

namespace hl::capture {
namespace {

using crypto::HandshakeMessage;

constexpr std::uint16_t kKeyShareExt = 51, kAlpnExt = 16;
constexpr std::uint8_t kNamedCurve = 3;  // ECCurveType named_curve (RFC 8422 §5.4)
constexpr std::size_t kMessageHeaderLen = 4;

std::string name_or_hex(const char* name, std::uint32_t code) {
  if (name != nullptr) return name;
  char text[16];
  std::snprintf(text, sizeof text, "0x%04x", code);
  return text;
}

wire::Cursor body_of(const HandshakeMessage& m) {
  return wire::Cursor(std::span(m.bytes).subspan(std::min(m.bytes.size(), kMessageHeaderLen)));
}

// ProtocolNameList: opaque ProtocolName<1..2^8-1> list<2..2^16-1>; the server names one.
std::string first_protocol(wire::Cursor data) {
  wire::Cursor list, name;
  if (!data.prefixed(2, list) || !list.prefixed(1, name)) return {};
  const auto bytes = name.rest();
  return std::string(bytes.begin(), bytes.end());
}

std::string group_of(const std::vector<HandshakeMessage>& messages, const HandshakeMessage& hello, std::uint16_t version) {
  std::uint16_t group = 0;
  if (version == record::kTls13) {
    auto share = crypto::hello_extension_cursor(hello, kKeyShareExt);  // KeyShareEntry: group, key_exchange<1..>
    if (!share || !share->u16(group)) return {};
    return name_or_hex(wire::named_group_name(group), group);
  }
  auto ske = crypto::find_message(messages, static_cast<std::uint8_t>(HandshakeType::server_key_exchange), Side::server);
  if (!ske) return {};
  wire::Cursor body = body_of(messages[*ske]);
  std::uint8_t curve_type = 0;
  if (!body.u8(curve_type) || curve_type != kNamedCurve || !body.u16(group)) return {};
  return name_or_hex(wire::named_group_name(group), group);
}

void read_negotiated(const std::vector<HandshakeMessage>& messages, Negotiated& n) {
  const auto hello = crypto::find_message(messages, crypto::kServerHello, Side::server);
  if (!hello) return;
  const std::uint16_t version = crypto::server_hello_version(messages[*hello]);
  const std::uint16_t suite = crypto::server_hello_suite(messages[*hello]);
  n.version = version == record::kTls13 ? "TLSv1.3" : version == record::kTls12 ? "TLSv1.2" : name_or_hex(wire::version_name(version), version);
  n.cipher = name_or_hex(wire::cipher_suite_name(suite), suite);
  n.group = group_of(messages, messages[*hello], version);
  if (auto verify = crypto::find_message(messages, crypto::kCertificateVerify, Side::server)) {
    wire::Cursor body = body_of(messages[*verify]);
    std::uint16_t scheme = 0;
    if (version == record::kTls13 && body.u16(scheme)) n.sigalg = name_or_hex(wire::signature_scheme_name(scheme), scheme);
  }
  const auto ee = crypto::find_message(messages, static_cast<std::uint8_t>(HandshakeType::encrypted_extensions), Side::server);
  std::optional<wire::Cursor> alpn = ee ? crypto::extension_in_block(body_of(messages[*ee]), kAlpnExt) : crypto::hello_extension_cursor(messages[*hello], kAlpnExt);
  if (alpn) n.alpn = first_protocol(*alpn);
}

}  // namespace

void read_outcome(Transcript& t) {
  const auto messages = crypto::handshake_messages(t);
  read_negotiated(messages, t.negotiated);
  const auto hello = crypto::find_message(messages, crypto::kServerHello, Side::server);
  const std::size_t after = hello.value_or(0);
  t.handshake_complete = hello && crypto::find_message(messages, crypto::kFinished, Side::server, after) &&
                         crypto::find_message(messages, crypto::kFinished, Side::client, after);
  const FailureCause cause = failure_cause(t);
  if (!t.handshake_complete && cause.alert_step != 0)
    t.failure = "the " + std::string(side_name(cause.alert_from)) + " sent a fatal alert, " + cause.alert_name + ", at step " +
                std::to_string(cause.alert_step);
}

}  // namespace hl::capture
