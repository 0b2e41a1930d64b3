// Mallory's abilities (bit flips, extension removal with length fix-ups) and the attacks
// built from them. Parsing goes through the bounded cursor: a record she cannot parse is
// passed on untouched.
#include "core/engine/attacker.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <span>

#include "core/engine/attacker_starttls.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/event_groups.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/fields.hpp"

namespace hl {
namespace {

using record::kHeaderLen;
constexpr std::uint8_t kClientHello = 1;
constexpr std::uint8_t kServerHello = 2;
constexpr std::uint16_t kServerNameExtension = 0;
constexpr std::uint16_t kSupportedVersionsExtension = 43;
constexpr std::size_t kHandshakeHeaderLen = 4;  // msg_type (1) + length (3)
constexpr std::size_t kRandomLen = 32;
constexpr std::size_t kSentinelLen = 8;        // RFC 8446 §4.1.3: the last 8 bytes of ServerHello.random
constexpr std::string_view kDowngrade = "DOWNGRD";  // the sentinel's first 7 bytes

void put_u16(Bytes& bytes, std::size_t at, std::size_t value) {
  bytes[at] = static_cast<std::uint8_t>(value >> 8);
  bytes[at + 1] = static_cast<std::uint8_t>(value);
}

void put_u24(Bytes& bytes, std::size_t at, std::size_t value) {
  bytes[at] = static_cast<std::uint8_t>(value >> 16);
  put_u16(bytes, at + 1, value & 0xFFFF);
}

std::string hex_byte(std::uint8_t byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", byte);
  return text;
}

std::string hex_bytes(std::span<const std::uint8_t> bytes) {
  std::string text;
  for (std::uint8_t byte : bytes) text += (text.empty() ? "" : " ") + hex_byte(byte).substr(2);
  return text;
}

// Where a ClientHello's pieces sit, as absolute offsets into its record.
struct HelloLayout {
  std::size_t extensions_len_at = 0;  // the uint16 length of extensions<8..2^16-1>
  wire::Cursor extensions;            // the extensions themselves
};

// struct { ProtocolVersion legacy_version; Random random; opaque legacy_session_id<0..32>;
//          CipherSuite cipher_suites<2..2^16-2>; opaque legacy_compression_methods<1..2^8-1>;
//          Extension extensions<8..2^16-1>; } ClientHello;   (RFC 8446 §4.1.2)
bool read_client_hello(const Bytes& record, HelloLayout& out_layout) {
  wire::Cursor c(record);
  std::uint8_t type = 0, msg_type = 0;
  std::uint32_t body_len = 0;
  wire::Cursor fragment, body, skipped;
  if (!c.u8(type) || type != record::kHandshake || !c.skip(2) || !c.prefixed(2, fragment) || !c.empty()) return false;
  if (!fragment.u8(msg_type) || msg_type != kClientHello || !fragment.u24(body_len)) return false;
  if (!fragment.sub(body_len, body) || !fragment.empty()) return false;
  if (!body.skip(2 + kRandomLen) || !body.prefixed(1, skipped) || !body.prefixed(2, skipped) ||
      !body.prefixed(1, skipped))
    return false;
  out_layout.extensions_len_at = body.offset();
  return body.prefixed(2, out_layout.extensions) && body.empty();
}

// The host name in a ClientHello's server_name extension, or "" when there is none.
std::string server_name_of(const Bytes& record) {
  HelloLayout layout;
  if (!read_client_hello(record, layout)) return {};
  wire::Cursor extensions = layout.extensions;
  std::uint16_t type = 0;
  wire::Cursor data, list, name;
  std::uint8_t name_type = 0;
  while (extensions.u16(type) && extensions.prefixed(2, data)) {
    if (type != kServerNameExtension) continue;
    if (!data.prefixed(2, list) || !list.u8(name_type) || !list.prefixed(2, name)) return {};
    return wire::escaped_text(name.rest());
  }
  return {};
}

// The last 8 bytes of a plaintext ServerHello's random, or empty.
std::span<const std::uint8_t> server_random_tail(const Step& step) {
  const std::size_t random_at = kHeaderLen + kHandshakeHeaderLen + 2;
  if (step.kind != StepKind::record || step.is_protected || step.bytes.size() < random_at + kRandomLen) return {};
  if (step.bytes[0] != record::kHandshake || step.bytes[kHeaderLen] != kServerHello) return {};
  return std::span<const std::uint8_t>(step.bytes).subspan(random_at + kRandomLen - kSentinelLen, kSentinelLen);
}

bool is_application_data(const Step& step) {
  return step.kind == StepKind::record && step.inner_type == record::kApplicationData;
}

std::string who(Side side) { return side == Side::client ? "client" : "server"; }

}  // namespace

bool flip_bit(Bytes& bytes, std::size_t offset) {
  if (offset >= bytes.size()) return false;
  bytes[offset] ^= 0x01;
  return true;
}

bool remove_client_hello_extension(Bytes& record, std::uint16_t type) {
  HelloLayout layout;
  if (!read_client_hello(record, layout)) return false;
  wire::Cursor extensions = layout.extensions;
  while (!extensions.empty()) {
    const std::size_t start = extensions.offset();
    std::uint16_t found = 0;
    wire::Cursor data;
    if (!extensions.u16(found) || !extensions.prefixed(2, data)) return false;
    if (found != type) continue;
    const std::size_t removed = extensions.offset() - start;
    record.erase(record.begin() + static_cast<std::ptrdiff_t>(start),
                 record.begin() + static_cast<std::ptrdiff_t>(start + removed));
    // Every length that enclosed it shrinks by as much: extensions, handshake body, record.
    put_u16(record, layout.extensions_len_at, layout.extensions.remaining() - removed);
    put_u24(record, kHeaderLen + 1, record.size() - kHeaderLen - kHandshakeHeaderLen);
    put_u16(record, 3, record.size() - kHeaderLen);
    return true;
  }
  return false;
}

Delivery Attacker::intervene(Step& step) {
  if (!present()) return Delivery::deliver;
  const std::size_t number = grouped_number(progress_.steps, step);  // as the trace numbers it
  if (scenario_.attack == Attack::tamper) tamper(step, number);
  if (scenario_.attack == Attack::downgrade) downgrade(step, number);
  if (std::string what = starttls_attack(scenario_, step); !what.empty()) changed(number, std::move(what));
  observe(step, number);
  if (scenario_.attack == Attack::delay_record && delay(step, number)) return Delivery::delay;
  return Delivery::deliver;
}

// inject-record: behind the client's first application data, a record she made up. She has
// no key, so its "ciphertext" is her own text and its tag cannot verify.
// inject-line: behind the client's upgrade command, a command of her own, as its own segment.
std::vector<Step> Attacker::inject(const Step& passed) {
  if (injected_ || passed.from != Side::client) return {};
  Step extra;
  extra.from = Side::attacker;
  extra.connection = passed.connection;
  if (scenario_.attack == Attack::inject_record && is_application_data(passed)) {
    const std::string_view text = "Mallory's own bytes, no key: no valid tag.";
    extra.kind = StepKind::record;
    extra.bytes.resize(kHeaderLen + text.size());  // header: application_data, TLS 1.2 record version, length
    extra.bytes[0] = record::kApplicationData;
    extra.bytes[1] = extra.bytes[2] = 0x03;
    put_u16(extra.bytes, 3, text.size());
    std::copy(text.begin(), text.end(), extra.bytes.begin() + kHeaderLen);
    extra.content_type = record::kApplicationData;
    extra.is_protected = true;
    extra.version = passed.version;
    extra.title = "Application Data (injected by Mallory)";
  } else if (scenario_.attack == Attack::inject_line) {
    const std::string command = command_behind_upgrade(scenario_, passed);
    if (command.empty()) return {};
    extra.kind = StepKind::app_line;
    extra.bytes = Bytes(command.begin(), command.end());
    extra.protocol = scenario_.protocol;
    extra.app_unit = scenario_.protocol == "ldap" ? "LDAP bind request" : command.substr(0, command.find("\r\n"));
    extra.title = extra.app_unit + " (injected by Mallory)";
  } else {
    return {};
  }
  injected_ = true;
  extra.to = passed.to;
  const std::size_t number = grouped_number(progress_.steps, extra);
  changed(number, extra.kind == StepKind::record
                      ? "injected a record of her own behind the client's " + passed.title + ": application_data with " +
                            std::to_string(extra.bytes.size() - kHeaderLen) +
                            " bytes she wrote herself; without the traffic key she cannot make a tag that verifies"
                      : "sent " + extra.app_unit + " of her own right behind the client's " + passed.app_unit +
                            ", as a separate segment: the server has already switched to TLS and reads it as TLS");
  return {std::move(extra)};
}

// delay-record: the server's first handshake record after its ServerHello (TLS 1.3's
// EncryptedExtensions, TLS 1.2's Certificate) is held and let go after the next one.
bool Attacker::delay(const Step& step, std::size_t number) {
  if (delayed_ || step.kind != StepKind::record || step.from != Side::server || step.messages.empty() ||
      step.inner_type != record::kHandshake || carries(step, HandshakeType::server_hello))
    return false;
  delayed_ = true;
  changed(number, "held back the server's " + step.title + " and lets it go after the server's next record: the "
                  "client receives the two out of order");
  return true;
}

// What crosses in the clear: application lines whole, the ClientHello's server name, the
// ServerHello's downgrade sentinel. Protected records give her nothing but their size.
void Attacker::observe(const Step& step, std::size_t number) {
  if (step.kind == StepKind::app_line) {
    report_.read.push_back({number, who(step.from) + " says in the clear: " + wire::escaped_text(step.bytes)});
    if (std::string credentials = decoded_credentials(step); !credentials.empty()) report_.read.push_back({number, credentials});
    return;
  }
  if (step.kind != StepKind::record || step.is_protected) return;
  if (carries(step, HandshakeType::client_hello)) {
    const std::string name = server_name_of(step.bytes);
    if (!name.empty()) report_.read.push_back({number, "the server name the client asks for: " + name});
  }
  const auto tail = server_random_tail(step);
  if (!tail.empty() && std::equal(kDowngrade.begin(), kDowngrade.end(), tail.begin()))
    report_.read.push_back({number, "ServerHello.random ends with the downgrade sentinel " + hex_bytes(tail) +
                                        " (\"DOWNGRD\" + " + hex_byte(tail.back()) + ")"});
}

// One bit, once: at the step and byte asked for, else in the middle of the first record that
// carries application data (TLS 1.3's EncryptedExtensions also has outer type 23, but its
// inner type is handshake, so it is not the target).
void Attacker::tamper(Step& step, std::size_t number) {
  if (tampered_) return;
  const TamperSpot& spot = scenario_.tamper;
  if (spot.step != 0 && spot.step != number) return;
  if (spot.step == 0 && !is_application_data(step)) return;
  const std::size_t payload_len = step.bytes.size() > kHeaderLen ? step.bytes.size() - kHeaderLen : 0;
  const std::size_t offset = spot.step != 0 ? spot.byte : kHeaderLen + payload_len / 2;
  if (step.kind == StepKind::event) return;
  tampered_ = true;
  const std::uint8_t before = offset < step.bytes.size() ? step.bytes[offset] : 0;
  if (!flip_bit(step.bytes, offset)) return;  // past the end: she changes nothing
  changed(number, "flipped the lowest bit of byte " + std::to_string(offset) + " of " + who(step.from) + "'s " +
                      step.title + ": " + hex_byte(before) + " -> " + hex_byte(step.bytes[offset]));
}

void Attacker::downgrade(Step& step, std::size_t number) {
  if (step.kind != StepKind::record || step.from != Side::client || !carries(step, HandshakeType::client_hello)) return;
  const std::size_t before = step.bytes.size();
  if (!remove_client_hello_extension(step.bytes, kSupportedVersionsExtension)) return;
  changed(number, "removed supported_versions from the ClientHello (" + std::to_string(before - step.bytes.size()) +
                      " bytes) and shortened the extensions, handshake and record lengths: the server now sees a "
                      "client that offers TLS 1.2 at most");
}

}  // namespace hl
