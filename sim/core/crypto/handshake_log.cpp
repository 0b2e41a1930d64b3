#include "core/crypto/handshake_log.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <utility>

#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"

namespace hl::crypto {
namespace {

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr std::array<std::uint8_t, 32> kHelloRetryRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

constexpr std::size_t kMessageHeaderLen = 4;  // msg_type (1) + length (3)
constexpr std::size_t kRandomAt = kMessageHeaderLen + 2;  // after legacy_version
constexpr std::size_t kRandomLen = 32;
constexpr std::uint16_t kSupportedVersionsExt = 43;

// TLS 1.3 TLSInnerPlaintext: content, then the real type, then zeros.
Bytes strip_inner_plaintext(const Bytes& plaintext) {
  std::size_t end = plaintext.size();
  while (end > 0 && plaintext[end - 1] == 0) --end;
  if (end == 0) return {};
  return Bytes(plaintext.begin(), plaintext.begin() + static_cast<std::ptrdiff_t>(end - 1));
}

// Splits whole messages off the front of one direction's buffer.
void take_complete(Bytes& buffer, Side from, std::size_t step, std::vector<HandshakeMessage>& out) {
  std::size_t at = 0;
  while (buffer.size() - at >= kMessageHeaderLen) {
    const std::size_t body_len = (std::size_t{buffer[at + 1]} << 16) | (std::size_t{buffer[at + 2]} << 8) | buffer[at + 3];
    if (buffer.size() - at - kMessageHeaderLen < body_len) break;
    HandshakeMessage message;
    message.type = buffer[at];
    message.bytes.assign(buffer.begin() + static_cast<std::ptrdiff_t>(at),
                         buffer.begin() + static_cast<std::ptrdiff_t>(at + kMessageHeaderLen + body_len));
    message.from = from;
    message.step = step;
    message.hello_retry = message.type == kServerHello && message.bytes.size() >= kRandomAt + kRandomLen &&
                          std::memcmp(message.bytes.data() + kRandomAt, kHelloRetryRandom.data(), kRandomLen) == 0;
    out.push_back(std::move(message));
    at += kMessageHeaderLen + body_len;
  }
  buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(at));
}

}  // namespace

Bytes handshake_content(const Step& step) {
  if (step.kind != StepKind::record || step.bytes.size() < record::kHeaderLen) return {};
  if (step.is_protected) {
    if (step.inner_type != record::kHandshake) return {};
    return step.version == 0x0304 ? strip_inner_plaintext(step.plaintext) : step.plaintext;
  }
  if (step.bytes[0] != record::kHandshake) return {};
  return Bytes(step.bytes.begin() + record::kHeaderLen, step.bytes.end());
}

std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript) {
  std::vector<HandshakeMessage> messages;
  std::map<std::pair<int, Side>, Bytes> pending;  // per connection and direction: bytes of a message not yet complete
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.by_attacker) continue;  // a held record let go late is already counted where its sender sent it
    const Bytes content = handshake_content(step);
    if (content.empty()) continue;
    Bytes& buffer = pending[{step.connection, sender_role(step)}];
    buffer.insert(buffer.end(), content.begin(), content.end());
    const std::size_t first_new = messages.size();
    take_complete(buffer, sender_role(step), i + 1, messages);
    for (std::size_t m = first_new; m < messages.size(); ++m) messages[m].connection = step.connection;
  }
  return messages;
}

std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript, int connection) {
  std::vector<HandshakeMessage> messages = handshake_messages(transcript);
  std::erase_if(messages, [&](const HandshakeMessage& m) { return m.connection != connection; });
  return messages;
}

std::optional<std::size_t> find_message(const std::vector<HandshakeMessage>& messages, std::uint8_t type, Side from,
                                        std::size_t start) {
  for (std::size_t i = start; i < messages.size(); ++i)
    if (messages[i].type == type && messages[i].from == from && !messages[i].hello_retry) return i;
  return std::nullopt;
}

Bytes hello_random(const HandshakeMessage& hello) {
  if (hello.bytes.size() < kRandomAt + kRandomLen) return {};
  return Bytes(hello.bytes.begin() + kRandomAt, hello.bytes.begin() + kRandomAt + kRandomLen);
}

std::uint16_t server_hello_version(const HandshakeMessage& server_hello) {
  auto supported = hello_extension(server_hello, kSupportedVersionsExt);
  if (supported && supported->size() == 2) return static_cast<std::uint16_t>((*supported)[0] << 8 | (*supported)[1]);
  return server_hello.bytes.size() >= 6 ? static_cast<std::uint16_t>(server_hello.bytes[4] << 8 | server_hello.bytes[5])
                                        : 0;
}

// struct { ProtocolVersion legacy_version; Random random; opaque legacy_session_id<0..32>;
//          CipherSuite cipher_suite; ... } ServerHello;
std::uint16_t server_hello_suite(const HandshakeMessage& server_hello) {
  wire::Cursor body(std::span(server_hello.bytes).subspan(std::min(server_hello.bytes.size(), kMessageHeaderLen)));
  wire::Cursor session_id;
  std::uint16_t suite = 0;
  if (!body.skip(2 + kRandomLen) || !body.prefixed(1, session_id) || !body.u16(suite)) return 0;
  return suite;
}

// ClientHello: version, random, session_id<..>, cipher_suites<2..>, compression<1..>, extensions<..>.
// ServerHello: version, random, session_id<..>, cipher_suite, compression, extensions<..>.
std::optional<wire::Cursor> hello_extension_cursor(const HandshakeMessage& hello, std::uint16_t type) {
  wire::Cursor body(std::span(hello.bytes).subspan(std::min(hello.bytes.size(), kMessageHeaderLen)),
                    std::min(hello.bytes.size(), kMessageHeaderLen));
  wire::Cursor skipped;
  if (!body.skip(2 + kRandomLen) || !body.prefixed(1, skipped)) return std::nullopt;
  const bool client = hello.type == kClientHello;
  if (client && (!body.prefixed(2, skipped) || !body.prefixed(1, skipped))) return std::nullopt;
  if (!client && !body.skip(3)) return std::nullopt;
  return extension_in_block(body, type);
}

// Extension extensions<0..2^16-1>, each: ExtensionType extension_type; opaque extension_data<0..2^16-1>.
std::optional<wire::Cursor> extension_in_block(wire::Cursor block, std::uint16_t type) {
  wire::Cursor extensions;
  if (!block.prefixed(2, extensions)) return std::nullopt;
  while (!extensions.empty()) {
    std::uint16_t ext_type = 0;
    wire::Cursor data;
    if (!extensions.u16(ext_type) || !extensions.prefixed(2, data)) return std::nullopt;
    if (ext_type == type) return data;
  }
  return std::nullopt;
}

std::optional<Bytes> hello_extension(const HandshakeMessage& hello, std::uint16_t type) {
  auto data = hello_extension_cursor(hello, type);
  if (!data) return std::nullopt;
  return Bytes(data->rest().begin(), data->rest().end());
}

}  // namespace hl::crypto
