// What a TLS record shows a passive observer: its 5-byte header always; the whole payload
// when it is not encrypted (the hellos, TLS 1.2's certificate, alerts before encryption),
// with the ClientHello's giveaways pulled out: server name, ALPN, offered suites and versions.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/export/eavesdropper_detail.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"
#include "core/wire/x509.hpp"
#include "core/model/counts.hpp"

namespace hl::eavesdrop {
namespace {

using wire::Cursor;

using record::kAlert;
using record::kHandshake;
using record::kHeaderLen;

std::string name_or_hex(const char* name, std::uint32_t code) {
  if (name) return name;
  char text[12];
  std::snprintf(text, sizeof text, "0x%04x", code);
  return text;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A vector of 2-byte codes shown by name, exposed over its whole range (length prefix included).
void expose_codes(Cursor& c, std::size_t prefix_len, const char* what, wire::Namer namer, std::vector<Exposure>& out) {
  std::size_t start = c.offset();
  Cursor list = c;
  if (!c.prefixed(prefix_len, list)) return;
  std::vector<std::string> names;
  std::uint16_t code = 0;
  while (list.u16(code)) names.push_back(name_or_hex(namer(code), code));
  out.push_back({what, join(names), start, c.offset() - start, false});
}

// server_name extension (RFC 6066 §3): ServerNameList { NameType, HostName<1..2^16-1> }.
void expose_server_name(Cursor data, std::vector<Exposure>& out) {
  Cursor list = data, host = data;
  std::uint8_t type = 0;
  if (!data.prefixed(2, list) || !list.u8(type) || type != 0) return;
  std::size_t start = list.offset() + 2;
  if (!list.prefixed(2, host)) return;
  auto bytes = host.take_rest();
  out.push_back({"server name (SNI)", std::string(bytes.begin(), bytes.end()), start, bytes.size(), false});
}

// ALPN (RFC 7301 §3.1): ProtocolNameList<2..2^16-1> of ProtocolName<1..2^8-1>.
void expose_alpn(Cursor data, std::vector<Exposure>& out) {
  std::size_t start = data.offset();
  Cursor list = data, name = data;
  if (!data.prefixed(2, list)) return;
  std::vector<std::string> names;
  while (list.prefixed(1, name)) {
    auto bytes = name.take_rest();
    names.emplace_back(bytes.begin(), bytes.end());
  }
  out.push_back({"ALPN (application protocols offered)", join(names), start, data.offset() - start, false});
}

/* ClientHello { legacy_version, random[32], legacy_session_id<0..32>, cipher_suites<2..2^16-2>,
                 legacy_compression_methods<1..2^8-1>, extensions<8..2^16-1> }   (RFC 8446 §4.1.2) */
void expose_client_hello(Cursor body, std::vector<Exposure>& out) {
  Cursor skipped = body;
  if (!body.skip(2 + 32) || !body.prefixed(1, skipped)) return;
  expose_codes(body, 2, "offered cipher suites", wire::cipher_suite_name, out);
  Cursor extensions = body;
  if (!body.prefixed(1, skipped) || !body.prefixed(2, extensions)) return;
  std::uint16_t type = 0;
  Cursor data = extensions;
  while (extensions.u16(type) && extensions.prefixed(2, data)) {
    if (type == 0) expose_server_name(data, out);
    if (type == 16) expose_alpn(data, out);
    if (type == 43) expose_codes(data, 1, "offered TLS versions", wire::version_name, out);
  }
}

// ServerHello: the chosen suite sits after version, random and session id.
void expose_server_hello(Cursor body, std::vector<Exposure>& out) {
  Cursor skipped = body;
  std::size_t start = 0;
  std::uint16_t suite = 0;
  if (!body.skip(2 + 32) || !body.prefixed(1, skipped)) return;
  start = body.offset();
  if (!body.u16(suite)) return;
  out.push_back({"chosen cipher suite", name_or_hex(wire::cipher_suite_name(suite), suite), start, 2, false});
}

// In TLS 1.2 the certificate chain crosses unencrypted (TLS 1.3 encrypts it): who the server is.
void expose_certificate(Cursor body, std::vector<Exposure>& out) {
  std::string who = "the server's identity";
  std::vector<Bytes> chain = wire::certificates_in_message(body.rest(), false);
  auto leaf = chain.empty() ? std::nullopt : wire::summarize_certificate(chain.front());
  if (leaf) who = leaf->subject + ", issued by " + leaf->issuer;
  out.push_back({"certificate chain (unencrypted)", who, body.offset(), body.remaining(), false});
}

// Each handshake message in an unencrypted record: its name, and what it gives away.
std::string read_handshake(Cursor payload, std::vector<Exposure>& out) {
  std::vector<std::string> names;
  std::uint8_t type = 0;
  Cursor body = payload;
  while (payload.u8(type) && payload.prefixed(3, body)) {
    names.push_back(name_or_hex(wire::handshake_type_name(type), type));
    if (type == 1) expose_client_hello(body, out);
    if (type == 2) expose_server_hello(body, out);
    if (type == 11) expose_certificate(body, out);
  }
  if (!payload.empty()) names.push_back("fragment");
  return join(names);
}

std::string read_alert(Cursor payload) {
  std::uint8_t level = 0, description = 0;
  if (!payload.u8(level) || !payload.u8(description)) return "alert";
  return std::string("alert ") + name_or_hex(wire::alert_level_name(level), level) + " " +
         name_or_hex(wire::alert_description_name(description), description);
}

}  // namespace

void read_record(const Step& step, SeenStep& seen) {
  Cursor c(step.bytes);
  std::uint8_t type = 0;
  std::uint16_t version = 0, length = 0;
  if (!c.u8(type) || !c.u16(version) || !c.u16(length)) {
    seen.summary = "a fragment of a TLS record (" + std::to_string(step.bytes.size()) + " bytes)";
    return;
  }
  seen.content_type = type;
  seen.record_version = version;
  seen.record_len = length;
  seen.encrypted = step.is_protected;
  std::string type_name = name_or_hex(wire::content_type_name(type), type);
  std::string size = byte_count(length);
  // An encrypted record's real type is inside the ciphertext: the observer sees only size and outer type.
  if (seen.encrypted) {
    seen.summary = type_name + " record: ciphertext, " + size;
    return;
  }
  Cursor payload = c;
  if (!c.sub(std::min<std::size_t>(length, c.remaining()), payload)) return;
  std::string content = type == kHandshake ? read_handshake(payload, seen.exposures)
                        : type == kAlert   ? read_alert(payload)
                                           : type_name;
  seen.summary = type_name + " record, " + size + ", readable: " + content;
}

}  // namespace hl::eavesdrop
