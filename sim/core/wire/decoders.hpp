// The decoders behind decode.hpp, one per protocol layer. Each appends fields for what it
// reads through the cursor and never reads past it; a DecodeContext carries what earlier
// messages told (version, cipher suite) into later ones.
#pragma once

#include <cstdint>
#include <span>

#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"

namespace hl::wire {

/// What the decoder has learned so far about the connection.
struct DecodeContext {
  std::uint16_t version = 0;       // 0x0303 or 0x0304 once a ServerHello chose it, else 0
  std::uint16_t cipher_suite = 0;  // the ServerHello's choice, 0 until then
  SuiteTraits suite;               // traits of cipher_suite
  bool encrypt_then_mac = false;   // the ServerHello accepted RFC 7366
  bool saw_change_cipher_spec = false;  // for bare record streams: TLS 1.2 records after CCS are encrypted
};

/// Which message an extension block sits in: the same type has different forms (RFC 8446 §4.2).
enum class ExtensionHost : std::uint8_t {
  client_hello,
  server_hello,
  hello_retry_request,
  encrypted_extensions,
  certificate,
  certificate_request,
  new_session_ticket,
};

/// Decodes one handshake message (4-byte header and body) as one node named after its type.
void decode_handshake_message(Cursor& c, FieldList& out, DecodeContext& ctx);

/// Decodes an Extension extensions<min..2^16-1> block as a vector node.
void decode_extension_block(Cursor& c, FieldList& out, ExtensionHost host, std::size_t min_len,
                            DecodeContext& ctx);

/// Decodes the body of a TLS alert record (level, description; repeated while bytes remain).
void decode_alert(Cursor& c, FieldList& out);

/// Decodes the body of a ChangeCipherSpec record.
void decode_change_cipher_spec(Cursor& c, FieldList& out, const DecodeContext& ctx);

/// Decodes application data as one leaf (text when printable).
void decode_application_data(Cursor& c, FieldList& out, const char* name);

/// Decodes one DER TLV and everything inside it, as tag/length/value fields with OIDs named.
void decode_der(Cursor& c, FieldList& out, int depth = 0);

/// How decode_der() shows the contents of a primitive of this universal tag number: an INTEGER
/// in decimal, an OID named, a UTCTime or GeneralizedTime as "2026-09-20 12:00:00 UTC", ...
std::string der_value_text(std::uint32_t universal_tag, std::span<const std::uint8_t> bytes);

/// Decodes one DER OCSPResponse (RFC 6960 §4.2.1) at c into named fields: responseStatus, the
/// BasicOCSPResponse's tbsResponseData (responderID, producedAt, each SingleResponse's certID,
/// certStatus, thisUpdate, nextUpdate), signatureAlgorithm and signature. A wrong tag, a bad or
/// overlong length or trailing bytes become a malformed node; it never reads past c.
void decode_ocsp_response(Cursor& c, FieldList& out);

/// Decodes opaque OCSPResponse<1..2^24-1> (TLS 1.2 CertificateStatus, RFC 6066 §8; the
/// status_request extension of a TLS 1.3 CertificateEntry, RFC 8446 §4.4.2.1) as a vector node
/// holding the decoded response.
void decode_ocsp_response_vector(Cursor& c, FieldList& out);

/// Dotted text and known name of a DER-encoded OID body ("2.5.4.3 (commonName)").
std::string oid_to_text(std::span<const std::uint8_t> body);

}  // namespace hl::wire
